#include "engine/run/interval_collector.h"

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
    IntervalPoint p = interval_between(last_, now, warmup, with_histograms_);
    last_ = std::move(now);
    return p;
}

} // namespace ktw
