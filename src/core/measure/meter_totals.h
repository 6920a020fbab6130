#pragma once
// The workers' cumulative counters at one moment, and the interval between two such readings:
// the arithmetic behind every live point and every window figure, on plain values so that it
// is tested without a cluster (tests/core/measure).

#include "core/metrics/latency_histogram.h"
#include "core/record/run_record.h"

#include <cstdint>

namespace ktw {

/// Cumulative state of all workers at one moment (the engine's IntervalCollector reads it).
struct MeterTotals {
    double t = 0; ///< seconds since the run started
    uint64_t acked = 0, acked_bytes = 0, failed = 0;
    uint64_t consumed = 0, consumed_bytes = 0, polls = 0, nonempty_polls = 0;
    uint64_t first_deliveries = 0; ///< this run's messages consumed, each once
    LatencyHistogram ack_us, e2e_us, send_delay_us;
};

/// to - from for a counter that only grows; 0 if it went back. A wrap-around is never
/// assumed: the counters are 64-bit, and a smaller reading means a reset or a bug, for
/// which 0 is the honest figure, not 2^64 minus a little.
uint64_t counter_delta(uint64_t from, uint64_t to);

/// The interval (from, to]: counts, rates (0 for an interval of no length), messages per
/// non-empty poll, the backlog at its end, and, with histograms, the interval's own
/// latency percentiles.
IntervalPoint interval_between(const MeterTotals& from, const MeterTotals& to, bool warmup,
                               bool with_histograms);

} // namespace ktw
