// The HTML report: one self-contained file (inline CSS, charts as base64 SVG images, so two
// charts' SVG ids cannot clash and the file can be mailed or attached as it is).

#include "report/charts/chart_renderer.h"
#include "report/writers/render_util.h"
#include "report/writers/report_writer.h"

namespace ktw::report {
namespace {

constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       max-width: 1000px; margin: 2em auto; padding: 0 1.2em; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 1.8em; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.4em 0 1.2em; font-size: 0.9em; }
caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
th, td { border: 1px solid #d8d8d8; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f1f3f5; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.best { font-weight: 700; background: #e6f4ea; }
tr:nth-child(even) td { background-color: #fafafa; }
tr:nth-child(even) td.best { background: #e6f4ea; }
figure { margin: 1em 0; }
figure img { width: 100%; max-width: 900px; border: 1px solid #e3e3e3; }
section#conclusion { background: #f7f9fc; border: 1px solid #dde3ec; padding: 0.2em 1em; }
@media print { body { max-width: none; } h2 { page-break-after: avoid; } }
)";

void table(std::string& out, const ReportTable& t) {
    out += "<table>\n";
    if (!t.caption.empty())
        out += "<caption>" + html_escape(t.caption) + "</caption>\n";
    out += "<tr>";
    for (std::size_t c = 0; c < t.header.size(); ++c)
        out += (c >= t.label_columns ? "<th class=\"num\">" : "<th>") + html_escape(t.header[c]) +
               "</th>";
    out += "</tr>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < row.size(); ++c) {
            std::string cls = c >= t.label_columns ? "num" : "";
            if (row[c].best)
                cls += cls.empty() ? "best" : " best";
            out += (cls.empty() ? "<td>" : "<td class=\"" + cls + "\">") +
                   html_escape(row[c].text) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
}

std::string paragraphs(const std::string& text) {
    std::string out;
    for (const auto& p : split_paragraphs(text)) {
        std::string html = html_escape(p);
        for (std::size_t pos = 0; (pos = html.find('\n', pos)) != std::string::npos; pos += 5)
            html.replace(pos, 1, "<br>");
        out += "<p>" + html + "</p>\n";
    }
    return out;
}

} // namespace

std::string render_html(const ReportModel& m) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"generator\" content=\"Kafka Tuning Workbench\">\n<title>" +
                      html_escape(m.title) + "</title>\n<style>" + kStyle +
                      "</style>\n</head>\n<body>\n";
    out += "<h1>" + html_escape(m.title) + "</h1>\n<p class=\"meta\">" + html_escape(m.subtitle) +
           "<br>Generated " + html_escape(m.generated_at) + " by the Kafka Tuning Workbench." +
           (m.is_comparison ? " Highlighted cells are the best value of a row." : "") + "</p>\n";
    for (const auto& s : m.sections) {
        out += "<section id=\"" + s.id + "\">\n<h2>" + html_escape(s.title) + "</h2>\n";
        for (const auto& b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::Paragraph:
                out += paragraphs(b.text);
                break;
            case ReportBlock::Kind::Bullets:
                out += "<ul>\n";
                for (const auto& item : b.items)
                    out += "<li>" + html_escape(item) + "</li>\n";
                out += "</ul>\n";
                break;
            case ReportBlock::Kind::Table:
                table(out, b.table);
                break;
            case ReportBlock::Kind::Chart: {
                const auto& chart = m.charts.at(b.chart);
                out += "<figure id=\"chart-" + chart.id + "\"><img alt=\"" +
                       html_escape(chart.title) + "\" src=\"data:image/svg+xml;base64," +
                       base64(render_chart_svg(chart)) + "\"></figure>\n";
                break;
            }
            }
        }
        out += "</section>\n";
    }
    out += "<section id=\"conclusion\">\n<h2>Conclusion</h2>\n" + paragraphs(m.conclusion) +
           "</section>\n</body>\n</html>\n";
    return out;
}

} // namespace ktw::report
