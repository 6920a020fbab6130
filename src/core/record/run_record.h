#pragma once
// The run record: everything one run measured, as saved in the workspace (docs/run-format.md).

#include "core/metrics/delivery_audit.h"
#include "core/metrics/latency_histogram.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ktw {

inline constexpr int kRunFormatVersion = 1;

enum class RunStatus { Completed, Cancelled, TimedOut, Failed };
const char* to_string(RunStatus s);
std::optional<RunStatus> run_status_from_string(const std::string& s);

/// Messages and bytes over the measured window (warm-up excluded).
struct ThroughputFigures {
    uint64_t messages = 0;
    uint64_t bytes = 0;
    double seconds = 0; ///< measured window
    double msgs_per_s = 0;
    double mib_per_s = 0; ///< MiB (2^20 bytes) per second, as Kafka's perf tools print "MB"
};

/// One consumer's measured poll and fetch breakdown (whole consume phase).
struct ConsumerFigures {
    int index = 0;
    uint64_t messages = 0;
    uint64_t polls = 0;           ///< poll calls the worker made
    uint64_t nonempty_polls = 0;  ///< polls that returned at least one message
    double messages_per_poll = 0; ///< messages / non-empty polls
    uint64_t fetches = 0;         ///< Fetch requests sent (librdkafka statistics, req.Fetch)
    double messages_per_fetch = 0;
    double mean_poll_interval_ms = 0; ///< consume time / polls
    double seconds = 0;
    double msgs_per_s = 0;
};

struct ProducerFigures {
    int index = 0;
    uint64_t acknowledged = 0;
    uint64_t failed = 0;
    double seconds = 0;
    double msgs_per_s = 0;
};

/// What a transactional producer did (summary.producer.transactions; only when transactional).
struct TransactionFigures {
    bool enabled = false;
    uint64_t committed = 0;
    uint64_t aborted = 0;
    uint64_t messages_aborted = 0; ///< not expected by the audit
    double per_s = 0;              ///< committed transactions per second of the producer window
    LatencySummary commit_us;      ///< commit_transaction() call to its return (flush included)
};

/// Bytes the producers put on the wire, from librdkafka statistics (summary.producer.wire).
struct WireFigures {
    uint64_t payload_bytes = 0; ///< message values acknowledged (committed), whole run
    uint64_t batch_bytes = 0;   ///< record batches as produced: after compression, batch
                                ///< headers and per-record framing and keys included
    uint64_t batches = 0;
    uint64_t request_bytes = 0;   ///< all bytes written to the brokers: every request's framing
                                  ///< and the non-produce requests (protocol overhead) included
    double compression_ratio = 0; ///< payload_bytes / batch_bytes
    double wire_ratio = 0;        ///< payload_bytes / request_bytes
    bool complete = false;        ///< a statistics emit came after each producer's last message
};

struct RunSummary {
    uint64_t produced = 0; ///< acknowledged by the cluster (whole run, warm-up included)
    uint64_t produce_failed = 0;
    uint64_t consumed = 0; ///< received by consumers (whole run, duplicates included)
    ThroughputFigures producer;
    ThroughputFigures consumer;
    // consumer breakdown, all consumers together
    uint64_t polls = 0;
    uint64_t nonempty_polls = 0;
    double messages_per_poll = 0;
    uint64_t fetches = 0;
    double messages_per_fetch = 0;
    double mean_poll_interval_ms = 0;
    /// Produce-then-consume: from the start of the consume phase to the first message (resuming
    /// the paused partitions, the first fetch); reported here and left out of the consumer
    /// throughput window.
    double consume_start_delay_ms = 0;
    LatencySummary ack_us;        ///< produce() (or intended send time) -> delivery report
    LatencySummary e2e_us;        ///< send time -> consumed
    LatencySummary send_delay_us; ///< produce() call - intended send time (target rate only)
    std::vector<ProducerFigures> producers;
    std::vector<ConsumerFigures> consumers;
    TransactionFigures transactions;
    WireFigures wire;
    DeliveryAudit audit;
    std::map<int, uint64_t> bytes_per_partition; ///< acknowledged payload bytes
    double elapsed_s = 0;                        ///< whole run, setup to teardown
};

