#include "engine/sweep/sweep_runner.h"

#include "engine/kafka/client_config.h"
#include "core/record/secret_redaction.h"
#include "core/sweep/sweep_results.h"

#include <ctime>
#include <random>

namespace ktw {

PrepareSweepResult prepare_sweep(const nlohmann::json& spec,
                                 const std::vector<std::string>& overrides) {
    PrepareSweepResult result;
    auto parsed = parse_sweep_plan(spec);
    if (!parsed.ok()) {
        result.errors = parsed.errors;
        return result;
    }
    auto& s = result.sweep;
    s.spec = spec;
    s.overrides = overrides;
    s.plan = parsed.plan;
    s.points = expand_sweep(s.plan);
    for (const auto& point : s.points) {
        const auto point_spec = parse_experiment_spec(point.spec); // checked by parse_sweep_plan
        for (const auto& e : validate_client_properties(point_spec.spec)) {
            result.errors.push_back({"sweep.axes", "point " + std::to_string(point.index) + " (" +
                                                       point.label +
                                                       ") is refused: " + e.to_string()});
            return result;
        }
        RunRequest request;
        request.spec = point_spec.spec;
        request.given = point.spec;
        request.overrides = overrides;
        // The axis values as overrides too: the record then says what this point changed.
        for (const auto& [path, value] : point.values.items())
            request.overrides.push_back(path + "=" + sweep_value_text(value));
        s.requests.push_back(std::move(request));
    }
    return result;
}

std::vector<SweepRunSlot> sweep_run_order(const PreparedSweep& sweep,
                                          const std::set<std::pair<int, int>>& done,
                                          int first_warmup) {
    std::vector<SweepRunSlot> order;
    for (int r = 0; r < sweep.plan.repeats; ++r)
        for (const auto& p : sweep.points)
            if (!done.count({p.index, r}))
                order.push_back({p.index, r, false});
    if (order.empty())
        return order;
    std::vector<SweepRunSlot> warmups;
    for (int w = 0; w < sweep.plan.warmup_runs; ++w)
        warmups.push_back({0, first_warmup + w, true});
    order.insert(order.begin(), warmups.begin(), warmups.end());
    return order;
}

std::string make_sweep_id(const std::string& name) {
    return "sweep-" + make_run_id(name, std::random_device{}());
}

namespace {

// An earlier session's runs must be of the same points, or skipping them would be wrong.
std::string check_same_points(const PreparedSweep& sweep, const std::vector<RunRecord>& runs,
                              const std::string& id) {
    for (const auto& r : runs) {
        if (!r.sweep || r.sweep->id != id)
            continue;
        const int i = r.sweep->point;
        if (r.sweep->points != static_cast<int>(sweep.points.size()) || i < 0 ||
            i >= static_cast<int>(sweep.points.size()) || sweep.points[i].label != r.sweep->label)
            return "sweep " + id + " was run with other points (run " + r.id + " is point " +
                   std::to_string(i) + " \"" + r.sweep->label + "\" of " +
                   std::to_string(r.sweep->points) +
                   "); resume it with the spec it was started with";
    }
    return "";
}

} // namespace

SweepOutcome run_sweep(const PreparedSweep& sweep, const std::string& sweep_id,
                       const RunStore& store, SweepObserver* observer, const CancelToken& cancel) {
    SweepOutcome out;
    out.id = sweep_id;
    out.total_runs = static_cast<int>(sweep.points.size()) * sweep.plan.repeats;
    const auto saved = store.load_all().runs;
    out.error = check_same_points(sweep, saved, sweep_id);
    if (!out.error.empty())
        return out;
    const auto done = finished_sweep_runs(saved, sweep_id);
    int warmups_saved = 0;
    for (const auto& r : saved)
        warmups_saved += r.sweep && r.sweep->id == sweep_id && r.sweep->warmup;
    out.skipped_runs = static_cast<int>(done.size());
    const auto order = sweep_run_order(sweep, done, warmups_saved);
    const nlohmann::json saved_spec = redact_spec_secrets(sweep.spec);

    int ordinal = 0;
    for (const auto& slot : order) {
        if (cancel.cancelled()) {
            out.cancelled = true;
            break;
        }
        const SweepPoint& point = sweep.points[slot.point];
        if (observer)
            observer->on_sweep_run_started(slot, point, ++ordinal, static_cast<int>(order.size()));
        RunRecord record = execute_run(sweep.requests[slot.point], observer, cancel);
        record.sweep =
            RunSweepInfo{sweep_id,    point.index,  static_cast<int>(sweep.points.size()),
                         point.label, point.values, slot.repeat,
                         slot.warmup, saved_spec};
        std::filesystem::path file;
        try {
            file = store.save(record);
        } catch (const std::exception& e) {
            out.error = std::string("run ") + record.id + " could not be saved: " + e.what();
            break;
        }
        if (observer)
            observer->on_sweep_run_saved(record, file);
        if (record.status == RunStatus::Cancelled) {
            out.cancelled = true;
            break;
        }
        ++out.runs_done;
        out.invalid_runs += !record.verdict.valid;
    }
    return out;
}

} // namespace ktw
