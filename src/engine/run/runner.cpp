#include "engine/run/runner.h"

#include "engine/kafka/client_config.h"
#include "engine/clusters/cluster.h"
#include "engine/workers/consumer_worker.h"
#include "engine/run/interval_collector.h"
#include "engine/workers/producer_worker.h"
#include "engine/run/run_context.h"
#include "engine/run/run_summary.h"
#include "core/util/version.h"
#include "core/analysis/run_verdict.h"
#include "core/record/secret_redaction.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <random>
#include <thread>
#include <unistd.h>

namespace ktw {
namespace {

constexpr auto kLoopStep = std::chrono::milliseconds(10);
// Seen in librdkafka 2.0.2's mock cluster (rdkafka_mock_handlers.c, Fetch) and by a probe
// (docs/experiment-spec.md, producer.transactions).
constexpr const char* kEmbeddedTransactionsNote =
    "transactions: the embedded cluster runs the producer side (InitProducerId, "
    "AddPartitionsToTxn, EndTxn), so commit counts and costs are real, but it does not "
    "isolate them: its Fetch answers LastStableOffset = end offset and no aborted-transaction "
    "list, so read_committed consumers see messages before their commit (end-to-end latency "
    "is shorter than on Kafka) and, after an abort, the aborted messages that had reached it; "
    "read_committed isolation needs a local or external cluster";
// How long the clients' rd_kafka_destroy may take, all together, before they are abandoned.
constexpr auto kClientDestroyLimit = std::chrono::seconds(10);
constexpr auto kClientDestroyLimitOnCancel = std::chrono::seconds(1);

std::string iso_time_utc(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string host_name() {
    char buf[256] = {0};
    return gethostname(buf, sizeof buf - 1) == 0 ? buf : "unknown";
}

class Runner {
  public:
    Runner(const RunRequest& request, RunObserver* observer, const CancelToken& cancel)
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

    RunRecord run() {
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

  private:
    // --- setup ---------------------------------------------------------------------------
    void setup() {
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
                         " partitions (the spec says " + std::to_string(spec_.topic.partitions) +
                         ")");

        base_properties_ = spec_.cluster.properties;
        base_properties_["bootstrap.servers"] = cluster_->bootstrap_servers();
        base_properties_["statistics.interval.ms"] =
            spec_.measurement.enabled ? std::to_string(spec_.measurement.statistics_interval_ms)
                                      : "0";
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

    void create_consumers() {
        const std::vector<PropertyLayer> layers = {
            {"cluster", &base_properties_},
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

    void create_producers() {
        const std::vector<PropertyLayer> layers = {
            {"cluster", &base_properties_}, {"producer.properties", &spec_.producer.properties}};
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

    // Producers start only when every consumer has its partitions: nothing is consumed
    // before the measurement starts, and no rebalance redelivers messages mid-run.
    void wait_for_consumers() {
        phase(spec_.consumer.mode == ConsumerMode::Group && !consumers_.empty()
                  ? RunPhase::JoiningGroup
                  : RunPhase::Connecting);
        while (!stopping()) {
            int assigned = 0;
            bool everyone = true;
            for (const auto& c : consumers_) {
                assigned += c->meters().assigned_partitions.load();
                everyone = everyone && c->meters().assignments.load() > 0;
            }
            bool producers_ready = std::all_of(producers_.begin(), producers_.end(),
                                               [](const auto& p) { return p->ready(); });
            if (producers_ready && (consumers_.empty() || (everyone && assigned >= partitions_)))
                return;
            step();
        }
    }

    // --- the run -------------------------------------------------------------------------
    void drive() {
        // The first interval starts before anything can be sent: every ack lands in one.
        collector_->reset();
        const int64_t go = RunClock::now_ns();
        signals_.go_ns = go;
        signals_.go = true;
        if (spec_.phases.mode == PhaseMode::Concurrent)
            start_consume_phase(go);
        phase(RunPhase::Producing);
        if (warmup_ns() == 0) { // nothing was sent before go: the baseline is zero, at go
            producer_baseline_ = MeterTotals{};
            producer_baseline_.t = clock_.seconds_at(go);
            producer_baseline_taken_ = true;
        }
        int64_t last_progress_ns = go;
        uint64_t last_consumed = 0;
        while (!stopping()) {
            step();
            const int64_t now = RunClock::now_ns();
            const bool producers_done =
                std::all_of(producers_.begin(), producers_.end(),
                            [](const auto& p) { return p->meters().finished.load(); });
            // read after producers_done: once they are done, these acks are final
            const MeterTotals totals = collector_->read(/*histograms=*/false);
            if (!producer_baseline_taken_ && now >= go + warmup_ns()) {
                producer_baseline_ = collector_->read();
                producer_baseline_taken_ = true;
            }
            if (consume_start_ns_ && !consumer_baseline_taken_)
                take_consumer_baseline_when_due(now);
            if (totals.consumed != last_consumed) {
                last_consumed = totals.consumed;
                last_progress_ns = now;
            }
            if (producers_done && !consume_start_ns_ && !consumers_.empty()) {
                start_consume_phase(now);
                last_progress_ns = now;
            }
            apply_due_faults(now, go);
            if (producers_done && consumers_.empty())
                break;
            if (producers_done && consume_start_ns_) {
                if (phase_ != RunPhase::Consuming && phase_ != RunPhase::Draining)
                    phase(spec_.phases.mode == PhaseMode::Concurrent ? RunPhase::Draining
                                                                     : RunPhase::Consuming);
                // Done when every acknowledged message has arrived once (duplicates and other
                // runs' messages do not count); without measurement only counts are known.
                const uint64_t arrived =
                    spec_.measurement.enabled ? totals.first_deliveries : totals.consumed;
                if (arrived >= totals.acked)
                    break;
                const double idle_s = static_cast<double>(now - last_progress_ns) / 1e9;
                if (idle_s >= spec_.phases.idle_timeout_s) {
                    log_.add(LogLevel::Warning, "run",
                             "consumers received nothing for " +
                                 std::to_string(static_cast<int>(idle_s)) +
                                 " s (phases.idle_timeout_s); ending the run");
                    break;
                }
            }
        }
    }

    // The spec's faults, each once, when its time after go has come.
    void apply_due_faults(int64_t now, int64_t go) {
        while (next_fault_ < spec_.faults.size() &&
               now >= go + static_cast<int64_t>(spec_.faults[next_fault_].at_s * 1e9)) {
            const FaultSpec& f = spec_.faults[next_fault_++];
            const std::string what = std::string(to_string(f.action)) + " broker " +
                                     std::to_string(f.broker) + " (fault at " +
                                     std::to_string(f.at_s) + " s)";
            const std::string err = cluster_->apply_fault(f.broker, f.action);
            if (err.empty())
                log_.add(LogLevel::Info, "fault", what);
            else
                log_.add(LogLevel::Error, "fault", what + " failed: " + err);
        }
    }

    // The consumers' measured window starts after their warm-up. Produce-then-consume without
    // a warm-up starts it at the first message: the paused consumers' fetchers only wake up
    // after the resume (up to about a second), which is not consuming; the summary reports
    // that wait separately. Nothing was consumed before, so the baseline is zero.
    void take_consumer_baseline_when_due(int64_t now) {
        if (warmup_ns() > 0) {
            if (now >= consume_start_ns_ + warmup_ns()) {
                consumer_baseline_ = collector_->read();
                consumer_baseline_taken_ = true;
            }
            return;
        }
        int64_t first = 0;
        for (const auto& c : consumers_) {
            const int64_t t = c->meters().first_message_ns.load();
            if (t && (!first || t < first))
                first = t;
        }
        if (first) {
            consumer_baseline_ = MeterTotals{};
            consumer_baseline_.t = clock_.seconds_at(first);
            consumer_baseline_taken_ = true;
        }
    }

    void start_consume_phase(int64_t now) {
        // Concurrent, no warm-up: nothing was consumed before, the baseline is zero at the start.
        if (warmup_ns() == 0 && spec_.phases.mode == PhaseMode::Concurrent) {
            consumer_baseline_ = MeterTotals{};
            consumer_baseline_.t = clock_.seconds_at(now);
            consumer_baseline_taken_ = true;
        }
        consume_start_ns_ = now;
        signals_.consume_start_ns = now;
        signals_.consumers_counting = true;
        if (spec_.phases.mode == PhaseMode::ProduceThenConsume)
            phase(RunPhase::Consuming);
    }

    int64_t warmup_ns() const { return static_cast<int64_t>(spec_.phases.warmup_s * 1e9); }

    // One loop step: publish a tick when due, forward log lines, check cancel and timeout.
    void step() {
        std::this_thread::sleep_for(kLoopStep);
        const double now = clock_.seconds_now();
        if (collector_ && now - last_tick_ >= spec_.measurement.tick_ms / 1000.0) {
            last_tick_ = now;
            publish_tick();
        }
        forward_log();
        if (cancel_.cancelled() && !stopping()) {
            status_ = RunStatus::Cancelled;
            status_detail_ =
                "stopped by the user after " + std::to_string(static_cast<int>(now)) + " s";
            signals_.abort = true;
        } else if (now >= spec_.phases.timeout_s && !stopping()) {
            status_ = RunStatus::TimedOut;
            status_detail_ = "timed out after " +
                             std::to_string(static_cast<int>(spec_.phases.timeout_s)) +
                             " s (phases.timeout_s)";
            log_.add(LogLevel::Error, "run", "timed out while " + std::string(to_string(phase_)) + ": " + where_things_stand());
            log_.add(LogLevel::Error, "run", status_detail_);
            signals_.abort = true;
        }
    }

    // For a timeout: what the run was waiting for, in numbers.
    std::string where_things_stand() const {
        int ready = 0, assigned_consumers = 0, partitions = 0;
        for (const auto& p : producers_)
            ready += p->ready() ? 1 : 0;
        for (const auto& c : consumers_) {
            assigned_consumers += c->meters().assignments.load() > 0 ? 1 : 0;
            partitions += c->meters().assigned_partitions.load();
        }
        const MeterTotals t = collector_ ? collector_->read(false) : MeterTotals{};
        return std::to_string(ready) + " of " + std::to_string(producers_.size()) +
               " producers ready, " + std::to_string(assigned_consumers) + " of " +
               std::to_string(consumers_.size()) + " consumers assigned with " +
               std::to_string(partitions) + " of " + std::to_string(partitions_) + " partitions; " +
               std::to_string(t.acked) + " acknowledged, " + std::to_string(t.consumed) +
               " consumed";
    }

    bool stopping() const { return signals_.abort.load(); }

    void publish_tick() {
        const int64_t go = signals_.go_ns.load();
        const bool in_warmup = go && RunClock::now_ns() < go + warmup_ns();
        IntervalPoint point = collector_->tick(in_warmup);
        if (go)
            record_.intervals.push_back(point);
        if (!observer_)
            return;
        LiveSnapshot s;
        s.interval = point;
        s.phase = phase_;
        s.elapsed_s = point.t;
        s.acked = collector_->last().acked;
        s.consumed = collector_->last().consumed;
        s.planned = static_cast<uint64_t>(spec_.producer.messages);
        if (s.planned > 0) {
            const double goal = static_cast<double>(s.planned) * (consumers_.empty() ? 1 : 2);
            s.progress = std::min(
                1.0, static_cast<double>(s.acked + (consumers_.empty() ? 0 : s.consumed)) / goal);
        } else if (spec_.producer.duration_s > 0 && go) {
            s.progress = std::min(1.0, (clock_.seconds_now() - clock_.seconds_at(go)) /
                                           spec_.producer.duration_s);
        }
        observer_->on_snapshot(s);
    }

    void forward_log() {
        for (auto& entry : log_.drain()) {
            if (observer_)
                observer_->on_log(entry);
            record_.log.push_back(std::move(entry));
        }
    }

    void phase(RunPhase p) {
        phase_ = p;
        if (observer_)
            observer_->on_phase(p);
    }

    // --- teardown ------------------------------------------------------------------------
    void shut_down() {
        signals_.stop_producers = true;
        signals_.stop_consumers = true;
        for (auto& p : producers_)
            p->join();
        for (auto& c : consumers_)
            c->join();
        if (collector_) {
            final_totals_ = collector_->read();
            // A short run can end within one loop step of its first message.
            if (consume_start_ns_ && !consumer_baseline_taken_ && warmup_ns() == 0)
                take_consumer_baseline_when_due(RunClock::now_ns());
            if (signals_.go_ns.load())
                record_.intervals.push_back(collector_->tick(false));
        }
        // Before the topic is deleted: librdkafka 2.0.2 never frees a consumer's partition
        // of a topic deleted while the consumer still exists (closed or not), so destroying
        // that consumer afterwards would wait forever for its broker thread.
        destroy_clients();
        if (cluster_ && spec_.topic.delete_after && !topic_.empty() &&
            status_ != RunStatus::Cancelled) { // a cancel should not wait for a deletion
            const std::string err = cluster_->delete_topic(topic_, std::chrono::seconds(10));
            if (!err.empty())
                log_.add(LogLevel::Warning, "cluster", "could not delete topic " + topic_ + ": " + err);
        }
    }

    // Destroys every client, all at once, with one deadline. A client whose destroy does not
    // finish is abandoned: logged, its callbacks muted, its worker leaked (librdkafka's threads
    // still reference it), so the run still ends and returns its record.
    void destroy_clients() {
        struct Pending {
            std::unique_ptr<PendingDestroy> destroy;
            std::function<void()> abandon;
            std::string name;
        };
        std::vector<Pending> pending;
        for (auto& c : consumers_)
            if (auto d = c->begin_destroy())
                pending.push_back({std::move(d), [this, w = c.get()] { abandon(w); }, c->name()});
        for (auto& p : producers_)
            if (auto d = p->begin_destroy())
                pending.push_back({std::move(d), [this, w = p.get()] { abandon(w); }, p->name()});
        const auto limit =
            status_ == RunStatus::Cancelled ? kClientDestroyLimitOnCancel : kClientDestroyLimit;
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (auto& p : pending) {
            if (p.destroy->wait_until(deadline))
                continue;
            p.abandon();
            const std::string what =
                "librdkafka did not finish destroying the client within " +
                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(limit).count()) +
                " s; it is left running (its threads and memory stay until the program exits)";
            log_.add(LogLevel::Error, p.name, what);
            abandoned_clients_.push_back(p.name + ": " + what);
        }
    }

    void abandon(ConsumerWorker* w) {
        w->abandon_client();
        abandoned_consumers_.push_back(w);
    }
    void abandon(ProducerWorker* w) {
        w->abandon_client();
        abandoned_producers_.push_back(w);
    }

    // A worker whose client was abandoned must outlive the run: librdkafka's threads still
    // hold it as their callbacks' opaque.
    void leak_abandoned_workers() {
        auto leak = [](auto& workers, const auto& abandoned) {
            for (auto& w : workers)
                if (std::find(abandoned.begin(), abandoned.end(), w.get()) != abandoned.end())
                    static_cast<void>(w.release());
        };
        leak(consumers_, abandoned_consumers_);
        leak(producers_, abandoned_producers_);
    }

    void finish_record() {
        record_.status = status_;
        record_.environment.ended_at = iso_time_utc(std::chrono::system_clock::now());
        RunSummaryInputs in{spec_, clock_, producers_, consumers_};
        in.final_totals = &final_totals_;
        in.producer_baseline = producer_baseline_taken_ ? &producer_baseline_ : nullptr;
        in.consumer_baseline =
            consume_start_ns_ && consumer_baseline_taken_ ? &consumer_baseline_ : nullptr;
        in.go_ns = signals_.go_ns.load();
        in.consume_start_ns = consume_start_ns_;
        build_run_summary(in, record_);
        record_.summary.elapsed_s = clock_.seconds_now();

        VerdictInputs v;
        v.status = status_;
        v.status_detail = status_detail_;
        v.consumers_ran = !consumers_.empty();
        v.audit = record_.summary.audit;
        v.produce_failed = record_.summary.produce_failed;
        for (const auto& p : producers_)
            if (v.first_produce_error.empty())
                v.first_produce_error = p->first_error();
        v.producer_measured_s = record_.summary.producer.seconds;
        v.consumer_measured_s = record_.summary.consumer.seconds;
        v.warmup_s = spec_.phases.warmup_s;
        v.transactions_aborted = record_.summary.transactions.aborted;
        v.transactions_isolated = spec_.cluster.kind != ClusterKind::Embedded;
        if (cluster_) {
            v.partition_retention_bytes = cluster_->partition_retention_bytes();
            v.bytes_per_partition = record_.summary.bytes_per_partition;
        }
        if (!spec_.measurement.enabled) {
            // Only counts are known: loss shows as a shortfall, duplicates and order cannot.
            v.audit = DeliveryAudit{};
            v.audit.acknowledged = final_totals_.acked;
            if (!consumers_.empty()) {
                v.audit.consumed = v.audit.consumed_unique =
                    std::min(final_totals_.consumed, final_totals_.acked);
                v.audit.lost = final_totals_.acked - v.audit.consumed_unique;
            }
            record_.summary.audit = v.audit;
        }
        record_.verdict = judge_run(v);
        if (next_fault_ < spec_.faults.size())
            record_.verdict.warnings.push_back(
                std::to_string(spec_.faults.size() - next_fault_) +
                " fault(s) not done: the run ended before their time");
        if (const auto& t = record_.summary.transactions; t.aborted > 0)
            record_.verdict.warnings.push_back(
                std::to_string(t.aborted) + " transaction(s) aborted after an error (" +
                std::to_string(t.messages_aborted) +
                " messages, not expected by the audit; see the log)");
        for (const auto& a : abandoned_clients_)
            record_.verdict.warnings.push_back("client not destroyed: " + a);
        if (!spec_.measurement.enabled)
            record_.verdict.warnings.push_back(
                "measurement disabled: counts only; no latency, no duplicate or order check");
        forward_log();
        if (log_.dropped() > 0)
            record_.log.push_back(
                {clock_.seconds_now(), LogLevel::Warning, "run",
                 std::to_string(log_.dropped()) + " further log lines were dropped"});
    }

    const ExperimentSpec& spec_;
    RunObserver* observer_;
    const CancelToken& cancel_;
    RunClock clock_;
    LogSink log_;
    RunSignals signals_;
    RunRecord record_;
    uint32_t run_tag_ = 0;
    RunStatus status_ = RunStatus::Completed;
    std::string status_detail_;
    RunPhase phase_ = RunPhase::Starting;

    std::unique_ptr<Cluster> cluster_;
    std::string topic_;
    int partitions_ = 0;
    PropertyMap base_properties_, consumer_defaults_;
    // Workers are declared after the cluster so they are destroyed before it.
    std::vector<std::unique_ptr<ConsumerWorker>> consumers_;
    std::vector<std::unique_ptr<ProducerWorker>> producers_;
    std::unique_ptr<IntervalCollector> collector_;
    std::vector<ConsumerWorker*> abandoned_consumers_;
    std::vector<ProducerWorker*> abandoned_producers_;
    std::vector<std::string> abandoned_clients_;
    std::size_t next_fault_ = 0; // spec_.faults before it are done
    double last_tick_ = 0;
    int64_t consume_start_ns_ = 0;
    MeterTotals producer_baseline_, consumer_baseline_, final_totals_;
    bool producer_baseline_taken_ = false, consumer_baseline_taken_ = false;
};

} // namespace

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
    Runner runner(request, observer, cancel);
    return runner.run();
}

} // namespace ktw
