#include "report/model/report_model.h"

#include "report/writers/render_util.h"
#include "report/model/report_sections.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <stdexcept>

namespace ktw::report {
namespace {

// Time on the charts starts where the first interval starts (producing began), not at the
// run's start: setup and the group join differ between runs and would shift the curves apart.
double chart_origin(const RunRecord& r) {
    return r.intervals.empty() ? 0 : r.intervals.front().t - r.intervals.front().dt;
}

double warmup_end(const RunRecord& r) {
    double end = 0;
    for (const auto& p : r.intervals)
        if (p.warmup)
            end = p.t - chart_origin(r);
    return end;
}

ChartSeries series_of(const RunRecord& r, std::string name, int color, bool dashed,
                      double (*value)(const IntervalPoint&),
                      bool (*has_value)(const IntervalPoint&)) {
    ChartSeries s{std::move(name), color, dashed, {}, false, {}};
    const double origin = chart_origin(r);
    for (const auto& p : r.intervals)
        if (has_value(p))
            s.points.push_back({p.t - p.dt / 2 - origin, value(p)}); // the interval's middle
    return s;
}

double produced_rate(const IntervalPoint& p) {
    return p.produce_msgs_per_s;
}
double consumed_rate(const IntervalPoint& p) {
    return p.consume_msgs_per_s;
}
double ack_p50(const IntervalPoint& p) {
    return p.ack_p50_us / 1000.0;
}
double ack_p99(const IntervalPoint& p) {
    return p.ack_p99_us / 1000.0;
}
double e2e_p50(const IntervalPoint& p) {
    return p.e2e_p50_us / 1000.0;
}
double e2e_p99(const IntervalPoint& p) {
    return p.e2e_p99_us / 1000.0;
}
bool always(const IntervalPoint&) {
    return true;
}
// An interval without acknowledgements (or receipts) has no latency, not a latency of 0.
bool has_acks(const IntervalPoint& p) {
    return p.produced > 0 && p.ack_p99_us > 0;
}
bool has_receipts(const IntervalPoint& p) {
    return p.consumed > 0 && p.e2e_p99_us > 0;
}

std::vector<ChartData> build_charts(const std::vector<RunRecord>& runs) {
    const bool many = runs.size() > 1;
    ChartData tp{"throughput",
                 "Throughput per interval",
                 "time since producing started (s)",
                 "messages per second",
                 {},
                 {}};
    ChartData lat{"latency",
                  many ? "Latency p99 per interval" : "Latency per interval",
                  "time since producing started (s)",
                  "latency (ms)",
                  {},
                  {}};
    double shade = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        const bool consumers = !r.summary.consumers.empty();
        shade = std::max(shade, warmup_end(r));
        if (many) {
            const std::string tag = "[" + std::to_string(i + 1) + "] ";
            const int color = static_cast<int>(i);
            tp.series.push_back(
                series_of(r, tag + "produced", color, false, produced_rate, always));
            if (consumers)
                tp.series.push_back(
                    series_of(r, tag + "consumed", color, true, consumed_rate, always));
            lat.series.push_back(series_of(r, tag + "ack p99", color, false, ack_p99, has_acks));
            if (consumers)
                lat.series.push_back(
                    series_of(r, tag + "end-to-end p99", color, true, e2e_p99, has_receipts));
        } else {
            tp.series.push_back(series_of(r, "produced", 0, false, produced_rate, always));
            if (consumers)
                tp.series.push_back(series_of(r, "consumed", 1, true, consumed_rate, always));
            lat.series.push_back(series_of(r, "ack p99", 0, false, ack_p99, has_acks));
            lat.series.push_back(series_of(r, "ack p50", 0, true, ack_p50, has_acks));
            if (consumers) {
                lat.series.push_back(
                    series_of(r, "end-to-end p99", 1, false, e2e_p99, has_receipts));
                lat.series.push_back(
                    series_of(r, "end-to-end p50", 1, true, e2e_p50, has_receipts));
            }
        }
    }
    if (shade > 0) {
        tp.shaded.push_back({0, shade});
        lat.shaded.push_back({0, shade});
    }
    return {tp, lat};
}

std::string slug(const std::string& s) {
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
        else if (ch == '/')
            out += "_per_";
        else if (ch == '.')
            continue; // "p99.9" -> "p999", as in the run record's field names
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

} // namespace

std::string metric_key(const MetricRow& m) {
    std::string key =
        slug(m.label.starts_with("end-to-end ") ? "e2e " + m.label.substr(11) : m.label);
    if (!m.unit.empty() && m.unit != "msgs")
        key += "_" + slug(m.unit);
    return key;
}

ReportModel build_report(const std::vector<RunRecord>& runs) {
    if (runs.empty())
        throw std::invalid_argument("a report needs at least one run");
    ReportModel m;
    m.runs = runs;
    m.is_comparison = runs.size() > 1;
    m.comparison = compare_runs(runs);
    m.generated_at = now_utc();
    if (m.is_comparison) {
        m.title = "Comparison of " + std::to_string(runs.size()) + " runs";
        m.subtitle = "Baseline [1] " + runs[0].id + "; deltas are against it.";
    } else {
        m.title = "Run " + runs[0].id;
        m.subtitle = "Experiment \"" + runs[0].name + "\", started " +
                     runs[0].environment.started_at + ", status " + to_string(runs[0].status) + ".";
    }
    m.charts = build_charts(runs);
    m.sections = build_sections(m);
    m.conclusion = draft_conclusion(m);
    return m;
}

} // namespace ktw::report
