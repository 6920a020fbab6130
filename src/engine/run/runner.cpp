#include "core/record/secret_redaction.h"
#include "core/util/version.h"
#include "engine/run/run_id.h"
#include "engine/run/runner_internals.h"

#include <ctime>
#include <random>
#include <thread>
#include <unistd.h>

namespace ktw {
namespace detail {
namespace {

// Seen in librdkafka 2.0.2's mock cluster (rdkafka_mock_handlers.c, Fetch) and by a probe
// (docs/experiment-spec.md, producer.transactions).
constexpr const char* kEmbeddedTransactionsNote =
    "transactions: the embedded cluster runs the producer side (InitProducerId, "
    "AddPartitionsToTxn, EndTxn), so commit counts and costs are real, but it does not "
    "isolate them: its Fetch answers LastStableOffset = end offset and no aborted-transaction "
    "list, so read_committed consumers see messages before their commit (end-to-end latency "
    "is shorter than on Kafka) and, after an abort, the aborted messages that had reached it; "
    "read_committed isolation needs a local or external cluster";

std::string host_name() {
    char buf[256] = {0};
    return gethostname(buf, sizeof buf - 1) == 0 ? buf : "unknown";
}

} // namespace

std::string iso_time_utc(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Runner::Runner(const RunRequest& request, RunObserver* observer, const CancelToken& cancel)
    : spec_(request.spec), observer_(observer), cancel_(cancel), log_(clock_) {
    std::random_device rd;
    run_tag_ = rd();
    record_.id = make_run_id(spec_.name, run_tag_);
    record_.name = spec_.name;
    // Secrets stay out of the record: it is shared, compared and exported.
    record_.spec = redact_spec_secrets(request.given);
    for (const auto& o : request.overrides)
        record_.overrides.push_back(redact_override(o));
    record_.effective_spec = redact_spec_secrets(experiment_spec_to_json(spec_));
    auto& env = record_.environment;
    env.librdkafka_version = librdkafka_version();
    env.host = host_name();
    env.cpu_count = static_cast<int>(std::thread::hardware_concurrency());
    env.started_at = iso_time_utc(std::chrono::system_clock::now());
    env.cluster_kind = to_string(spec_.cluster.kind);
    env.workbench_version = workbench_version();
}

RunRecord Runner::run() {
    try {
        phase(RunPhase::Connecting);
        setup();
        if (!stopping())
            wait_for_consumers();
        if (!stopping())
            drive();
    } catch (const std::exception& e) {
        status_ = cancel_.cancelled() ? RunStatus::Cancelled : RunStatus::Failed;
        status_detail_ = e.what();
        log_.add(LogLevel::Error, "run", e.what());
    }
    phase(RunPhase::Finishing);
    shut_down();
    finish_record();
    leak_abandoned_workers();
    return std::move(record_);
}

// --- setup ---------------------------------------------------------------------------
void Runner::setup() {
    cluster_ = open_cluster(spec_.cluster, [this] { return cancel_.cancelled(); });
    auto& env = record_.environment;
    env.bootstrap_servers = cluster_->bootstrap_servers();
    env.cluster_notes = cluster_->notes();
    if (spec_.cluster.kind == ClusterKind::Embedded && spec_.producer.transactions.enabled)
        env.cluster_notes.push_back(kEmbeddedTransactionsNote);
    for (const auto& note : env.cluster_notes)
        log_.add(LogLevel::Info, "cluster", note);

    topic_ = spec_.topic.name;
    if (spec_.topic.auto_unique)
        topic_ = (topic_.empty() ? "ktw" : topic_) + "-" + record_.id.substr(0, 15) + "-" +
                 record_.id.substr(record_.id.size() - 4);
    record_.topic = topic_;
    const auto timeout = std::chrono::milliseconds(
        static_cast<int64_t>(std::min(30.0, spec_.phases.timeout_s) * 1000));
    partitions_ = cluster_->prepare_topic(spec_.topic, topic_, timeout,
                                          [this] { return cancel_.cancelled(); });
    env.brokers = cluster_->broker_count();
    record_.topic_partitions = partitions_;
    if (partitions_ != spec_.topic.partitions)
        log_.add(LogLevel::Warning, "run",
                 "topic " + topic_ + " has " + std::to_string(partitions_) +
                     " partitions (the spec says " + std::to_string(spec_.topic.partitions) + ")");

    base_properties_ = spec_.cluster.properties;
    base_properties_["bootstrap.servers"] = cluster_->bootstrap_servers();
    base_properties_["statistics.interval.ms"] =
        spec_.measurement.enabled ? std::to_string(spec_.measurement.statistics_interval_ms) : "0";
    consumer_defaults_ = workbench_consumer_defaults(spec_.cluster.kind);
    create_consumers();
    create_producers();
    collector_ = std::make_unique<IntervalCollector>(producers_, consumers_, clock_,
                                                     spec_.measurement.enabled);
    for (auto& c : consumers_)
        c->start();
    for (auto& p : producers_)
        p->start();
}

void Runner::create_consumers() {
    const std::vector<PropertyLayer> layers = {{"cluster", &base_properties_},
                                               {"workbench defaults", &consumer_defaults_},
                                               {"consumer.properties", &spec_.consumer.properties}};
    for (int i = 0; i < spec_.consumer.threads; ++i) {
        ConsumerPlan plan;
        plan.index = i;
        plan.consumer_count = spec_.consumer.threads;
        plan.topic = topic_;
        plan.partitions = partitions_;
        plan.mode = spec_.consumer.mode;
        plan.group_id =
            spec_.consumer.group_id.empty() ? "ktw-" + record_.id : spec_.consumer.group_id;
        plan.commit = spec_.consumer.commit;
        plan.processing_us = spec_.consumer.processing_us;
        plan.max_poll_records = spec_.consumer.max_poll_records;
        plan.poll_timeout_ms = spec_.consumer.poll_timeout_ms;
        plan.run_tag = run_tag_;
        plan.producers = spec_.producer.threads;
        plan.keys = spec_.producer.key_mode == KeyMode::Distinct ? spec_.producer.key_count : 0;
        plan.measure = spec_.measurement.enabled;
        plan.start_at_end = spec_.topic.mode != TopicMode::Create;
        plan.paused_until_counting = spec_.phases.mode == PhaseMode::ProduceThenConsume;
        plan.statistics_interval_ms = spec_.measurement.statistics_interval_ms;
        consumers_.push_back(
            std::make_unique<ConsumerWorker>(plan, layers, signals_, log_, clock_));
    }
    if (!consumers_.empty())
        record_.client_config["consumer"] = consumers_.front()->effective_config();
}

void Runner::create_producers() {
    const std::vector<PropertyLayer> layers = {{"cluster", &base_properties_},
                                               {"producer.properties", &spec_.producer.properties}};
    const auto& ps = spec_.producer;
    for (int i = 0; i < ps.threads; ++i) {
        ProducerPlan plan;
        plan.index = i;
        plan.topic = topic_;
        plan.partitions = partitions_;
        plan.messages = ps.messages / ps.threads + (i < ps.messages % ps.threads ? 1 : 0);
        plan.duration_s = ps.duration_s;
        plan.message_bytes = ps.message_bytes;
        plan.random_fraction = ps.random_fraction;
        plan.key_mode = ps.key_mode;
        plan.key_count = ps.key_count;
        plan.rate = ps.target_rate / ps.threads;
        plan.run_tag = run_tag_;
        plan.measure = spec_.measurement.enabled;
        plan.flush_timeout_s = std::max(5.0, spec_.phases.timeout_s);
        plan.statistics_interval_ms =
            spec_.measurement.enabled ? spec_.measurement.statistics_interval_ms : 0;
        plan.transactions = ps.transactions;
        // One id per thread and run: two producers sharing an id would fence each other,
        // and a fresh id per run keeps an earlier run's open transaction out of the way.
        plan.transactional_id = "ktw-" + record_.id + "-" + std::to_string(i);
        producers_.push_back(
            std::make_unique<ProducerWorker>(plan, layers, signals_, log_, clock_));
    }
    if (!producers_.empty())
        record_.client_config["producer"] = producers_.front()->effective_config();
}

} // namespace detail

const char* to_string(RunPhase phase) {
    switch (phase) {
    case RunPhase::Starting:
        return "starting";
    case RunPhase::Connecting:
        return "connecting";
    case RunPhase::JoiningGroup:
        return "joining group";
    case RunPhase::Producing:
        return "producing";
    case RunPhase::Consuming:
        return "consuming";
    case RunPhase::Draining:
        return "draining";
    case RunPhase::Finishing:
        break;
    }
    return "finishing";
}

RunRecord execute_run(const RunRequest& request, RunObserver* observer, const CancelToken& cancel) {
    detail::Runner runner(request, observer, cancel);
    return runner.run();
}

} // namespace ktw
