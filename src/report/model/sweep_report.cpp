#include "report/model/sweep_report.h"

#include "report/writers/render_util.h"
#include "core/util/text_format.h"

#include <chrono>
#include <ctime>

namespace ktw::report {
namespace {

ReportBlock points_table(const SweepResults& r) {
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table.header = {"Point",      "Runs (valid)",  "Produce msg/s", "Consume msg/s", "Ack p99 ms",
                      "E2E p99 ms", "Produce MiB/s", "Frontier",      "Targets"};
    for (const auto& p : r.points) {
        const bool best = r.best && r.best->point == p.index;
        std::vector<ReportCell> row = {
            {"#" + std::to_string(p.index) + " " + p.label + (best ? " (best)" : ""), best},
            std::to_string(p.runs) + " (" + std::to_string(p.valid_runs) + ")",
            format_mean_ci(p.produce_msgs_per_s, 0),
            format_mean_ci(p.consume_msgs_per_s, 0),
            format_mean_ci(p.ack_p99_ms, 2),
            format_mean_ci(p.e2e_p99_ms, 2),
            format_mean_ci(p.produce_mib_per_s, 2),
            p.on_frontier ? "yes" : "",
            r.targets.empty() || p.valid_runs == 0 ? "" : (p.meets_targets ? "met" : "missed")};
        b.table.rows.push_back(std::move(row));
    }
    return b;
}

ChartData tradeoff_chart(const SweepResults& r) {
    ChartData c;
    c.id = "tradeoff";
    c.title = "Throughput vs " + r.latency_kind + " p99 (means of the valid runs)";
    c.x_label = r.latency_kind + " p99 (ms)";
    c.y_label = "produce (msg/s)";
    ChartSeries all{"points", 7, false, {}, true, {}};
    ChartSeries meets{"meet the targets", 2, false, {}, true, {}};
    ChartSeries frontier{"frontier", 0, false, {}, false, {}};
    ChartSeries best{"best", 3, false, {}, true, {}};
    for (const auto& p : r.points) {
        if (p.valid_runs == 0)
            continue;
        const ChartPoint pt{frontier_latency(r, p).mean, p.produce_msgs_per_s.mean};
        auto& series = !r.targets.empty() && p.meets_targets ? meets : all;
        series.points.push_back(pt);
        series.labels.push_back("#" + std::to_string(p.index));
    }
    for (int i : r.frontier)
        frontier.points.push_back(
            {frontier_latency(r, r.points[i]).mean, r.points[i].produce_msgs_per_s.mean});
    if (r.best) {
        const auto& p = r.points[r.best->point];
        best.points.push_back({frontier_latency(r, p).mean, p.produce_msgs_per_s.mean});
    }
    for (auto* s : {&frontier, &all, &meets, &best})
        if (!s->points.empty())
            c.series.push_back(*s);
    return c;
}

std::string best_text(const SweepResults& r) {
    if (!r.best)
        return "No best point: " + r.best_note + ".";
    const auto& p = r.points[r.best->point];
    std::string settings;
    for (const auto& s : r.best->settings)
        settings += (settings.empty() ? "" : ", ") + s;
    std::string text =
        "Best: #" + std::to_string(p.index) + " " + p.label + ", the " + r.best->reason +
        ": produce " + format_mean_ci(p.produce_msgs_per_s, 0) + " msg/s, " + r.latency_kind +
        " p99 " + format_mean_ci(frontier_latency(r, p), 2) + " ms. Settings: " + settings + ".";
    if (!r.best->runner_up.empty())
        text += "\n\nRunner-up: " + r.best->runner_up + ".";
    return text;
}

} // namespace

ReportModel build_sweep_report(const SweepResults& r) {
    ReportModel m;
    m.title = "Sweep: " + r.name;
    m.subtitle = r.id + ": " + std::to_string(r.planned_points) + " point(s) x " +
                 std::to_string(r.repeats) + " repeat(s)";
    m.generated_at = now_utc();
    m.sweep = r;

    ReportSection method{"sweep", "Sweep", {}};
    std::string axes;
    for (const auto& a : r.axis_paths)
        axes += (axes.empty() ? "" : ", ") + a;
    method.blocks.push_back(paragraph(
        "Axes: " + axes + ". Each point ran " + std::to_string(r.repeats) +
        " time(s); figures are the mean ± the half width of the 95% confidence interval "
        "(Student's t) over a point's valid runs. " +
        std::to_string(r.warmup_runs) + " warm-up run(s) and " + std::to_string(r.invalid_runs) +
        " invalid run(s) are excluded from the figures."));
    if (!r.targets.empty())
        method.blocks.push_back(paragraph("Targets: " + describe_sweep_targets(r.targets) +
                                          " (met when the means meet every target)."));
    m.sections.push_back(method);

    ReportSection points{"points", "Points", {}};
    points.blocks.push_back(points_table(r));
    m.sections.push_back(points);

    ReportSection tradeoff{"tradeoff", "Throughput vs latency", {}};
    m.charts.push_back(tradeoff_chart(r));
    ReportBlock chart;
    chart.kind = ReportBlock::Kind::Chart;
    chart.chart = 0;
    tradeoff.blocks.push_back(chart);
    std::vector<std::string> frontier;
    for (int i : r.frontier) {
        const auto& p = r.points[i];
        frontier.push_back("#" + std::to_string(i) + " " + p.label + ": " +
                           format_decimal(p.produce_msgs_per_s.mean, 0) + " msg/s at " +
                           format_decimal(frontier_latency(r, p).mean, 2) + " ms");
    }
    tradeoff.blocks.push_back(paragraph("The frontier: the points no other point beats on both "
                                        "throughput (higher) and " +
                                        r.latency_kind + " p99 (lower)."));
    if (!frontier.empty())
        tradeoff.blocks.push_back(bullets(frontier));
    m.sections.push_back(tradeoff);

    m.conclusion = best_text(r);
    return m;
}

} // namespace ktw::report
