#pragma once
// A finished run as rich text for the run page: verdict first, then the headline figures,
// the latency percentiles and the measured poll and fetch breakdown per consumer.

#include "core/record/run_record.h"

#include <QString>

namespace ktw::gui {

QString run_summary_html(const RunRecord& record);
/// "VALID" / "INVALID: consumed 5,000 of 10,000 …" in one line.
QString verdict_line(const RunRecord& record);

} // namespace ktw::gui
