#include "engine/run/interval_collector.h"

#include <algorithm>

namespace ktw {

IntervalCollector::IntervalCollector(const std::vector<std::unique_ptr<ProducerWorker>>& producers,
                                     const std::vector<std::unique_ptr<ConsumerWorker>>& consumers,
                                     const RunClock& clock, bool with_histograms)
    : producers_(producers), consumers_(consumers), clock_(clock),
      with_histograms_(with_histograms) {
    reset();
}

MeterTotals IntervalCollector::read(bool histograms) const {
    MeterTotals m;
    m.t = clock_.seconds_now();
    constexpr auto relaxed = std::memory_order_relaxed;
    // Each worker's meters are copied as one consistent reading (UpdateSequence), then added.
    LatencyHistogram ack, delay, e2e;
    const bool with_histograms = with_histograms_ && histograms;
    for (const auto& p : producers_) {
        const auto& pm = p->meters();
        uint64_t acked = 0, acked_bytes = 0, failed = 0;
        pm.updates.read([&] {
            acked = pm.acked.load(relaxed);
            acked_bytes = pm.acked_bytes.load(relaxed);
            failed = pm.failed.load(relaxed);
            if (with_histograms) {
                pm.ack_us.snapshot_into(ack);
                pm.send_delay_us.snapshot_into(delay);
            }
        });
        m.acked += acked;
        m.acked_bytes += acked_bytes;
        m.failed += failed;
        if (with_histograms) {
            m.ack_us.merge(ack);
            m.send_delay_us.merge(delay);
        }
    }
    for (const auto& c : consumers_) {
        const auto& cm = c->meters();
        uint64_t consumed = 0, consumed_bytes = 0, polls = 0, nonempty = 0, first = 0;
        cm.updates.read([&] {
            consumed = cm.consumed.load(relaxed);
            consumed_bytes = cm.consumed_bytes.load(relaxed);
            polls = cm.polls.load(relaxed);
            nonempty = cm.nonempty_polls.load(relaxed);
            first = cm.first_deliveries.load(relaxed);
            if (with_histograms)
                cm.e2e_us.snapshot_into(e2e);
        });
        m.consumed += consumed;
        m.consumed_bytes += consumed_bytes;
        m.polls += polls;
        m.nonempty_polls += nonempty;
        m.first_deliveries += first;
        if (with_histograms)
            m.e2e_us.merge(e2e);
    }
    return m;
}

void IntervalCollector::reset() {
    last_ = read();
}

IntervalPoint IntervalCollector::tick(bool warmup) {
    MeterTotals now = read();
    IntervalPoint p;
    p.t = now.t;
    p.dt = now.t - last_.t;
    p.warmup = warmup;
    p.produced = now.acked - last_.acked;
    p.produced_bytes = now.acked_bytes - last_.acked_bytes;
    p.consumed = now.consumed - last_.consumed;
    p.consumed_bytes = now.consumed_bytes - last_.consumed_bytes;
    p.polls = now.polls - last_.polls;
    p.nonempty_polls = now.nonempty_polls - last_.nonempty_polls;
    if (p.dt > 0) {
        p.produce_msgs_per_s = static_cast<double>(p.produced) / p.dt;
        p.consume_msgs_per_s = static_cast<double>(p.consumed) / p.dt;
        p.produce_mib_per_s = static_cast<double>(p.produced_bytes) / 1048576.0 / p.dt;
        p.consume_mib_per_s = static_cast<double>(p.consumed_bytes) / 1048576.0 / p.dt;
    }
    p.messages_per_poll =
        p.nonempty_polls ? static_cast<double>(p.consumed) / static_cast<double>(p.nonempty_polls)
                         : 0;
    // A consumer can see a message before its producer has served the delivery report:
    // the difference is then briefly negative, which is no lag.
    p.backlog =
        std::max<int64_t>(static_cast<int64_t>(now.acked) - static_cast<int64_t>(now.consumed), 0);
    if (with_histograms_) {
        LatencyHistogram ack = now.ack_us;
        ack.subtract(last_.ack_us);
        p.ack_p50_us = ack.percentile(50);
        p.ack_p99_us = ack.percentile(99);
        p.ack_p999_us = ack.percentile(99.9);
        LatencyHistogram e2e = now.e2e_us;
        e2e.subtract(last_.e2e_us);
        p.e2e_p50_us = e2e.percentile(50);
        p.e2e_p99_us = e2e.percentile(99);
        p.e2e_p999_us = e2e.percentile(99.9);
    }
    last_ = std::move(now);
    return p;
}

} // namespace ktw
