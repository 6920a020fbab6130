#include "core/analysis/run_verdict.h"
#include "engine/run/run_summary.h"
#include "engine/run/runner_internals.h"

#include <algorithm>
#include <functional>

namespace ktw::detail {
namespace {

// How long the clients' rd_kafka_destroy may take, all together, before they are abandoned.
constexpr auto kClientDestroyLimit = std::chrono::seconds(10);
constexpr auto kClientDestroyLimitOnCancel = std::chrono::seconds(1);

} // namespace

// --- teardown ------------------------------------------------------------------------
void Runner::shut_down() {
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
void Runner::destroy_clients() {
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

void Runner::abandon(ConsumerWorker* w) {
    w->abandon_client();
    abandoned_consumers_.push_back(w);
}

void Runner::abandon(ProducerWorker* w) {
    w->abandon_client();
    abandoned_producers_.push_back(w);
}

// A worker whose client was abandoned must outlive the run: librdkafka's threads still
// hold it as their callbacks' opaque.
void Runner::leak_abandoned_workers() {
    auto leak = [](auto& workers, const auto& abandoned) {
        for (auto& w : workers)
            if (std::find(abandoned.begin(), abandoned.end(), w.get()) != abandoned.end())
                static_cast<void>(w.release());
    };
    leak(consumers_, abandoned_consumers_);
    leak(producers_, abandoned_producers_);
}

void Runner::finish_record() {
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
        record_.verdict.warnings.push_back(std::to_string(spec_.faults.size() - next_fault_) +
                                           " fault(s) not done: the run ended before their time");
    if (const auto& t = record_.summary.transactions; t.aborted > 0)
        record_.verdict.warnings.push_back(std::to_string(t.aborted) +
                                           " transaction(s) aborted after an error (" +
                                           std::to_string(t.messages_aborted) +
                                           " messages, not expected by the audit; see the log)");
    for (const auto& a : abandoned_clients_)
        record_.verdict.warnings.push_back("client not destroyed: " + a);
    if (!spec_.measurement.enabled)
        record_.verdict.warnings.push_back(
            "measurement disabled: counts only; no latency, no duplicate or order check");
    forward_log();
    if (log_.dropped() > 0)
        record_.log.push_back({clock_.seconds_now(), LogLevel::Warning, "run",
                               std::to_string(log_.dropped()) + " further log lines were dropped"});
}

} // namespace ktw::detail
