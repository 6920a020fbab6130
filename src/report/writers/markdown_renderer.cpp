#include "report/writers/render_util.h"
#include "report/writers/report_writer.h"

namespace ktw::report {
namespace {

std::string cell_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

void table(std::string& out, const ReportTable& t) {
    if (!t.caption.empty())
        out += "**" + t.caption + "**\n\n";
    out += "|";
    for (const auto& h : t.header)
        out += " " + cell_text(h.empty() ? " " : h) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < t.header.size(); ++c)
        out += c < t.label_columns ? " --- |" : " ---: |";
    out += "\n";
    for (const auto& row : t.rows) {
        out += "|";
        for (const auto& cell : row)
            out += cell.best ? " **" + cell_text(cell.text) + "** |"
                             : " " + cell_text(cell.text) + " |";
        out += "\n";
    }
    out += "\n";
}

} // namespace

std::string render_markdown(const ReportModel& m, const std::string& chart_file_stem) {
    std::string out = "# " + m.title + "\n\n" + m.subtitle + "\n\nGenerated " + m.generated_at +
                      " by the Kafka Tuning Workbench." +
                      (m.is_comparison ? " **Bold** marks the best value of a row." : "") + "\n\n";
    for (const auto& s : m.sections) {
        out += "## " + s.title + "\n\n";
        for (const auto& b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::Paragraph:
                out += b.text + "\n\n";
                break;
            case ReportBlock::Kind::Bullets:
                for (const auto& item : b.items)
                    out += "- " + item + "\n";
                out += "\n";
                break;
            case ReportBlock::Kind::Table:
                table(out, b.table);
                break;
            case ReportBlock::Kind::Chart: {
                const auto& chart = m.charts.at(b.chart);
                if (chart_file_stem.empty())
                    out += "*" + chart.title + ": see the HTML or PDF report.*\n\n";
                else
                    out +=
                        "![" + chart.title + "](" + chart_file_stem + "-" + chart.id + ".svg)\n\n";
                break;
            }
            }
        }
    }
    out += "## Conclusion\n\n";
    for (const auto& p : split_paragraphs(m.conclusion))
        out += p + "\n\n";
    return out;
}

} // namespace ktw::report
