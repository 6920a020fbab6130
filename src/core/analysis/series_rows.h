#pragma once
// One row per run of a series (ktw-cli series): what the run measured, and beside it the
// estimate of the tuning diary's method and the diary's own figures (the spec's "reference").

#include "core/record/run_record.h"

#include <optional>
#include <string>
#include <vector>

namespace ktw {

struct SeriesRow {
    std::string name;
    bool valid = false;
    // measured
    double produce_msgs_per_s = 0;
    double consume_msgs_per_s = 0;
    double consume_s = 0;      ///< the consumers' measured window
    double start_delay_ms = 0; ///< produce_then_consume: consume phase start to first message
    uint64_t consumed = 0;
    uint64_t polls = 0, nonempty_polls = 0;
    double messages_per_poll = 0; ///< per non-empty poll
    uint64_t fetches = 0;
    double messages_per_fetch = 0;
    // estimate (the diary's method, applied to this run): consume_s / assumed poll interval
    double assumed_poll_interval_s = 0.1;
    double estimated_polls = 0;
    double estimated_messages_per_poll = 0;
    // the reference's own figures (0 = not given)
    std::string reference_source;
    double reference_produce_msgs_per_s = 0, reference_consume_msgs_per_s = 0;
    double reference_polls = 0, reference_messages_per_poll = 0;
};

/// The row of one saved run; its spec's "reference" (if any) supplies the poll interval the
/// estimate assumes (0.1 s when absent, the diary's default) and the reference figures.
SeriesRow series_row(const RunRecord& run);

} // namespace ktw
