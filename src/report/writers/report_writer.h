#pragma once
// Writing a report in each format. The CLI (ktw-cli report) and the GUI call these, so both
// write the same files. Every file goes through write_file_atomically.

#include "report/model/report_model.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ktw::report {

enum class ReportFormat { Html, Markdown, Pdf, Csv, Json };

/// "html", "md" (or "markdown"), "pdf", "csv", "json"; case-insensitive.
std::optional<ReportFormat> report_format_from_name(const std::string& name);
/// From a file name's extension (.html/.htm, .md/.markdown, .pdf, .csv, .json).
std::optional<ReportFormat> report_format_from_path(const std::filesystem::path& path);
/// "html", "md", "pdf", "csv", "json": also the file extension.
const char* extension_of(ReportFormat format);

std::string render_markdown(const ReportModel& model, const std::string& chart_file_stem = {});
std::string render_html(const ReportModel& model);
std::string render_pdf(const ReportModel& model); ///< the PDF's bytes (A4 pages)
std::string render_csv(const ReportModel& model);
nlohmann::json report_to_json(const ReportModel& model);

/// Writes the report to path in format (atomically) and returns every file written: the
/// Markdown report also writes its charts beside it as <stem>-<chart id>.svg, which it links.
/// Throws std::runtime_error naming the file on failure.
std::vector<std::filesystem::path> write_report(const ReportModel& model, ReportFormat format,
                                                const std::filesystem::path& path);

/// The file name ktw-cli uses without --out: "report-<run id>.<ext>" for one run,
/// "comparison-<first id>-vs-<second id>[-and-N-more].<ext>" for several.
std::string default_report_file_name(const ReportModel& model, ReportFormat format);

} // namespace ktw::report
