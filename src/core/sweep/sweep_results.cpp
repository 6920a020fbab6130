#include "core/sweep/sweep_results.h"

#include "core/util/text_format.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ktw {
namespace {

bool belongs(const RunRecord& r, const std::string& id) {
    return r.sweep && r.sweep->id == id;
}

// A field of a spec JSON by a --set style path ("producer.properties.linger.ms"), or null.
nlohmann::json value_at(const nlohmann::json& spec, const std::string& path) {
    const nlohmann::json* node = &spec;
    std::size_t start = 0;
    while (node && node->is_object()) {
        const auto dot = path.find('.', start);
        const std::string segment = path.substr(start, dot - start);
        auto it = node->find(segment);
        if (it == node->end())
            return nullptr;
        if (dot == std::string::npos)
            return *it;
        node = &*it;
        start = dot + 1;
        if (segment == "properties" || segment == "configs") {
            auto leaf = node->find(path.substr(start));
            return leaf == node->end() ? nlohmann::json() : *leaf;
        }
    }
    return nullptr;
}

struct Figures {
    std::vector<double> produce, consume, produce_mib, consume_mib, ack_ms, e2e_ms;
};

void check_targets(const SweepTargets& t, SweepPointResult& p) {
    auto check = [&](const std::optional<double>& limit, double value, bool max,
                     const std::string& text) {
        if (limit && (max ? value > *limit : value < *limit))
            p.missed.push_back(text);
    };
    check(t.max_e2e_p99_ms, p.e2e_p99_ms.mean, true,
          "e2e p99 <= " + format_decimal(t.max_e2e_p99_ms.value_or(0), 1) + " ms");
    check(t.max_ack_p99_ms, p.ack_p99_ms.mean, true,
          "ack p99 <= " + format_decimal(t.max_ack_p99_ms.value_or(0), 1) + " ms");
    check(t.min_produce_msgs_per_s, p.produce_msgs_per_s.mean, false,
          "produce >= " + format_decimal(t.min_produce_msgs_per_s.value_or(0), 0) + " msg/s");
    check(t.min_consume_msgs_per_s, p.consume_msgs_per_s.mean, false,
          "consume >= " + format_decimal(t.min_consume_msgs_per_s.value_or(0), 0) + " msg/s");
    p.meets_targets = p.missed.empty();
}

void mark_frontier(SweepResults& r) {
    std::vector<SweepPointResult*> measured;
    for (auto& p : r.points)
        if (p.valid_runs > 0)
            measured.push_back(&p);
    for (auto* p : measured) {
        const double tp = p->produce_msgs_per_s.mean, lat = frontier_latency(r, *p).mean;
        p->on_frontier = std::none_of(measured.begin(), measured.end(), [&](auto* q) {
            const double qt = q->produce_msgs_per_s.mean, ql = frontier_latency(r, *q).mean;
            return qt >= tp && ql <= lat && (qt > tp || ql < lat);
        });
        if (p->on_frontier)
            r.frontier.push_back(p->index);
    }
    std::sort(r.frontier.begin(), r.frontier.end(), [&](int a, int b) {
        return frontier_latency(r, r.points[a]).mean < frontier_latency(r, r.points[b]).mean;
    });
}

std::string runner_up_text(const SweepPointResult& next, const SampleStatistics& best_metric,
                           const SampleStatistics& next_metric) {
    const auto c = compare_means(best_metric, next_metric);
    std::string text = "#" + std::to_string(next.index) + " (" + next.label + ")";
    switch (c.verdict) {
    case NoiseVerdict::Different:
        return text + " differs beyond noise (Welch's t-test, p = " + format_decimal(c.p_value, 3) +
               ")";
    case NoiseVerdict::WithinNoise:
        return text +
               " is within noise of it (Welch's t-test, p = " + format_decimal(c.p_value, 3) +
               " >= 0.05): the choice between them is open";
    case NoiseVerdict::NotEnoughRuns:
        break;
    }
    return text + " is next; with fewer than 2 valid runs per point noise cannot be judged";
}

void choose_best(SweepResults& r, const nlohmann::json& base_effective,
                 const std::vector<SweepAxis>& axes) {
    std::vector<const SweepPointResult*> candidates;
    for (const auto& p : r.points)
        if (p.valid_runs > 0 && (r.targets.empty() || p.meets_targets))
            candidates.push_back(&p);
    if (candidates.empty()) {
        r.best_note = r.targets.empty() ? "no point has a valid run"
                                        : "no point meets the targets (" +
                                              describe_sweep_targets(r.targets) + ")";
        return;
    }
    // With a latency target (or none at all) throughput decides; with throughput targets
    // alone, latency does.
    const bool by_latency =
        !r.targets.empty() && !r.targets.max_e2e_p99_ms && !r.targets.max_ack_p99_ms;
    auto metric = [&](const SweepPointResult* p) -> const SampleStatistics& {
        return by_latency ? frontier_latency(r, *p) : p->produce_msgs_per_s;
    };
    std::stable_sort(candidates.begin(), candidates.end(), [&](auto* a, auto* b) {
        return by_latency ? metric(a).mean < metric(b).mean : metric(a).mean > metric(b).mean;
    });
    SweepBest best;
    best.point = candidates[0]->index;
    best.reason =
        std::string(by_latency ? "lowest " + r.latency_kind + " p99"
                               : "highest produce throughput") +
        (r.targets.empty() ? " (no targets given)"
                           : " among the points meeting " + describe_sweep_targets(r.targets));
    for (const auto& axis : axes) {
        const nlohmann::json value = candidates[0]->values.value(axis.path, nlohmann::json());
        const nlohmann::json base = value_at(base_effective, axis.path);
        std::string s = axis.short_name + "=" + sweep_value_text(value);
        if (base.is_null())
            s += " (spec: librdkafka's default)";
        else if (sweep_value_text(base) != sweep_value_text(value))
            s += " (spec: " + sweep_value_text(base) + ")";
        best.settings.push_back(s);
    }
    if (candidates.size() > 1)
        best.runner_up =
            runner_up_text(*candidates[1], metric(candidates[0]), metric(candidates[1]));
    r.best = best;
}

} // namespace

