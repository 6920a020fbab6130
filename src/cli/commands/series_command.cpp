// ktw-cli series DIR: runs every experiment spec of a folder in name order, each a saved run,
// then prints one comparison table (the tuning diary's series: experiments/diary).

#include "cli/cli_common.h"
#include "cli/cli_interrupt.h"
#include "engine/kafka/client_config.h"
#include "cli/text/run_report_text.h"
#include "engine/run/runner.h"
#include "core/analysis/series_rows.h"
#include "core/spec/spec_overrides.h"
#include "core/sweep/sweep_plan.h"
#include "core/util/text_format.h"
#include "cli/text/text_table.h"

#include <algorithm>
#include <filesystem>

namespace ktw::cli {
namespace {

// Warnings and errors as they happen; the progress lines of `run` would drown the table.
class SeriesObserver : public RunObserver {
  public:
    void on_snapshot(const LiveSnapshot&) override {}
    void on_phase(RunPhase) override {}
    void on_log(const LogEntry& e) override {
        if (e.level != LogLevel::Info)
            std::fprintf(stderr, "    [%6.1fs] %s %s: %s\n", e.t, to_string(e.level), e.source.c_str(),
                         e.message.c_str());
    }
};

std::vector<std::filesystem::path> spec_files(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw BadInput(dir + " is not a folder of experiment specs");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end()); // name order is the series' order
    if (files.empty())
        throw BadInput(dir + " has no .json experiment specs");
    return files;
}

// Every spec is checked before the first run, so a typo in step 9 does not cost steps 1-8.
std::vector<RunRequest> load_requests(const std::vector<std::filesystem::path>& files,
                                      const std::vector<std::string>& overrides) {
    std::vector<RunRequest> requests;
    bool bad = false;
    for (const auto& file : files) {
        RunRequest request;
        request.given = read_spec_file(file.string());
        if (has_sweep(request.given))
            throw BadInput(file.string() + " has a sweep section: run it with ktw-cli sweep");
        for (const auto& assignment : overrides)
            if (auto err = apply_spec_override(request.given, assignment))
                throw BadInput(file.string() + ": " + *err);
        request.overrides = overrides;
        SpecParseResult parsed = parse_experiment_spec(request.given);
        std::vector<SpecError> errors = parsed.errors;
        if (errors.empty())
            errors = validate_client_properties(parsed.spec);
        for (const auto& e : errors)
            std::fprintf(stderr, "ktw-cli: %s: %s\n", file.string().c_str(), e.to_string().c_str());
        bad = bad || !errors.empty();
        request.spec = parsed.spec;
        requests.push_back(std::move(request));
    }
    if (bad)
        throw BadInput("the series was not started: fix the specs above");
    return requests;
}

std::string rate(double v) {
    return v > 0 ? format_decimal(v, 0) : "-";
}
std::string decimal_or_dash(double v, int decimals) {
    return v > 0 ? format_decimal(v, decimals) : "-";
}

void print_series_table(std::FILE* out, const std::vector<SeriesRow>& rows) {
    std::fprintf(out, "\nSeries: measured by the workbench | estimate (diary's method) | the "
                      "diary's own figures\n");
    TextTable t;
    t.add_row({"step", "verdict", "prod msg/s", "cons msg/s", "cons ms", "start delay ms", "polls",
               "non-empty", "msgs/poll", "fetches", "msgs/fetch", "| est. interval s", "est. polls",
               "est. msgs/poll", "| diary prod/s", "diary cons/s", "diary polls",
               "diary msgs/poll"});
    t.add_rule();
    for (const auto& r : rows)
        t.add_row({r.name, r.valid ? "VALID" : "INVALID", rate(r.produce_msgs_per_s),
                   rate(r.consume_msgs_per_s), format_decimal(r.consume_s * 1000, 1),
                   format_decimal(r.start_delay_ms, 1), format_count(r.polls),
                   format_count(r.nonempty_polls), format_decimal(r.messages_per_poll, 1),
                   format_count(r.fetches), format_decimal(r.messages_per_fetch, 1),
                   "| " + format_decimal(r.assumed_poll_interval_s, 3),
                   format_decimal(r.estimated_polls, 1),
                   format_decimal(r.estimated_messages_per_poll, 1),
                   "| " + rate(r.reference_produce_msgs_per_s),
                   rate(r.reference_consume_msgs_per_s), decimal_or_dash(r.reference_polls, 0),
                   decimal_or_dash(r.reference_messages_per_poll, 0)});
    t.print(out, "  ");
    std::fprintf(out,
                 "  cons ms: the consumers' measured window (produce_then_consume: first to last "
                 "message); start delay: from the start of "
                 "the consume phase to the first message (librdkafka's resumed fetchers).\n"
                 "  polls: the consumers' poll calls (measured); msgs/poll: messages per "
                 "non-empty poll; fetches: Fetch requests (librdkafka statistics).\n"
                 "  est.: ESTIMATES by the diary's method applied to this run (polls = consume "
                 "time / assumed poll interval, msgs/poll = messages / those polls), not "
                 "measurements.\n"
                 "  diary: the figures the diary reports for the same step (its polls and "
                 "msgs/poll are its own estimates); '-' = not given.\n");
}

} // namespace

int series_command(const Options& o) {
    if (o.positional.size() != 1)
        throw BadInput("series takes one folder of experiment specs (ktw-cli series DIR)");
    const auto files = spec_files(o.positional[0]);
    std::vector<RunRequest> requests = load_requests(files, o.overrides);

    RunStore store(workspace_of(o));
    CancelToken cancel;
    SeriesObserver observer;
    std::vector<SeriesRow> rows;
    bool all_valid = true;
    {
        const InterruptGuard interrupt(cancel); // Ctrl-C ends the current step and the series
        for (std::size_t i = 0; i < requests.size() && !cancel.cancelled(); ++i) {
            std::fprintf(stderr, "[%zu/%zu] %s: %s\n", i + 1, requests.size(),
                         files[i].filename().string().c_str(), requests[i].spec.name.c_str());
            const RunRecord record = execute_run(requests[i], &observer, cancel);
            std::string saved;
            try {
                saved = store.save(record).string();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "ktw-cli: the run finished but could not be saved: %s\n",
                             e.what());
            }
            if (!o.quiet)
                print_run_summary(stdout, record);
            std::printf("%sSaved: %s\n", o.quiet ? "" : "\n",
                        saved.empty() ? "(not saved)" : saved.c_str());
            std::fflush(stdout); // before the next step's lines on stderr
            all_valid = all_valid && record.verdict.valid;
            rows.push_back(series_row(record));
        }
    }
    print_series_table(stdout, rows);
    if (rows.size() < requests.size()) {
        std::printf("  stopped after %zu of %zu steps (cancelled)\n", rows.size(), requests.size());
        return kExitInvalid;
    }
    return all_valid ? kExitValid : kExitInvalid;
}

} // namespace ktw::cli
