#pragma once
// Small text helpers the renderers share. Internal to ktw_report.

#include "report/model/report_model.h"

#include <string>
#include <vector>

namespace ktw::report {

std::string base64(const std::string& bytes);
std::string html_escape(const std::string& text);
/// Splits text into paragraphs at blank lines; lines inside a paragraph are kept.
std::vector<std::string> split_paragraphs(const std::string& text);
/// Shortest fixed-notation text that reads back as exactly v ("49385.81234", "200000"); ""
/// when not finite.
std::string exact_number(double v);
/// The current time as ISO 8601 UTC ("2026-11-26T03:14:34Z"): when a report was generated.
std::string now_utc();
/// A paragraph block and a bullet-list block of a report section.
ReportBlock paragraph(std::string text);
ReportBlock bullets(std::vector<std::string> items);

} // namespace ktw::report
