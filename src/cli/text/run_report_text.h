#pragma once
// The text summaries ktw-cli prints: one run, or a comparison of runs.

#include "core/analysis/run_comparison.h"
#include "core/record/run_record.h"

#include <cstdio>

namespace ktw::cli {

/// The summary kafka-producer-perf-test users know, plus the consumer breakdown and verdict.
void print_run_summary(std::FILE* out, const RunRecord& r);
void print_comparison(std::FILE* out, const RunComparison& c);

} // namespace ktw::cli
