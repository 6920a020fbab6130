#pragma once
// The experiment spec: what to run, as read from JSON (docs/experiment-spec.md).

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ktw {

/// librdkafka properties or topic configs, key -> value as librdkafka takes them (strings).
using PropertyMap = std::map<std::string, std::string>;

enum class ClusterKind { Embedded, External, Local };
enum class TopicMode { Create, Reuse, CreateOrReuse };
enum class KeyMode { None, Distinct, RoundRobin };
enum class ConsumerMode { Group, Assign };
enum class CommitMode { Auto, Sync, Async };
enum class PhaseMode { Concurrent, ProduceThenConsume };
enum class FaultAction { Stop, Resume, Kill, Start };

struct ClusterSpec {
    ClusterKind kind = ClusterKind::Embedded;
    int brokers = 1;               ///< embedded (1..16) and local (1 or 3)
    int broker_rtt_ms = 0;         ///< embedded only: added round-trip delay per broker
    int port = 19092;              ///< local only: broker i listens on port + 2i
    std::string bootstrap_servers; ///< external only
    PropertyMap properties;        ///< applied to every client (e.g. security settings)
};

struct TopicSpec {
    std::string name;         ///< with auto_unique: "<name or ktw>-<YYYYMMDD-HHMMSS>-<4 hex>"
    bool auto_unique = false; ///< append the run id so every run gets a fresh topic
    int partitions = 1;
    int replication_factor = 1;
    PropertyMap configs;
    TopicMode mode = TopicMode::Create;
    bool delete_after = false;
};

/// A transactional producer: each thread commits after N messages or T ms, whichever comes
/// first (0 = that trigger unused). Absent (enabled false) = not transactional.
struct TransactionSpec {
    bool enabled = false;
    int64_t messages_per_transaction = 0;
    int interval_ms = 0;
    int timeout_ms = 30000; ///< bound of each init/commit/abort call
};

struct ProducerSpec {
    int threads = 1;
    PropertyMap properties;
    int64_t messages = 0;         ///< total over all threads; 0 when duration_s is used
    double duration_s = 0;        ///< produce for this long instead of a count
    int message_bytes = 100;      ///< whole value size, the 32-byte measurement header included
    double random_fraction = 1.0; ///< share of each payload that is random (incompressible)
    KeyMode key_mode = KeyMode::None;
    int key_count = 0;      ///< Distinct: number of distinct keys
    double target_rate = 0; ///< msgs/s over all threads; 0 = as fast as possible
    TransactionSpec transactions;
};

struct ConsumerSpec {
    int threads = 1;
    ConsumerMode mode = ConsumerMode::Group;
    std::string group_id; ///< empty: "ktw-<run id>"
    PropertyMap properties;
    CommitMode commit = CommitMode::Auto;
    int processing_us = 0;      ///< simulated work per message
    int max_poll_records = 500; ///< messages one poll may return (Java's max.poll.records)
    int poll_timeout_ms = 100;  ///< how long one poll waits for the first message
};

struct PhaseSpec {
    PhaseMode mode = PhaseMode::Concurrent;
    double warmup_s = 0;        ///< excluded from throughput and latency results
    double timeout_s = 120;     ///< the whole run, group joins and draining included
    double idle_timeout_s = 10; ///< consumers without progress this long end the run
};

struct MeasurementSpec {
    bool enabled = true; ///< false: counts only (used to measure the cost of measuring)
    int tick_ms = 100;   ///< collector interval
    int statistics_interval_ms = 1000;
};

/// Something done to one broker while the run goes on (local and embedded clusters).
struct FaultSpec {
    double at_s = 0; ///< seconds after the producers were released
    int broker = 1;  ///< 1-based
    FaultAction action = FaultAction::Kill;
};

/// Figures from elsewhere (e.g. the tuning diary) shown beside this run's measurement by
/// `ktw-cli series`; never used to run anything.
struct ReferenceSpec {
    bool present = false;
    std::string source;                   ///< where the figures come from
    double assumed_poll_interval_s = 0.1; ///< the diary's estimate: consume time / this
    double produce_msgs_per_s = 0;        ///< 0 = not given
    double consume_msgs_per_s = 0;
    double polls = 0; ///< the source's own poll count (estimated there)
    double messages_per_poll = 0;
};

struct ExperimentSpec {
    std::string name = "experiment";
    std::string description;
    ClusterSpec cluster;
    TopicSpec topic;
    ProducerSpec producer;
    ConsumerSpec consumer;
    PhaseSpec phases;
    MeasurementSpec measurement;
    std::vector<FaultSpec> faults; ///< in the order given
    ReferenceSpec reference;
    /// The "sweep" section as given (null when absent). parse_experiment_spec only checks
    /// that it is an object and keeps it, so an editor round-trips it; parse_sweep_plan
    /// (sweep_plan.h) reads and validates it. A single run ignores it.
    nlohmann::json sweep;
};

/// One problem with a spec: the field path ("producer.message_bytes") and what is wrong.
struct SpecError {
    std::string path;
    std::string message;
    std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

struct SpecParseResult {
    ExperimentSpec spec;
    std::vector<SpecError> errors;
    bool ok() const { return errors.empty(); }
};

/// Reads and validates a spec. Unknown fields are errors; every error names its field.
SpecParseResult parse_experiment_spec(const nlohmann::json& j);
/// The spec with every default filled in, in the same format parse_experiment_spec reads.
nlohmann::json experiment_spec_to_json(const ExperimentSpec& spec);

/// Whether the workbench sets this client property itself (bootstrap.servers, client.id,
/// group.id, ...), so a spec may not: editors leave such keys out of their lists.
bool is_reserved_client_property(const std::string& key);

const char* to_string(ClusterKind v);
const char* to_string(FaultAction v);
const char* to_string(TopicMode v);
const char* to_string(KeyMode v);
const char* to_string(ConsumerMode v);
const char* to_string(CommitMode v);
const char* to_string(PhaseMode v);

} // namespace ktw
