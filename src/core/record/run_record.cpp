#include "core/record/run_record.h"

#include <stdexcept>

namespace ktw {

// Field-by-field conversions; "_WITH_DEFAULT" lets older records with fewer fields load.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ThroughputFigures, messages, bytes, seconds,
                                                msgs_per_s, mib_per_s)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ConsumerFigures, index, messages, polls,
                                                nonempty_polls, messages_per_poll, fetches,
                                                messages_per_fetch, mean_poll_interval_ms, seconds,
                                                msgs_per_s)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProducerFigures, index, acknowledged, failed,
                                                seconds, msgs_per_s)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeliveryAudit, acknowledged, consumed,
                                                consumed_unique, lost, duplicates, out_of_order,
                                                out_of_order_by_key, unacknowledged_consumed,
                                                foreign, key_order_checked)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    IntervalPoint, t, dt, produced, produced_bytes, consumed, consumed_bytes, produce_msgs_per_s,
    consume_msgs_per_s, produce_mib_per_s, consume_mib_per_s, ack_p50_us, ack_p99_us, ack_p999_us,
    e2e_p50_us, e2e_p99_us, e2e_p999_us, polls, nonempty_polls, messages_per_poll, backlog, warmup)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(StatisticsSample, t, client, rtt_avg_us, rtt_p99_us,
                                                int_latency_avg_us, int_latency_p99_us,
                                                outbuf_latency_avg_us, outbuf_latency_p99_us,
                                                batch_size_avg_bytes, batch_count_avg,
                                                fetch_requests, produce_requests, tx_msgs, rx_msgs,
                                                consumer_lag, tx_bytes, rx_bytes, batch_bytes,
                                                batches)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(WireFigures, payload_bytes, batch_bytes, batches,
                                                request_bytes, compression_ratio, wire_ratio,
                                                complete)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunSweepInfo, id, point, points, label, values,
                                                repeat, warmup, spec)
