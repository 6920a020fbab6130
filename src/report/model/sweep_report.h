#pragma once
// The report of a sweep: what was run, the table of points (mean ± 95% CI), the throughput
// vs p99 chart with the frontier, and the best point. Written by the same writers as run
// reports (write_report), in every format.

#include "report/model/report_model.h"
#include "core/sweep/sweep_results.h"

namespace ktw::report {

ReportModel build_sweep_report(const SweepResults& results);

} // namespace ktw::report
