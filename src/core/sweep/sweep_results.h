#pragma once
// A sweep's results from its saved runs: per point mean ± 95% CI, the throughput vs p99
// trade-off frontier, the points that meet the targets and the best point.

#include "core/record/run_record.h"
#include "core/sweep/sweep_plan.h"
#include "core/sweep/sweep_statistics.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ktw {

struct SweepPointResult {
    int index = 0;
    std::string label;
    nlohmann::json values; ///< axis path -> value
    int runs = 0;          ///< saved runs of this point, warm-ups not counted
    int valid_runs = 0;    ///< those whose verdict is valid: only they enter the figures
    // Over the valid runs:
    SampleStatistics produce_msgs_per_s, consume_msgs_per_s;
    SampleStatistics produce_mib_per_s, consume_mib_per_s;
    SampleStatistics ack_p99_ms, e2e_p99_ms;
    bool meets_targets = false;      ///< targets given and every one met by the means
    std::vector<std::string> missed; ///< which targets the means miss ("e2e p99 <= 20 ms")
    bool on_frontier = false;
    std::vector<std::string> run_ids;
};

struct SweepBest {
    int point = -1;
    std::string reason;                ///< "highest produce throughput among ..."
    std::vector<std::string> settings; ///< "linger.ms=5 (spec: 0)": axis values it differs in
    std::string runner_up;             ///< the next point by the same criterion, with its test
};

struct SweepResults {
    std::string id;
    std::string name; ///< the sweep spec's name
    std::vector<std::string> axis_paths;
    int planned_points = 0;
    int repeats = 1;
    SweepTargets targets;
    /// The frontier and the best use produce msgs/s against this p99: "e2e" when the runs
    /// have consumers, else "ack".
    std::string latency_kind = "e2e";
    std::vector<SweepPointResult> points; ///< by point index; points without runs included
    int warmup_runs = 0;                  ///< saved warm-up runs (excluded)
    int invalid_runs = 0;                 ///< saved runs excluded for an invalid verdict
    std::vector<int> frontier;            ///< point indexes, by ascending p99
    std::optional<SweepBest> best;
    std::string best_note; ///< why there is no best, when there is none
};

/// The latency the frontier uses for a point (ms), by the results' latency_kind.
const SampleStatistics& frontier_latency(const SweepResults& r, const SweepPointResult& p);

/// Builds the results of one sweep from its runs (any order; runs of other sweeps and
/// single runs are ignored). The plan (axes, points, targets) comes from the sweep spec
/// saved in the runs; targets, when given, replace the saved ones (ktw-cli --target).
/// Throws std::runtime_error when no run belongs to the sweep.
SweepResults summarize_sweep(const std::vector<RunRecord>& runs, const std::string& sweep_id,
                             const std::optional<SweepTargets>& targets = std::nullopt);

/// (point, repeat) pairs that are done: a saved run that was not cancelled. Warm-ups and
/// cancelled runs are not done; resuming runs everything else again.
std::set<std::pair<int, int>> finished_sweep_runs(const std::vector<RunRecord>& runs,
                                                  const std::string& sweep_id);

/// The sweep's whole spec as its runs saved it (secrets redacted), or null.
nlohmann::json saved_sweep_spec(const std::vector<RunRecord>& runs, const std::string& sweep_id);

/// "52,000 ± 1,200" (95% CI half width), "52,000 (1 run, no interval)", or "-" without runs.
std::string format_mean_ci(const SampleStatistics& s, int decimals);

/// The results as JSON (ktw-cli show-sweep --json, the JSON report): every point with
/// n, mean, stddev and ci95 (null when n < 2) of each figure, the frontier and the best.
nlohmann::json sweep_results_to_json(const SweepResults& r);

/// The sweep ids found in runs, oldest first, each with its run count.
std::vector<std::pair<std::string, int>> list_sweeps(const std::vector<RunRecord>& runs);

} // namespace ktw