/// One collector tick: rates and latency of that interval only.
struct IntervalPoint {
    double t = 0; ///< seconds since the run started (end of the interval)
    double dt = 0;
    uint64_t produced = 0, produced_bytes = 0, consumed = 0, consumed_bytes = 0;
    double produce_msgs_per_s = 0, consume_msgs_per_s = 0;
    double produce_mib_per_s = 0, consume_mib_per_s = 0;
    uint64_t ack_p50_us = 0, ack_p99_us = 0, ack_p999_us = 0;
    uint64_t e2e_p50_us = 0, e2e_p99_us = 0, e2e_p999_us = 0;
    uint64_t polls = 0, nonempty_polls = 0;
    double messages_per_poll = 0;
    int64_t backlog = 0; ///< acknowledged - consumed so far (this run's consumer lag)
    bool warmup = false;
};

/// One librdkafka statistics emit, reduced to what tuning needs. Window values (rtt,
/// int_latency, outbuf_latency, batch size/count) cover only the last statistics interval.
struct StatisticsSample {
    double t = 0;
    std::string client; ///< "producer-0", "consumer-1", ...
    double rtt_avg_us = 0, rtt_p99_us = 0;
    double int_latency_avg_us = 0, int_latency_p99_us = 0;
    double outbuf_latency_avg_us = 0, outbuf_latency_p99_us = 0;
    double batch_size_avg_bytes = 0, batch_count_avg = 0;
    uint64_t fetch_requests = 0; ///< cumulative, all brokers
    uint64_t produce_requests = 0;
    uint64_t tx_msgs = 0, rx_msgs = 0; ///< cumulative
    int64_t consumer_lag = 0; ///< sum over assigned partitions (-1 per unknown one skipped)
    uint64_t tx_bytes = 0, rx_bytes = 0;
    /// This window's produced record batches (topics' batchsize sum and cnt): summed over
    /// every emit they give the whole run's batch bytes.
    uint64_t batch_bytes = 0, batches = 0;
};

/// How much a log line matters: errors and warnings reach the terminal and are coloured in
/// the GUI; infos (cluster notes, librdkafka's notices) only the record. In JSON: "info",
/// "warning", "error".
enum class LogLevel { Info, Warning, Error };
const char* to_string(LogLevel level);

struct LogEntry {
    double t = 0;
    LogLevel level = LogLevel::Info;
    std::string source; ///< "producer-0", "cluster", "run"
    std::string message;
};

struct Verdict {
    bool valid = false;
    std::vector<std::string> reasons;  ///< why not valid
    std::vector<std::string> warnings; ///< valid, but worth knowing
};

struct RunEnvironment {
    std::string librdkafka_version;
    std::string host;
    int cpu_count = 0;
    std::string started_at; ///< ISO 8601 UTC
    std::string ended_at;
    std::string cluster_kind;
    int brokers = 0;
    std::string bootstrap_servers;
    std::vector<std::string> cluster_notes; ///< e.g. the embedded cluster's limits
    std::string workbench_version;
};

/// Where a run stands in a sweep (absent for a single run).
struct RunSweepInfo {
    std::string id;        ///< "sweep-YYYYMMDD-HHMMSS-<name slug>-<4 hex>", shared by its runs
    int point = 0;         ///< 0-based index in the expansion order (sweep_plan.h)
    int points = 0;        ///< how many points the sweep has
    std::string label;     ///< "batch.size=16384 linger.ms=5"
    nlohmann::json values; ///< axis path -> value
    int repeat = 0;        ///< 0-based; warm-up runs are numbered on their own
    bool warmup = false;   ///< a warm-up run: saved, never counted in results
    nlohmann::json spec;   ///< the sweep's whole spec ("sweep" included), secrets redacted
};

struct RunRecord {
    std::string id;
    std::string name;
    RunStatus status = RunStatus::Completed;
    nlohmann::json spec; ///< as given (overrides applied)
    std::vector<std::string> overrides;
    nlohmann::json effective_spec; ///< every default filled in
    std::string topic;             ///< the topic actually used
    int topic_partitions = 0;      ///< its partition count as the cluster reported it
    std::map<std::string, std::map<std::string, std::string>> client_config; ///< secrets redacted
    RunEnvironment environment;
    RunSummary summary;
    Verdict verdict;
    std::vector<IntervalPoint> intervals;
    std::vector<StatisticsSample> statistics;
    LatencyHistogram ack_histogram, e2e_histogram, send_delay_histogram;
    std::vector<LogEntry> log;
    nlohmann::json user; ///< name/tags/notes added later by the user; kept as given
    std::optional<RunSweepInfo> sweep;
};

nlohmann::json run_record_to_json(const RunRecord& r);
/// Throws std::runtime_error naming the field on a record that is not readable.
RunRecord run_record_from_json(const nlohmann::json& j);

} // namespace ktw