// An unknown level (a record from a newer version) reads as the first: info.
NLOHMANN_JSON_SERIALIZE_ENUM(LogLevel, {{LogLevel::Info, "info"},
                                        {LogLevel::Warning, "warning"},
                                        {LogLevel::Error, "error"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LogEntry, t, level, source, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Verdict, valid, reasons, warnings)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunEnvironment, librdkafka_version, host, cpu_count,
                                                started_at, ended_at, cluster_kind, brokers,
                                                bootstrap_servers, cluster_notes, workbench_version)

const char* to_string(LogLevel level) {
    switch (level) {
    case LogLevel::Warning:
        return "warning";
    case LogLevel::Error:
        return "error";
    case LogLevel::Info:
        break;
    }
    return "info";
}

void to_json(nlohmann::json& j, const LatencySummary& s) {
    j = {{"count", s.count}, {"mean", s.mean_us}, {"min", s.min_us},   {"p50", s.p50_us},
         {"p90", s.p90_us},  {"p99", s.p99_us},   {"p999", s.p999_us}, {"max", s.max_us}};
}

void from_json(const nlohmann::json& j, LatencySummary& s) {
    s.count = j.value("count", uint64_t{0});
    s.mean_us = j.value("mean", 0.0);
    s.min_us = j.value("min", uint64_t{0});
    s.p50_us = j.value("p50", uint64_t{0});
    s.p90_us = j.value("p90", uint64_t{0});
    s.p99_us = j.value("p99", uint64_t{0});
    s.p999_us = j.value("p999", uint64_t{0});
    s.max_us = j.value("max", uint64_t{0});
}

namespace {

nlohmann::json transactions_to_json(const TransactionFigures& t) {
    return {{"committed", t.committed},
            {"aborted", t.aborted},
            {"messages_aborted", t.messages_aborted},
            {"per_s", t.per_s},
            {"commit_us", t.commit_us}};
}

TransactionFigures transactions_from_json(const nlohmann::json& j) {
    TransactionFigures t;
    t.enabled = true;
    t.committed = j.value("committed", uint64_t{0});
    t.aborted = j.value("aborted", uint64_t{0});
    t.messages_aborted = j.value("messages_aborted", uint64_t{0});
    t.per_s = j.value("per_s", 0.0);
    t.commit_us = j.value("commit_us", LatencySummary{});
    return t;
}

nlohmann::json summary_to_json(const RunSummary& s) {
    nlohmann::json producer = s.producer;
    producer["failed"] = s.produce_failed;
    producer["per_producer"] = s.producers;
    producer["wire"] = s.wire;
    if (s.transactions.enabled) // left out otherwise: records of other runs stay as they were
        producer["transactions"] = transactions_to_json(s.transactions);
    nlohmann::json consumer = s.consumer;
    consumer["polls"] = s.polls;
    consumer["nonempty_polls"] = s.nonempty_polls;
    consumer["messages_per_poll"] = s.messages_per_poll;
    consumer["fetches"] = s.fetches;
    consumer["messages_per_fetch"] = s.messages_per_fetch;
    consumer["mean_poll_interval_ms"] = s.mean_poll_interval_ms;
    consumer["start_delay_ms"] = s.consume_start_delay_ms;
    consumer["per_consumer"] = s.consumers;
    nlohmann::json partitions = nlohmann::json::object();
    for (const auto& [p, bytes] : s.bytes_per_partition)
        partitions[std::to_string(p)] = bytes;
    return {{"produced", s.produced},
            {"consumed", s.consumed},
            {"elapsed_s", s.elapsed_s},
            {"producer", producer},
            {"consumer", consumer},
            {"latency",
             {{"ack_us", s.ack_us}, {"e2e_us", s.e2e_us}, {"send_delay_us", s.send_delay_us}}},
            {"audit", s.audit},
            {"bytes_per_partition", partitions}};
}

RunSummary summary_from_json(const nlohmann::json& j) {
    RunSummary s;
    s.produced = j.at("produced").get<uint64_t>();
    s.consumed = j.at("consumed").get<uint64_t>();
    s.elapsed_s = j.value("elapsed_s", 0.0);
    const auto& producer = j.at("producer");
    s.producer = producer.get<ThroughputFigures>();
    s.produce_failed = producer.value("failed", uint64_t{0});
    s.producers = producer.value("per_producer", std::vector<ProducerFigures>{});
    s.wire = producer.value("wire", WireFigures{});
    if (const auto t = producer.find("transactions"); t != producer.end() && t->is_object())
        s.transactions = transactions_from_json(*t);
    const auto& consumer = j.at("consumer");
    s.consumer = consumer.get<ThroughputFigures>();
    s.polls = consumer.value("polls", uint64_t{0});
    s.nonempty_polls = consumer.value("nonempty_polls", uint64_t{0});
    s.messages_per_poll = consumer.value("messages_per_poll", 0.0);
    s.fetches = consumer.value("fetches", uint64_t{0});
    s.messages_per_fetch = consumer.value("messages_per_fetch", 0.0);
    s.mean_poll_interval_ms = consumer.value("mean_poll_interval_ms", 0.0);
    s.consume_start_delay_ms = consumer.value("start_delay_ms", 0.0);
    s.consumers = consumer.value("per_consumer", std::vector<ConsumerFigures>{});
    const auto& latency = j.at("latency");
    s.ack_us = latency.at("ack_us").get<LatencySummary>();
    s.e2e_us = latency.at("e2e_us").get<LatencySummary>();
    s.send_delay_us = latency.value("send_delay_us", LatencySummary{});
    s.audit = j.value("audit", DeliveryAudit{});
    const auto partitions = j.value("bytes_per_partition", nlohmann::json::object()); // keep alive
    for (const auto& [p, bytes] : partitions.items())
        s.bytes_per_partition[std::stoi(p)] = bytes.get<uint64_t>();
    return s;
}

} // namespace

const char* to_string(RunStatus s) {
    switch (s) {
    case RunStatus::Completed:
        return "completed";
    case RunStatus::Cancelled:
        return "cancelled";
    case RunStatus::TimedOut:
        return "timed_out";
    case RunStatus::Failed:
        return "failed";
    }
    return "?";
}

std::optional<RunStatus> run_status_from_string(const std::string& s) {
    for (auto v :
         {RunStatus::Completed, RunStatus::Cancelled, RunStatus::TimedOut, RunStatus::Failed})
        if (s == to_string(v))
            return v;
    return std::nullopt;
}

nlohmann::json run_record_to_json(const RunRecord& r) {
    nlohmann::json j = {{"format", "ktw-run"},
                        {"format_version", kRunFormatVersion},
                        {"id", r.id},
                        {"name", r.name},
                        {"status", to_string(r.status)},
                        {"spec", r.spec},
                        {"overrides", r.overrides},
                        {"effective_spec", r.effective_spec},
                        {"topic", r.topic},
                        {"topic_partitions", r.topic_partitions},
                        {"client_config", r.client_config},
                        {"environment", r.environment},
                        {"summary", summary_to_json(r.summary)},
                        {"verdict", r.verdict},
                        {"intervals", r.intervals},
                        {"statistics", r.statistics},
                        {"histograms",
                         {{"ack_us", r.ack_histogram.to_json()},
                          {"e2e_us", r.e2e_histogram.to_json()},
                          {"send_delay_us", r.send_delay_histogram.to_json()}}},
                        {"log", r.log},
                        {"user", r.user.is_null() ? nlohmann::json::object() : r.user}};
    if (r.sweep) // absent for single runs, so their records stay as they were
        j["sweep"] = *r.sweep;
    return j;
}

RunRecord run_record_from_json(const nlohmann::json& j) {
    if (!j.is_object() || j.value("format", "") != "ktw-run")
        throw std::runtime_error("not a workbench run record (no \"format\": \"ktw-run\")");
    const int version = j.value("format_version", 0);
    if (version < 1 || version > kRunFormatVersion)
        throw std::runtime_error("run format version " + std::to_string(version) +
                                 " is not supported (this build reads 1 to " +
                                 std::to_string(kRunFormatVersion) + ")");
    const std::string* field = nullptr;
    static const std::string kFields[] = {"id",         "status",    "summary",     "verdict",
                                          "histograms", "intervals", "environment", "rest"};
    try {
        RunRecord r;
        field = &kFields[0];
        r.id = j.at("id").get<std::string>();
        r.name = j.value("name", r.id);
        field = &kFields[1];
        const auto status = run_status_from_string(j.at("status").get<std::string>());
        if (!status)
            throw std::runtime_error("unknown status " + j.at("status").dump());
        r.status = *status;
        field = &kFields[2];
        r.summary = summary_from_json(j.at("summary"));
        field = &kFields[3];
        r.verdict = j.at("verdict").get<Verdict>();
        field = &kFields[4];
        const auto& h = j.at("histograms");
        r.ack_histogram = LatencyHistogram::from_json(h.at("ack_us"));
        r.e2e_histogram = LatencyHistogram::from_json(h.at("e2e_us"));
        if (h.contains("send_delay_us"))
            r.send_delay_histogram = LatencyHistogram::from_json(h.at("send_delay_us"));
        field = &kFields[5];
        r.intervals = j.value("intervals", std::vector<IntervalPoint>{});
        r.statistics = j.value("statistics", std::vector<StatisticsSample>{});
        field = &kFields[6];
        r.environment = j.value("environment", RunEnvironment{});
        field = &kFields[7];
        r.spec = j.value("spec", nlohmann::json::object());
        r.overrides = j.value("overrides", std::vector<std::string>{});
        r.effective_spec = j.value("effective_spec", nlohmann::json::object());
        r.topic = j.value("topic", "");
        r.topic_partitions = j.value("topic_partitions", 0);
        r.client_config = j.value("client_config", decltype(r.client_config){});
        r.log = j.value("log", std::vector<LogEntry>{});
        r.user = j.value("user", nlohmann::json::object());
        if (j.contains("sweep") && j["sweep"].is_object())
            r.sweep = j["sweep"].get<RunSweepInfo>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("field \"" + *field + "\": " + e.what());
    }
}

} // namespace ktw
