#pragma once
// The consumer's poll and fetch breakdown: measured counts turned into ratios.

#include "core/record/run_record.h"

#include <cstdint>
#include <vector>

namespace ktw {

/// One consumer's figures from what its worker counted. polls are the polls up to the last
/// one that returned a message; seconds runs from the consume phase's start to its last message.
ConsumerFigures consumer_figures(int index, uint64_t messages, uint64_t polls,
                                 uint64_t nonempty_polls, uint64_t fetches, double seconds);

/// Sums the per-consumer figures into the summary's totals: polls, fetches, messages per
/// (non-empty) poll, messages per fetch and the mean poll interval (consumer time / polls).
void total_consumer_breakdown(RunSummary& summary);

/// Fetch requests a consumer sent between from_t and to_t (seconds), from its statistics
/// samples, whose fetch_requests is cumulative and known only every statistics interval:
/// the count is interpolated linearly between samples at both ends (an estimate within one
/// interval; the count is 0 at created_t, when the client started). After the last sample
/// the last count holds.
uint64_t fetches_between(const std::vector<StatisticsSample>& samples, double created_t,
                         double from_t, double to_t);

/// x / y, or 0 when y is 0.
double safe_ratio(double x, double y);

} // namespace ktw
