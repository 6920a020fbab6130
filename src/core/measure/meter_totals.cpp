#include "core/measure/meter_totals.h"

#include <algorithm>

namespace ktw {

uint64_t counter_delta(uint64_t from, uint64_t to) {
    return to >= from ? to - from : 0;
}

IntervalPoint interval_between(const MeterTotals& from, const MeterTotals& to, bool warmup,
                               bool with_histograms) {
    IntervalPoint p;
    p.t = to.t;
    p.dt = to.t - from.t;
    p.warmup = warmup;
    p.produced = counter_delta(from.acked, to.acked);
    p.produced_bytes = counter_delta(from.acked_bytes, to.acked_bytes);
    p.consumed = counter_delta(from.consumed, to.consumed);
    p.consumed_bytes = counter_delta(from.consumed_bytes, to.consumed_bytes);
    p.polls = counter_delta(from.polls, to.polls);
    p.nonempty_polls = counter_delta(from.nonempty_polls, to.nonempty_polls);
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
        std::max<int64_t>(static_cast<int64_t>(to.acked) - static_cast<int64_t>(to.consumed), 0);
    if (with_histograms) {
        LatencyHistogram ack = to.ack_us;
        ack.subtract(from.ack_us);
        p.ack_p50_us = ack.percentile(50);
        p.ack_p99_us = ack.percentile(99);
        p.ack_p999_us = ack.percentile(99.9);
        LatencyHistogram e2e = to.e2e_us;
        e2e.subtract(from.e2e_us);
        p.e2e_p50_us = e2e.percentile(50);
        p.e2e_p99_us = e2e.percentile(99);
        p.e2e_p999_us = e2e.percentile(99.9);
    }
    return p;
}

} // namespace ktw
