#pragma once
// The figures every user reads, computed from a run's plain results: the measured windows
// and rates (warm-up cut), per-client figures, the poll and fetch breakdown, the window's
// latency histograms, wire bytes, transactions and the delivery audit.

#include "core/measure/run_results.h"
#include "core/record/run_record.h"

namespace ktw {

/// Fills record.summary, the histograms and record.statistics (sorted by time).
void compute_run_summary(RunResults results, RunRecord& record);

} // namespace ktw
