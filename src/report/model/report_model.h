#pragma once
// The report model: what a report of one run or of a comparison says, independent of the
// format it is written in. The renderers (Markdown, HTML, PDF) walk its sections; CSV and
// JSON read the runs and the comparison directly. Built by build_report(); the conclusion is
// drafted from the numbers and may be replaced by the caller before writing.

#include "core/analysis/run_comparison.h"
#include "core/record/run_record.h"
#include "core/sweep/sweep_results.h"

#include <optional>
#include <string>
#include <vector>

namespace ktw::report {

/// One table cell; best marks the best value of a row in a comparison.
struct ReportCell {
    std::string text;
    bool best = false;
    ReportCell(std::string t = {}, bool b = false) : text(std::move(t)), best(b) {}
    ReportCell(const char* t) : text(t) {}
};

struct ReportTable {
    std::string caption; ///< optional line above the table
    std::vector<std::string> header;
    std::vector<std::vector<ReportCell>> rows;
    /// The first label_columns columns hold text (left-aligned), the rest numbers (right).
    std::size_t label_columns = 1;
};

struct ChartPoint {
    double x = 0, y = 0;
};

struct ChartSeries {
    std::string name;
    int color = 0;       ///< index into the chart palette (one colour per run or per measure)
    bool dashed = false; ///< the second measure of the same run/colour
    std::vector<ChartPoint> points;
    bool markers = false;            ///< a scatter: a dot per point, no line
    std::vector<std::string> labels; ///< markers: text beside each point ("#3"), may be empty
};

/// A line chart over time (or a scatter, series with markers). Shaded spans mark warm-up.
struct ChartData {
    std::string id; ///< "throughput", "latency": stable, used in file names and JSON
    std::string title;
    std::string x_label;
    std::string y_label;
    std::vector<ChartSeries> series;
    std::vector<std::pair<double, double>> shaded; ///< [from, to] x ranges (warm-up)
};

struct ReportBlock {
    enum class Kind { Paragraph, Bullets, Table, Chart };
    Kind kind = Kind::Paragraph;
    std::string text;               ///< Paragraph
    std::vector<std::string> items; ///< Bullets
    ReportTable table;              ///< Table
    std::size_t chart = 0;          ///< Chart: index into ReportModel::charts
};

struct ReportSection {
    std::string id;    ///< "environment", "topic", "workload", "tuning", "clients", "results",
                       ///< "validity" (the conclusion is ReportModel::conclusion)
    std::string title; ///< "Environment", ...
    std::vector<ReportBlock> blocks;
};

struct ReportModel {
    std::string title;
    std::string subtitle;     ///< which runs, when
    std::string generated_at; ///< ISO 8601 UTC
    bool is_comparison = false;
    std::vector<RunRecord> runs; ///< as given; the first is the comparison's baseline
    RunComparison comparison;    ///< compare_runs(runs), also for a single run (one column)
    std::vector<ChartData> charts;
    std::vector<ReportSection> sections;
    /// Plain text, paragraphs separated by blank lines. Drafted by build_report; the GUI
    /// lets the user edit it; renderers print it as the last section, "Conclusion".
    std::string conclusion;
    /// A sweep's report (build_sweep_report): runs is empty, CSV and JSON write the sweep.
    std::optional<SweepResults> sweep;
};

/// A report of one run (runs.size() == 1) or a comparison against runs[0].
/// Throws std::invalid_argument when runs is empty.
ReportModel build_report(const std::vector<RunRecord>& runs);
inline ReportModel build_run_report(const RunRecord& run) {
    return build_report({run});
}

/// The conclusion drafted from the model's numbers: the fastest valid run and by how much,
/// the latency it costs, invalid runs left out and why, and the embedded-cluster caveat.
std::string draft_conclusion(const ReportModel& model);

/// "[2] linger.ms=50": a run's number and, in a comparison, the settings that set it apart.
std::string run_label(const ReportModel& model, std::size_t run);

/// Stable machine key of a metric row: "produce_rate_msgs_per_s", "ack_p99_ms", "polls".
std::string metric_key(const MetricRow& m);

} // namespace ktw::report
