#pragma once
// The "sweep" section of an experiment spec (axes, repeats, warm-up runs, targets; see
// docs/experiment-spec.md) and its expansion into one concrete spec per point.

#include "core/spec/experiment_spec.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ktw {

/// What a point must reach to "meet the targets"; any subset may be set.
struct SweepTargets {
    std::optional<double> max_e2e_p99_ms;
    std::optional<double> max_ack_p99_ms;
    std::optional<double> min_produce_msgs_per_s;
    std::optional<double> min_consume_msgs_per_s;
    bool empty() const {
        return !max_e2e_p99_ms && !max_ack_p99_ms && !min_produce_msgs_per_s &&
               !min_consume_msgs_per_s;
    }
};

/// The target names as the spec and --target spell them, e.g. "max_e2e_p99_ms".
const std::vector<std::string>& sweep_target_names();
nlohmann::json sweep_targets_to_json(const SweepTargets& t);
/// Applies "name=value" (ktw-cli --target); returns an error message naming the problem.
std::optional<std::string> apply_sweep_target(SweepTargets& t, const std::string& assignment);
/// "e2e p99 <= 20 ms, produce >= 50,000 msg/s", or "" when empty.
std::string describe_sweep_targets(const SweepTargets& t);

struct SweepAxis {
    std::string path;       ///< as --set takes it: "producer.properties.linger.ms"
    std::string short_name; ///< in labels: the property or config key, else the whole path
    std::vector<nlohmann::json> values;
};

struct SweepPlan {
    /// In nlohmann_json's key order, i.e. sorted by path (byte-wise): the order of the spec
    /// file is not kept. The first axis varies slowest when expanded.
    std::vector<SweepAxis> axes;
    int repeats = 1;     ///< runs per point
    int warmup_runs = 0; ///< runs with the first point's settings, excluded from results
    SweepTargets targets;
    nlohmann::json base; ///< the spec without its "sweep" section
    std::size_t point_count() const;
};

struct SweepPoint {
    int index = 0;         ///< 0-based position in the expansion order
    std::string label;     ///< "batch.size=16384 linger.ms=5"
    nlohmann::json values; ///< axis path -> value
    nlohmann::json spec;   ///< the concrete spec (no "sweep"), named "<name> [<label>]"
};

struct SweepPlanResult {
    SweepPlan plan;
    std::vector<SpecError> errors;
    bool ok() const { return errors.empty(); }
};

inline constexpr int kMaxSweepRepeats = 100;
inline constexpr int kMaxSweepWarmupRuns = 10;
inline constexpr std::size_t kMaxSweepPoints = 1000;
inline constexpr std::size_t kMaxAxisValues = 100;

/// Whether a spec JSON carries a "sweep" section.
bool has_sweep(const nlohmann::json& spec);

/// Reads and validates the "sweep" section of a whole spec. Errors name the field
/// ("sweep.repeats", "sweep.targets.max_p99", "sweep.axes.producer.properties.linger.ms").
/// Every axis value is applied to the base spec like `--set PATH=VALUE` and the result is
/// checked with parse_experiment_spec; so is every expanded point (values of two axes may
/// only clash together). The first refusal is reported with the axis (or point) and value.
/// librdkafka's own checks of client properties are the engine's (prepare_sweep).
SweepPlanResult parse_sweep_plan(const nlohmann::json& spec);

/// The cartesian product of the axes: the first axis varies slowest, the last fastest,
/// each axis through its values in the order given. Index i is the i-th point of that order.
std::vector<SweepPoint> expand_sweep(const SweepPlan& plan);

/// "lz4" for a string, the JSON text otherwise ("5", "0.5", "true").
std::string sweep_value_text(const nlohmann::json& value);

} // namespace ktw
