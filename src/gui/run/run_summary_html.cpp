#include "gui/run/run_summary_html.h"

#include "core/summary/run_summary_model.h"
#include "gui/widgets/status_color.h"

#include <QObject>

namespace ktw::gui {
namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

/// One section of the model as a bordered table: its title and caption above, its notes
/// below. Label columns are left-aligned, figures right-aligned; a total row is bold.
QString section_html(const SummarySection& s) {
    QString h = "<p><b>" + q(s.title) + "</b>";
    if (!s.caption.empty())
        h += " (" + q(s.caption) + ")";
    h += "</p><table cellspacing=0 cellpadding=3 border=1 style='border-collapse:collapse'><tr>";
    for (const auto& c : s.columns)
        h += "<th>" + q(c.header) + "</th>";
    h += "</tr>";
    for (const auto& row : s.rows) {
        h += "<tr>";
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            QString cell = q(row.cells[i]);
            if (row.total)
                cell = "<b>" + cell + "</b>";
            h += (i == 0 ? "<td>" : "<td align=right>") + cell + "</td>";
        }
        h += "</tr>";
    }
    h += "</table>";
    for (const auto& n : s.notes)
        h += "<p>" + q(n) + "</p>";
    return h;
}

QString facts_line(const RunSummaryModel& m) {
    QString line = QObject::tr("Run <b>%1</b> (%2)").arg(q(m.run_id), q(m.status));
    for (const auto& f : m.facts)
        line += " · " + q(f.label) + " " + q(f.value);
    return "<p>" + line + "</p>";
}

} // namespace

QString verdict_line(const RunRecord& r) {
    if (r.verdict.valid)
        return QObject::tr("VALID");
    QString line = QObject::tr("INVALID");
    if (!r.verdict.reasons.empty())
        line += ": " + QString::fromStdString(r.verdict.reasons.front());
    return line;
}

QString run_summary_html(const RunRecord& r) {
    const RunSummaryModel m = build_run_summary_model(r);
    const auto& v = m.verdict;
    QString h = "<h3 style='color:" +
                status_color_name(v.valid ? Status::Good : Status::Bad) + "'>" +
                QObject::tr("Verdict: %1").arg(q(v.headline)) + "</h3><ul>";
    if (!v.audit.empty())
        h += "<li>" + q(v.audit) + "</li>";
    for (const auto& reason : v.reasons)
        h += "<li><b>" + q(reason) + "</b></li>";
    for (const auto& w : v.warnings)
        h += "<li>" + QObject::tr("warning: ") + q(w) + "</li>";
    h += "</ul>" + facts_line(m);
    for (const auto& s : m.sections)
        h += section_html(s);
    if (!m.cluster_notes.empty()) {
        h += "<p style='color:gray'>";
        for (const auto& n : m.cluster_notes)
            h += QObject::tr("note: ") + q(n) + "<br>";
        h += "</p>";
    }
    return h;
}

} // namespace ktw::gui