const SampleStatistics& frontier_latency(const SweepResults& r, const SweepPointResult& p) {
    return r.latency_kind == "ack" ? p.ack_p99_ms : p.e2e_p99_ms;
}

SweepResults summarize_sweep(const std::vector<RunRecord>& runs, const std::string& sweep_id,
                             const std::optional<SweepTargets>& targets) {
    const RunRecord* latest = nullptr;
    for (const auto& r : runs)
        if (belongs(r, sweep_id))
            latest = &r;
    if (!latest)
        throw std::runtime_error("no run of sweep \"" + sweep_id + "\" in this workspace");

    SweepResults res;
    res.id = sweep_id;
    res.planned_points = latest->sweep->points;
    const auto plan = parse_sweep_plan(latest->sweep->spec);
    std::vector<SweepAxis> axes;
    nlohmann::json base_effective;
    if (plan.ok()) {
        axes = plan.plan.axes;
        res.repeats = plan.plan.repeats;
        res.targets = plan.plan.targets;
        res.name = plan.plan.base.value("name", "");
        base_effective = experiment_spec_to_json(parse_experiment_spec(plan.plan.base).spec);
        for (const auto& p : expand_sweep(plan.plan)) {
            SweepPointResult point;
            point.index = p.index;
            point.label = p.label;
            point.values = p.values;
            res.points.push_back(std::move(point));
        }
    }
    if (targets)
        res.targets = *targets;
    for (const auto& a : axes)
        res.axis_paths.push_back(a.path);
    res.planned_points = std::max<int>(res.planned_points, static_cast<int>(res.points.size()));
    res.points.resize(res.planned_points);
    for (int i = 0; i < res.planned_points; ++i)
        res.points[i].index = i; // also for points the saved spec no longer describes

    std::map<int, Figures> figures;
    bool any_e2e = false;
    for (const auto& r : runs) {
        if (!belongs(r, sweep_id))
            continue;
        if (r.sweep->warmup) {
            ++res.warmup_runs;
            continue;
        }
        const int i = r.sweep->point;
        if (i < 0 || i >= res.planned_points)
            continue; // a record edited by hand; nothing to place it in
        auto& p = res.points[i];
        if (p.label.empty()) { // the saved spec no longer parses: take the run's own view
            p.label = r.sweep->label;
            p.values = r.sweep->values;
        }
        ++p.runs;
        p.run_ids.push_back(r.id);
        if (!r.verdict.valid) {
            ++res.invalid_runs;
            continue;
        }
        ++p.valid_runs;
        const auto& s = r.summary;
        auto& f = figures[i];
        f.produce.push_back(s.producer.msgs_per_s);
        f.consume.push_back(s.consumer.msgs_per_s);
        f.produce_mib.push_back(s.producer.mib_per_s);
        f.consume_mib.push_back(s.consumer.mib_per_s);
        f.ack_ms.push_back(static_cast<double>(s.ack_us.p99_us) / 1000);
        f.e2e_ms.push_back(static_cast<double>(s.e2e_us.p99_us) / 1000);
        any_e2e = any_e2e || s.e2e_us.count > 0;
    }
    res.latency_kind = any_e2e ? "e2e" : "ack";
    for (auto& [i, f] : figures) {
        auto& p = res.points[i];
        p.produce_msgs_per_s = describe_sample(f.produce);
        p.consume_msgs_per_s = describe_sample(f.consume);
        p.produce_mib_per_s = describe_sample(f.produce_mib);
        p.consume_mib_per_s = describe_sample(f.consume_mib);
        p.ack_p99_ms = describe_sample(f.ack_ms);
        p.e2e_p99_ms = describe_sample(f.e2e_ms);
        if (!res.targets.empty())
            check_targets(res.targets, p);
    }
    mark_frontier(res);
    choose_best(res, base_effective, axes);
    return res;
}

