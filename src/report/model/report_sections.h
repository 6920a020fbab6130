#pragma once
// The sections of a report (everything but the conclusion), built from the model's runs and
// comparison. Internal to ktw_report.

#include "report/model/report_model.h"

namespace ktw::report {

std::vector<ReportSection> build_sections(const ReportModel& model);

} // namespace ktw::report
