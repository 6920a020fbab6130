#include "core/sweep/sweep_plan.h"

#include "core/spec/json_field_reader.h"
#include "core/spec/spec_overrides.h"
#include "core/util/text_format.h"

#include <map>
#include <set>

namespace ktw {
namespace {

// The label shows the property key alone ("linger.ms") when that is unambiguous.
std::string short_name_of(const std::string& path) {
    for (const char* section : {".properties.", ".configs."}) {
        const auto at = path.find(section);
        if (at != std::string::npos)
            return path.substr(at + std::string(section).size());
    }
    return path;
}

// Fields a sweep cannot vary: they name the run or are the sweep itself.
bool is_fixed_path(const std::string& path) {
    return path == "name" || path == "description" || path == "sweep" || path.starts_with("sweep.");
}

std::string value_error(const nlohmann::json& value, const std::string& problem) {
    return "value " + value.dump() + " is refused: " + problem;
}

// Applies one point's values to the base spec; returns the override's error, if any.
std::optional<std::string> apply_values(nlohmann::json& spec, const std::vector<SweepAxis>& axes,
                                        const std::vector<std::size_t>& choice) {
    for (std::size_t a = 0; a < axes.size(); ++a)
        if (auto err =
                apply_spec_override(spec, axes[a].path + "=" + axes[a].values[choice[a]].dump()))
            return err;
    return std::nullopt;
}

void read_targets(JsonFieldReader& sweep, SweepTargets& t, std::vector<SpecError>& errors) {
    const nlohmann::json* section = sweep.section("targets");
    if (!section)
        return;
    JsonFieldReader r(section, "sweep.targets", errors);
    auto read = [&](const char* name, std::optional<double>& out) {
        double v = 0;
        const std::size_t before = errors.size();
        r.read(name, v, 0, 1e12); // also marks the name as known when absent
        if (r.has(name) && errors.size() == before)
            out = v;
    };
    read("max_e2e_p99_ms", t.max_e2e_p99_ms);
    read("max_ack_p99_ms", t.max_ack_p99_ms);
    read("min_produce_msgs_per_s", t.min_produce_msgs_per_s);
    read("min_consume_msgs_per_s", t.min_consume_msgs_per_s);
    r.finish();
}

void read_axes(JsonFieldReader& sweep, const nlohmann::json& base, std::vector<SweepAxis>& axes,
               std::vector<SpecError>& errors) {
    const nlohmann::json* section = sweep.section("axes");
    if (!section) {
        if (!sweep.has("axes"))
            sweep.error("axes", "is required: an object of field path -> list of values, e.g. "
                                "{\"producer.properties.linger.ms\": [0, 5, 20]}");
        return;
    }
    if (section->empty())
        errors.push_back({"sweep.axes", "is empty; give at least one field path with its values"});
    for (const auto& [path, list] : section->items()) {
        const std::string where = "sweep.axes." + path;
        if (is_fixed_path(path)) {
            errors.push_back({where, "cannot be swept (it names the run or is the sweep itself)"});
            continue;
        }
        if (!list.is_array() || list.empty() || list.size() > kMaxAxisValues) {
            errors.push_back({where, "must be a list of 1 to " + std::to_string(kMaxAxisValues) +
                                         " values, not " + list.dump()});
            continue;
        }
        SweepAxis axis{path, short_name_of(path), {}};
        std::set<std::string> seen;
        bool ok = true;
        for (const auto& value : list) {
            if (!value.is_primitive() || value.is_null()) {
                errors.push_back(
                    {where, "value " + value.dump() + " must be a number, a string or true/false"});
                ok = false;
                break;
            }
            if (!seen.insert(value.dump()).second) {
                errors.push_back({where, "value " + value.dump() + " is given twice"});
                ok = false;
                break;
            }
            // The value alone on the base spec: a refusal here is this axis's own fault.
            nlohmann::json spec = base;
            if (auto err = apply_spec_override(spec, path + "=" + value.dump())) {
                errors.push_back({where, value_error(value, *err)});
                ok = false;
                break;
            }
            const auto parsed = parse_experiment_spec(spec);
            if (!parsed.ok()) {
                errors.push_back({where, value_error(value, parsed.errors[0].to_string())});
                ok = false;
                break;
            }
            axis.values.push_back(value);
        }
        if (ok)
            axes.push_back(std::move(axis));
    }
    // Two axes with the same key (producer and consumer "client.rack") get full paths.
    std::map<std::string, int> uses;
    for (const auto& a : axes)
        ++uses[a.short_name];
    for (auto& a : axes)
        if (uses[a.short_name] > 1)
            a.short_name = a.path;
}

std::string point_label(const std::vector<SweepAxis>& axes, const std::vector<std::size_t>& c) {
    std::string label;
    for (std::size_t a = 0; a < axes.size(); ++a)
        label += (a ? " " : "") + axes[a].short_name + "=" + sweep_value_text(axes[a].values[c[a]]);
    return label;
}

// Advances a mixed-radix counter whose last digit is the fastest; false after the last.
bool next_choice(std::vector<std::size_t>& c, const std::vector<SweepAxis>& axes) {
    for (std::size_t a = axes.size(); a-- > 0;) {
        if (++c[a] < axes[a].values.size())
            return true;
        c[a] = 0;
    }
    return false;
}

} // namespace

std::size_t SweepPlan::point_count() const {
    if (axes.empty())
        return 0;
    std::size_t n = 1;
    for (const auto& a : axes)
        n *= a.values.size();
    return n;
}

bool has_sweep(const nlohmann::json& spec) {
    return spec.is_object() && spec.contains("sweep") && !spec["sweep"].is_null();
}

std::string sweep_value_text(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

SweepPlanResult parse_sweep_plan(const nlohmann::json& spec) {
    SweepPlanResult result;
    auto& errors = result.errors;
    auto& plan = result.plan;
    if (!has_sweep(spec)) {
        errors.push_back({"sweep", "is missing: this spec is a single run, not a sweep"});
        return result;
    }
    plan.base = spec;
    plan.base.erase("sweep");
    const auto base = parse_experiment_spec(plan.base);
    if (!base.ok()) {
        errors = base.errors;
        return result;
    }
    JsonFieldReader sweep(&spec["sweep"], "sweep", errors);
    sweep.read("repeats", plan.repeats, 1, kMaxSweepRepeats);
    sweep.read("warmup_runs", plan.warmup_runs, 0, kMaxSweepWarmupRuns);
    read_targets(sweep, plan.targets, errors);
    read_axes(sweep, plan.base, plan.axes, errors);
    sweep.finish();
    if (!errors.empty())
        return result;
    if (plan.point_count() > kMaxSweepPoints) {
        errors.push_back({"sweep.axes", "make " + std::to_string(plan.point_count()) +
                                            " points; at most " + std::to_string(kMaxSweepPoints) +
                                            " are allowed"});
        return result;
    }
    // Values fine alone may clash together (e.g. keys round_robin with partitions 1).
    for (const auto& point : expand_sweep(plan)) {
        const auto parsed = parse_experiment_spec(point.spec);
        if (!parsed.ok()) {
            errors.push_back({"sweep.axes", "point " + std::to_string(point.index) + " (" +
                                                point.label +
                                                ") is refused: " + parsed.errors[0].to_string()});
            break;
        }
    }
    return result;
}

std::vector<SweepPoint> expand_sweep(const SweepPlan& plan) {
    std::vector<SweepPoint> points;
    if (plan.axes.empty())
        return points;
    const std::string name = plan.base.value("name", std::string("experiment"));
    std::vector<std::size_t> choice(plan.axes.size(), 0);
    do {
        SweepPoint p;
        p.index = static_cast<int>(points.size());
        p.label = point_label(plan.axes, choice);
        p.values = nlohmann::json::object();
        for (std::size_t a = 0; a < plan.axes.size(); ++a)
            p.values[plan.axes[a].path] = plan.axes[a].values[choice[a]];
        p.spec = plan.base;
        apply_values(p.spec, plan.axes, choice); // checked by parse_sweep_plan
        p.spec["name"] = name + " [" + p.label + "]";
        points.push_back(std::move(p));
    } while (next_choice(choice, plan.axes));
    return points;
}

const std::vector<std::string>& sweep_target_names() {
    static const std::vector<std::string> names = {
        "max_e2e_p99_ms", "max_ack_p99_ms", "min_produce_msgs_per_s", "min_consume_msgs_per_s"};
    return names;
}

nlohmann::json sweep_targets_to_json(const SweepTargets& t) {
    nlohmann::json j = nlohmann::json::object();
    if (t.max_e2e_p99_ms)
        j["max_e2e_p99_ms"] = *t.max_e2e_p99_ms;
    if (t.max_ack_p99_ms)
        j["max_ack_p99_ms"] = *t.max_ack_p99_ms;
    if (t.min_produce_msgs_per_s)
        j["min_produce_msgs_per_s"] = *t.min_produce_msgs_per_s;
    if (t.min_consume_msgs_per_s)
        j["min_consume_msgs_per_s"] = *t.min_consume_msgs_per_s;
    return j;
}

std::optional<std::string> apply_sweep_target(SweepTargets& t, const std::string& assignment) {
    const auto eq = assignment.find('=');
    std::string known;
    for (const auto& n : sweep_target_names())
        known += (known.empty() ? "" : ", ") + n;
    if (eq == std::string::npos)
        return "target \"" + assignment + "\" must look like name=value; names: " + known;
    const std::string name = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);
    double v = 0;
    try {
        std::size_t used = 0;
        v = std::stod(text, &used);
        if (used != text.size() || v < 0)
            throw std::invalid_argument(text);
    } catch (const std::exception&) {
        return "target " + name + ": \"" + text + "\" is not a number >= 0";
    }
    if (name == "max_e2e_p99_ms")
        t.max_e2e_p99_ms = v;
    else if (name == "max_ack_p99_ms")
        t.max_ack_p99_ms = v;
    else if (name == "min_produce_msgs_per_s")
        t.min_produce_msgs_per_s = v;
    else if (name == "min_consume_msgs_per_s")
        t.min_consume_msgs_per_s = v;
    else
        return "unknown target \"" + name + "\"; names: " + known;
    return std::nullopt;
}

std::string describe_sweep_targets(const SweepTargets& t) {
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    if (t.max_e2e_p99_ms)
        add("e2e p99 <= " + format_decimal(*t.max_e2e_p99_ms, 1) + " ms");
    if (t.max_ack_p99_ms)
        add("ack p99 <= " + format_decimal(*t.max_ack_p99_ms, 1) + " ms");
    if (t.min_produce_msgs_per_s)
        add("produce >= " + format_decimal(*t.min_produce_msgs_per_s, 0) + " msg/s");
    if (t.min_consume_msgs_per_s)
        add("consume >= " + format_decimal(*t.min_consume_msgs_per_s, 0) + " msg/s");
    return out;
}

} // namespace ktw
