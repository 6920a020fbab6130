// CSV and JSON: the machine-readable reports. Keys are stable (metric_key), numbers exact.

#include "report/writers/render_util.h"
#include "report/writers/report_writer.h"

#include <cmath>

namespace ktw::report {
namespace {

// RFC 4180: quote a field holding a comma, quote, line break or edge spaces; double quotes.
std::string csv_field(const std::string& s) {
    const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Counts as integers (200000, not 200000.0); other numbers exact; null when missing.
nlohmann::json number(const std::optional<double>& v) {
    if (!v)
        return nullptr;
    if (*v == std::trunc(*v) && std::fabs(*v) < 9.007199254740992e15)
        return static_cast<int64_t>(*v);
    return *v;
}

void csv_line(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i)
        out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";
}

nlohmann::json block_json(const ReportModel& m, const ReportBlock& b) {
    switch (b.kind) {
    case ReportBlock::Kind::Paragraph:
        return {{"type", "paragraph"}, {"text", b.text}};
    case ReportBlock::Kind::Bullets:
        return {{"type", "bullets"}, {"items", b.items}};
    case ReportBlock::Kind::Chart:
        return {{"type", "chart"}, {"chart", m.charts.at(b.chart).id}};
    case ReportBlock::Kind::Table:
        break;
    }
    nlohmann::json rows = nlohmann::json::array(), best = nlohmann::json::array();
    for (std::size_t r = 0; r < b.table.rows.size(); ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t c = 0; c < b.table.rows[r].size(); ++c) {
            row.push_back(b.table.rows[r][c].text);
            if (b.table.rows[r][c].best)
                best.push_back({r, c});
        }
        rows.push_back(std::move(row));
    }
    return {{"type", "table"},
            {"caption", b.table.caption},
            {"header", b.table.header},
            {"rows", rows},
            {"best_cells", best}};
}

// A sweep: one line per point, mean, ci95 (empty with one run) and n of each figure.
std::string sweep_csv(const SweepResults& r) {
    std::vector<std::string> header = {"point", "label"};
    for (const auto& axis : r.axis_paths)
        header.push_back("axis:" + axis);
    header.insert(header.end(), {"runs", "valid_runs"});
    const char* figures[] = {"produce_msgs_per_s", "consume_msgs_per_s", "produce_mib_per_s",
                             "consume_mib_per_s",  "ack_p99_ms",         "e2e_p99_ms"};
    for (const char* f : figures) {
        header.push_back(std::string(f) + "_mean");
        header.push_back(std::string(f) + "_ci95");
    }
    header.insert(header.end(), {"on_frontier", "meets_targets", "best"});
    std::string out;
    csv_line(out, header);
    for (const auto& p : r.points) {
        std::vector<std::string> row = {std::to_string(p.index), p.label};
        for (const auto& axis : r.axis_paths)
            row.push_back(p.values.contains(axis) ? sweep_value_text(p.values[axis]) : "");
        row.push_back(std::to_string(p.runs));
        row.push_back(std::to_string(p.valid_runs));
        for (const SampleStatistics* s :
             {&p.produce_msgs_per_s, &p.consume_msgs_per_s, &p.produce_mib_per_s,
              &p.consume_mib_per_s, &p.ack_p99_ms, &p.e2e_p99_ms}) {
            row.push_back(s->n ? exact_number(s->mean) : "");
            row.push_back(s->ci95 ? exact_number(*s->ci95) : "");
        }
        row.push_back(p.on_frontier ? "true" : "false");
        row.push_back(r.targets.empty() ? "" : (p.meets_targets ? "true" : "false"));
        row.push_back(r.best && r.best->point == p.index ? "true" : "false");
        csv_line(out, row);
    }
    return out;
}

} // namespace

std::string render_csv(const ReportModel& m) {
    if (m.sweep)
        return sweep_csv(*m.sweep);
    std::vector<std::string> header = {"run", "id", "name", "status", "valid", "started_at"};
    for (const auto& metric : m.comparison.metrics)
        header.push_back(metric_key(metric));
    for (const auto& s : m.comparison.settings)
        header.push_back("setting:" + s.key);
    std::string out;
    csv_line(out, header);
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
        const auto& r = m.runs[i];
        std::vector<std::string> row = {std::to_string(i + 1),
                                        r.id,
                                        r.name,
                                        to_string(r.status),
                                        r.verdict.valid ? "true" : "false",
                                        r.environment.started_at};
        for (const auto& metric : m.comparison.metrics)
            row.push_back(metric.values[i] ? exact_number(*metric.values[i]) : "");
        for (const auto& s : m.comparison.settings)
            row.push_back(s.values[i]);
        csv_line(out, row);
    }
    return out;
}

nlohmann::json report_to_json(const ReportModel& m) {
    nlohmann::json runs = nlohmann::json::array();
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
        const auto& r = m.runs[i];
        nlohmann::json metrics = nlohmann::json::object();
        for (const auto& metric : m.comparison.metrics)
            metrics[metric_key(metric)] = number(metric.values[i]);
        runs.push_back({{"id", r.id},
                        {"name", r.name},
                        {"label", run_label(m, i)},
                        {"status", to_string(r.status)},
                        {"valid", r.verdict.valid},
                        {"reasons", r.verdict.reasons},
                        {"warnings", r.verdict.warnings},
                        {"cluster_kind", r.environment.cluster_kind},
                        {"started_at", r.environment.started_at},
                        {"metrics", metrics}});
    }
    nlohmann::json charts = nlohmann::json::array();
    for (const auto& c : m.charts) {
        nlohmann::json series = nlohmann::json::array();
        for (const auto& s : c.series) {
            nlohmann::json points = nlohmann::json::array();
            for (const auto& p : s.points)
                points.push_back({p.x, p.y});
            series.push_back({{"name", s.name}, {"points", points}});
        }
        charts.push_back({{"id", c.id},
                          {"title", c.title},
                          {"x_label", c.x_label},
                          {"y_label", c.y_label},
                          {"warmup", c.shaded},
                          {"series", series}});
    }
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : m.sections) {
        nlohmann::json blocks = nlohmann::json::array();
        for (const auto& b : s.blocks)
            blocks.push_back(block_json(m, b));
        sections.push_back({{"id", s.id}, {"title", s.title}, {"blocks", blocks}});
    }
    nlohmann::json j = {{"format", "ktw-report"},
                        {"format_version", 1},
                        {"kind", m.sweep           ? "sweep"
                                 : m.is_comparison ? "comparison"
                                                   : "run"},
                        {"title", m.title},
                        {"subtitle", m.subtitle},
                        {"generated_at", m.generated_at},
                        {"runs", runs},
                        {"sections", sections},
                        {"charts", charts},
                        {"conclusion", m.conclusion}};
    if (m.sweep)
        j["sweep"] = sweep_results_to_json(*m.sweep);
    else if (m.is_comparison)
        j["comparison"] = comparison_to_json(m.comparison);
    else
        j["summary"] = run_record_to_json(m.runs[0])["summary"];
    return j;
}

} // namespace ktw::report
