#pragma once
// Reduces one librdkafka statistics JSON document (STATISTICS.md) to a StatisticsSample.

#include "core/record/run_record.h"

#include <optional>
#include <string>

namespace ktw {

/// Parses the document properly (the totals come last; string searching would be fragile).
/// Window values are combined across brokers: averages weighted by their sample counts,
/// p99 as the highest broker p99. Returns nothing if the text is not a statistics object.
std::optional<StatisticsSample> parse_librdkafka_statistics(const std::string& json_text,
                                                            const std::string& client, double t);

} // namespace ktw
