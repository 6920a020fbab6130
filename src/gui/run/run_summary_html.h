#pragma once
// A finished run as rich text for the run page: the run summary model (the same one the CLI
// and the reports render) laid out as HTML, verdict first.

#include "core/record/run_record.h"

#include <QString>

namespace ktw::gui {

QString run_summary_html(const RunRecord& record);
/// "VALID" / "INVALID: consumed 5,000 of 10,000 …" in one line.
QString verdict_line(const RunRecord& record);

} // namespace ktw::gui
