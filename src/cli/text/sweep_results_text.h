#pragma once
// The text ktw-cli prints for a sweep's results: the table of points, the frontier, the best.

#include "core/sweep/sweep_results.h"

#include <cstdio>

namespace ktw::cli {

void print_sweep_results(std::FILE* out, const SweepResults& r);

} // namespace ktw::cli
