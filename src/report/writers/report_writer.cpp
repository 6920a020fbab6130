#include "report/writers/report_writer.h"

#include "report/charts/chart_renderer.h"
#include "core/record/run_store.h"

#include <algorithm>
#include <cctype>

namespace ktw::report {

std::optional<ReportFormat> report_format_from_name(const std::string& name) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == "html" || n == "htm")
        return ReportFormat::Html;
    if (n == "md" || n == "markdown")
        return ReportFormat::Markdown;
    if (n == "pdf")
        return ReportFormat::Pdf;
    if (n == "csv")
        return ReportFormat::Csv;
    if (n == "json")
        return ReportFormat::Json;
    return std::nullopt;
}

std::optional<ReportFormat> report_format_from_path(const std::filesystem::path& path) {
    const std::string ext = path.extension().string();
    if (ext.size() < 2)
        return std::nullopt;
    return report_format_from_name(ext.substr(1));
}

const char* extension_of(ReportFormat format) {
    switch (format) {
    case ReportFormat::Html:
        return "html";
    case ReportFormat::Markdown:
        return "md";
    case ReportFormat::Pdf:
        return "pdf";
    case ReportFormat::Csv:
        return "csv";
    case ReportFormat::Json:
        return "json";
    }
    return "txt";
}

std::vector<std::filesystem::path> write_report(const ReportModel& model, ReportFormat format,
                                                const std::filesystem::path& path) {
    std::vector<std::filesystem::path> written;
    switch (format) {
    case ReportFormat::Html:
        write_file_atomically(path, render_html(model));
        break;
    case ReportFormat::Markdown: {
        // Markdown cannot hold images, so the charts go beside it as SVG files it links.
        const std::string stem = path.stem().string();
        for (const auto& chart : model.charts) {
            const auto chart_path = path.parent_path() / (stem + "-" + chart.id + ".svg");
            write_file_atomically(chart_path, render_chart_svg(chart));
            written.push_back(chart_path);
        }
        write_file_atomically(path, render_markdown(model, stem));
        break;
    }
    case ReportFormat::Pdf:
        write_file_atomically(path, render_pdf(model));
        break;
    case ReportFormat::Csv:
        write_file_atomically(path, render_csv(model));
        break;
    case ReportFormat::Json:
        write_file_atomically(path, report_to_json(model).dump(2) + "\n");
        break;
    }
    written.insert(written.begin(), path);
    return written;
}

std::string default_report_file_name(const ReportModel& model, ReportFormat format) {
    std::string name;
    if (model.sweep) {
        name = "report-" + model.sweep->id;
    } else if (!model.is_comparison) {
        name = "report-" + model.runs[0].id;
    } else {
        name = "comparison-" + model.runs[0].id + "-vs-" + model.runs[1].id;
        if (model.runs.size() > 2)
            name += "-and-" + std::to_string(model.runs.size() - 2) + "-more";
    }
    return name + "." + extension_of(format);
}

} // namespace ktw::report