std::set<std::pair<int, int>> finished_sweep_runs(const std::vector<RunRecord>& runs,
                                                  const std::string& sweep_id) {
    std::set<std::pair<int, int>> done;
    for (const auto& r : runs)
        if (belongs(r, sweep_id) && !r.sweep->warmup && r.status != RunStatus::Cancelled)
            done.insert({r.sweep->point, r.sweep->repeat});
    return done;
}

nlohmann::json saved_sweep_spec(const std::vector<RunRecord>& runs, const std::string& sweep_id) {
    for (auto it = runs.rbegin(); it != runs.rend(); ++it)
        if (belongs(*it, sweep_id))
            return it->sweep->spec;
    return nullptr;
}

std::string format_mean_ci(const SampleStatistics& s, int decimals) {
    if (s.n == 0)
        return "-";
    if (!s.ci95)
        return format_decimal(s.mean, decimals) + " (1 run, no interval)";
    return format_decimal(s.mean, decimals) + " ± " + format_decimal(*s.ci95, decimals);
}

namespace {

nlohmann::json statistics_json(const SampleStatistics& s) {
    return {{"n", s.n},
            {"mean", s.mean},
            {"stddev", s.stddev},
            {"ci95", s.ci95 ? nlohmann::json(*s.ci95) : nlohmann::json()}};
}

} // namespace

nlohmann::json sweep_results_to_json(const SweepResults& r) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : r.points)
        points.push_back({{"index", p.index},
                          {"label", p.label},
                          {"values", p.values},
                          {"runs", p.runs},
                          {"valid_runs", p.valid_runs},
                          {"produce_msgs_per_s", statistics_json(p.produce_msgs_per_s)},
                          {"consume_msgs_per_s", statistics_json(p.consume_msgs_per_s)},
                          {"produce_mib_per_s", statistics_json(p.produce_mib_per_s)},
                          {"consume_mib_per_s", statistics_json(p.consume_mib_per_s)},
                          {"ack_p99_ms", statistics_json(p.ack_p99_ms)},
                          {"e2e_p99_ms", statistics_json(p.e2e_p99_ms)},
                          {"meets_targets", p.meets_targets},
                          {"missed_targets", p.missed},
                          {"on_frontier", p.on_frontier},
                          {"run_ids", p.run_ids}});
    nlohmann::json best = nullptr;
    if (r.best)
        best = {{"point", r.best->point},
                {"reason", r.best->reason},
                {"settings", r.best->settings},
                {"runner_up", r.best->runner_up}};
    return {{"format", "ktw-sweep-results"},
            {"id", r.id},
            {"name", r.name},
            {"axes", r.axis_paths},
            {"planned_points", r.planned_points},
            {"repeats", r.repeats},
            {"targets", sweep_targets_to_json(r.targets)},
            {"latency_kind", r.latency_kind},
            {"warmup_runs", r.warmup_runs},
            {"invalid_runs", r.invalid_runs},
            {"points", points},
            {"frontier", r.frontier},
            {"best", best},
            {"best_note", r.best_note}};
}

std::vector<std::pair<std::string, int>> list_sweeps(const std::vector<RunRecord>& runs) {
    std::vector<std::pair<std::string, int>> sweeps;
    for (const auto& r : runs) {
        if (!r.sweep)
            continue;
        auto it = std::find_if(sweeps.begin(), sweeps.end(),
                               [&](const auto& s) { return s.first == r.sweep->id; });
        if (it == sweeps.end())
            sweeps.push_back({r.sweep->id, 1});
        else
            ++it->second;
    }
    return sweeps;
}

} // namespace ktw
