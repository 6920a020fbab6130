// ktw-cli report: writes the report of one run, a comparison or a sweep with ktw_report, the
// same files the GUI exports.

#include "cli/cli_common.h"
#include "report/writers/report_writer.h"
#include "report/model/sweep_report.h"
#include "core/sweep/sweep_results.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ktw::cli {
namespace {

constexpr const char* kFormats = "html, md, pdf, csv, json";

report::ReportFormat format_of(const Options& o) {
    std::optional<report::ReportFormat> from_out;
    if (!o.out.empty())
        from_out = report::report_format_from_path(o.out);
    if (o.format.empty()) {
        if (from_out)
            return *from_out;
        if (o.out.empty())
            throw BadInput(std::string("report needs --format (") + kFormats +
                           ") or an --out file ending in one of them");
        throw BadInput("cannot tell the report format from \"" + o.out + "\"; give --format (" +
                       kFormats + ")");
    }
    const auto format = report::report_format_from_name(o.format);
    if (!format)
        throw BadInput("unknown report format \"" + o.format + "\"; formats: " + kFormats);
    if (from_out && *from_out != *format)
        throw BadInput("--format " + o.format + " does not match the --out file \"" + o.out + "\"");
    return *format;
}

std::string read_conclusion_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw BadInput("cannot read conclusion file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The user's conclusion, when given, replaces the one drafted from the numbers.
void apply_conclusion(report::ReportModel& model, const Options& o) {
    if (o.conclusion && !o.conclusion_file.empty())
        throw BadInput("give --conclusion or --conclusion-file, not both");
    if (o.conclusion)
        model.conclusion = *o.conclusion;
    else if (!o.conclusion_file.empty())
        model.conclusion = read_conclusion_file(o.conclusion_file);
}

void write_and_list(report::ReportModel& model, report::ReportFormat format, const Options& o) {
    apply_conclusion(model, o);
    const std::string path =
        o.out.empty() ? report::default_report_file_name(model, format) : o.out;
    for (const auto& file : report::write_report(model, format, path))
        if (!o.quiet)
            std::printf("wrote %s\n", file.string().c_str());
}

// ktw-cli report --sweep ID: the sweep's table, trade-off chart and best point.
int sweep_report_command(const Options& o) {
    if (!o.positional.empty())
        throw BadInput("report --sweep takes a sweep id and no runs");
    const auto format = format_of(o);
    Options where = o;
    where.workspace = o.workspace_only;
    const RunStore store(workspace_of(where));
    std::optional<SweepTargets> targets;
    for (const auto& t : o.targets) {
        if (!targets)
            targets = SweepTargets{};
        if (auto err = apply_sweep_target(*targets, t))
            throw BadInput(*err);
    }
    SweepResults results;
    try {
        results = summarize_sweep(store.load_all().runs, o.sweep, targets);
    } catch (const std::runtime_error& e) {
        throw BadInput(e.what());
    }
    report::ReportModel model = report::build_sweep_report(results);
    write_and_list(model, format, o);
    return kExitValid;
}

} // namespace

int report_command(const Options& o) {
    if (!o.sweep.empty())
        return sweep_report_command(o);
    if (o.positional.empty())
        throw BadInput("report takes one or more runs (an id, a unique start of one, or a file)");
    const auto format = format_of(o);
    // For report, --out names the file; the workspace comes from --workspace or the default.
    Options where = o;
    where.workspace = o.workspace_only;
    const RunStore store(workspace_of(where));
    std::vector<RunRecord> runs;
    for (const auto& reference : o.positional)
        runs.push_back(load_run(store, reference));

    report::ReportModel model = report::build_report(runs);
    write_and_list(model, format, o);
    return kExitValid;
}

} // namespace ktw::cli
