#include "engine/run/runner_internals.h"

#include <algorithm>
#include <thread>

namespace ktw::detail {
namespace {

constexpr auto kLoopStep = std::chrono::milliseconds(10);

} // namespace

// Producers start only when every consumer has its partitions: nothing is consumed
// before the measurement starts, and no rebalance redelivers messages mid-run.
void Runner::wait_for_consumers() {
    phase(spec_.consumer.mode == ConsumerMode::Group && !consumers_.empty() ? RunPhase::JoiningGroup
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
void Runner::drive() {
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
void Runner::apply_due_faults(int64_t now, int64_t go) {
    while (next_fault_ < spec_.faults.size() &&
           now >= go + static_cast<int64_t>(spec_.faults[next_fault_].at_s * 1e9)) {
        const FaultSpec& f = spec_.faults[next_fault_++];
        const std::string what = std::string(to_string(f.action)) + " broker " +
                                 std::to_string(f.broker) + " (fault at " + std::to_string(f.at_s) +
                                 " s)";
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
void Runner::take_consumer_baseline_when_due(int64_t now) {
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

void Runner::start_consume_phase(int64_t now) {
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

// One loop step: publish a tick when due, forward log lines, check cancel and timeout.
void Runner::step() {
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
        log_.add(LogLevel::Error, "run",
                 "timed out while " + std::string(to_string(phase_)) + ": " + where_things_stand());
        log_.add(LogLevel::Error, "run", status_detail_);
        signals_.abort = true;
    }
}

// For a timeout: what the run was waiting for, in numbers.
std::string Runner::where_things_stand() const {
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
           std::to_string(t.acked) + " acknowledged, " + std::to_string(t.consumed) + " consumed";
}

void Runner::publish_tick() {
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

void Runner::forward_log() {
    for (auto& entry : log_.drain()) {
        if (observer_)
            observer_->on_log(entry);
        record_.log.push_back(std::move(entry));
    }
}

void Runner::phase(RunPhase p) {
    phase_ = p;
    if (observer_)
        observer_->on_phase(p);
}

} // namespace ktw::detail
