#pragma once
// Side-by-side comparison of runs: the settings that differ and the measured figures,
// with deltas against the first run (the baseline).

#include "core/record/run_record.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ktw {

enum class Better { Higher, Lower, Neither };

struct SettingRow {
    std::string key;                 ///< "producer.properties.linger.ms", "client.producer.acks"
    std::vector<std::string> values; ///< one per run; "" where a run does not have it
};

struct MetricRow {
    std::string section; ///< "throughput", "latency", "consumer", "verdict"
    std::string label;
    std::string unit;
    Better better = Better::Neither;
    std::vector<std::optional<double>> values; ///< one per run
    /// Index of the best value, if the row has a direction and the values differ.
    std::optional<std::size_t> best() const;
};

struct RunComparison {
    std::vector<std::string> ids;
    std::vector<std::string> names;
    std::vector<bool> valid;
    std::vector<std::vector<std::string>> verdict_reasons;
    std::vector<std::string> librdkafka_versions; ///< one per run; "" where the record names none
    std::vector<SettingRow> settings;
    std::vector<MetricRow> metrics;
    /// Reasons to distrust the comparison itself (e.g. different librdkafka versions): the
    /// CLI, the GUI and the reports show them above the figures.
    std::vector<std::string> warnings;
};

RunComparison compare_runs(const std::vector<RunRecord>& runs);

/// The warning when the runs (ids, and the librdkafka version of each, "" for a record that
/// names none: "unknown") used two or more different librdkafka versions, else nothing: a
/// client's batching, fetching and defaults change between versions, so the differences
/// need not be the settings' doing.
std::optional<std::string> client_version_warning(const std::vector<std::string>& ids,
                                                  const std::vector<std::string>& versions);

nlohmann::json comparison_to_json(const RunComparison& c);

/// A metric's value as the CLI and the reports print it: counts with thousands separators,
/// ms and MiB/s with 2 decimals, anything else with 1; "-" when the run has no value.
std::string format_metric_value(const MetricRow& m, const std::optional<double>& v);

/// Flattens a JSON object into "a.b.c" -> value text (used for the settings diff).
void flatten_json(const nlohmann::json& j, const std::string& prefix,
                  std::map<std::string, std::string>& out);

} // namespace ktw
