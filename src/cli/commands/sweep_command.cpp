// ktw-cli sweep / show-sweep: run a spec's matrix of points (each repeat a saved run), resume
// an interrupted sweep, print the results of saved ones.

#include "cli/cli_common.h"
#include "cli/cli_interrupt.h"
#include "core/spec/spec_overrides.h"
#include "core/sweep/sweep_results.h"
#include "cli/text/sweep_results_text.h"
#include "engine/sweep/sweep_runner.h"
#include "core/util/text_format.h"

#include <cstdio>

namespace ktw::cli {
namespace {

// One line when a run starts and one when it ends; warnings and errors as they come.
class SweepProgressPrinter : public SweepObserver {
  public:
    explicit SweepProgressPrinter(bool quiet) : quiet_(quiet) {}

    void on_sweep_run_started(const SweepRunSlot& slot, const SweepPoint& point, int ordinal,
                              int total) override {
        if (quiet_)
            return;
        std::fprintf(stderr, "[%d/%d] %s %s: %s\n", ordinal, total,
                     slot.warmup ? "warm-up" : "repeat", std::to_string(slot.repeat + 1).c_str(),
                     ("#" + std::to_string(point.index) + " " + point.label).c_str());
    }
    void on_sweep_run_saved(const RunRecord& r, const std::filesystem::path&) override {
        if (quiet_)
            return;
        const auto& s = r.summary;
        std::fprintf(stderr, "        %s %s: produce %s msg/s, ack p99 %s, e2e p99 %s  (%s)\n",
                     to_string(r.status), r.verdict.valid ? "valid" : "INVALID",
                     format_decimal(s.producer.msgs_per_s, 0).c_str(),
                     format_micros(static_cast<double>(s.ack_us.p99_us)).c_str(),
                     format_micros(static_cast<double>(s.e2e_us.p99_us)).c_str(), r.id.c_str());
        if (!r.verdict.valid && !r.verdict.reasons.empty())
            std::fprintf(stderr, "        %s\n", r.verdict.reasons.front().c_str());
    }
    void on_log(const LogEntry& e) override {
        if (!quiet_ && e.level == LogLevel::Error)
            std::fprintf(stderr, "        error %s: %s\n", e.source.c_str(), e.message.c_str());
    }

  private:
    bool quiet_;
};

std::optional<SweepTargets> targets_of(const Options& o, SweepTargets start = {}) {
    if (o.targets.empty())
        return std::nullopt;
    for (const auto& t : o.targets)
        if (auto err = apply_sweep_target(start, t))
            throw BadInput(*err);
    return start;
}

void report_errors(const std::string& what, const std::vector<SpecError>& errors) {
    std::fprintf(stderr, "ktw-cli: %s: %s\n", what.c_str(), errors.front().to_string().c_str());
    for (std::size_t i = 1; i < errors.size(); ++i)
        std::fprintf(stderr, "ktw-cli: also: %s\n", errors[i].to_string().c_str());
}

// --target values go into the spec's own targets, so the saved sweep keeps them.
void apply_targets(nlohmann::json& spec, const Options& o) {
    for (const auto& t : o.targets) {
        SweepTargets check;
        if (auto err = apply_sweep_target(check, t))
            throw BadInput(*err);
        const auto eq = t.find('=');
        if (auto err = apply_spec_override(spec, "sweep.targets." + t.substr(0, eq) + "=" +
                                                     t.substr(eq + 1)))
            throw BadInput(*err);
    }
}

} // namespace

int sweep_command(const Options& o) {
    const RunStore store(workspace_of(o));
    nlohmann::json spec;
    std::string what;
    if (o.positional.size() == 1) {
        what = o.positional[0];
        spec = read_spec_file(what);
    } else if (o.positional.empty() && !o.resume.empty()) {
        what = "sweep " + o.resume;
        spec = saved_sweep_spec(store.load_all().runs, o.resume);
        if (spec.is_null())
            throw BadInput("no run of sweep \"" + o.resume + "\" in " + store.runs_dir().string());
    } else {
        throw BadInput("sweep takes one experiment spec file with a \"sweep\" section "
                       "(ktw-cli sweep SPEC.json), or --resume SWEEP_ID");
    }
    std::vector<std::string> overrides = o.overrides;
    if (o.repeats > 0)
        overrides.push_back("sweep.repeats=" + std::to_string(o.repeats));
    for (const auto& assignment : overrides)
        if (auto err = apply_spec_override(spec, assignment))
            throw BadInput(*err);
    apply_targets(spec, o);
    if (!has_sweep(spec))
        throw BadInput(what + " has no \"sweep\" section (see docs/experiment-spec.md); "
                              "ktw-cli run runs a single spec");
    const auto prepared = prepare_sweep(spec, overrides);
    if (!prepared.ok()) {
        report_errors(what, prepared.errors);
        return kExitBadInput;
    }
    const auto& sweep = prepared.sweep;
    const std::string id =
        o.resume.empty() ? make_sweep_id(sweep.plan.base.value("name", "")) : o.resume;
    if (!o.quiet && !o.json)
        std::fprintf(
            stderr, "-- sweep %s: %zu points x %d repeats%s\n", id.c_str(), sweep.points.size(),
            sweep.plan.repeats,
            sweep.plan.warmup_runs
                ? (" + " + std::to_string(sweep.plan.warmup_runs) + " warm-up run(s)").c_str()
                : "");

    CancelToken cancel;
    SweepProgressPrinter progress(o.quiet || o.json);
    const SweepOutcome outcome = [&] {
        InterruptGuard interrupt(cancel);
        return run_sweep(sweep, id, store, &progress, cancel);
    }();
    if (!outcome.error.empty()) {
        std::fprintf(stderr, "ktw-cli: %s\n", outcome.error.c_str());
        if (outcome.runs_done == 0 && outcome.skipped_runs == 0)
            return kExitBadInput;
    }
    if (outcome.skipped_runs > 0 && !o.quiet && !o.json)
        std::fprintf(stderr, "-- resumed: %d of %d runs were already saved and were skipped\n",
                     outcome.skipped_runs, outcome.total_runs);

    const auto listing = store.load_all();
    const bool any_saved = !saved_sweep_spec(listing.runs, id).is_null();
    if (any_saved) {
        const SweepResults results = summarize_sweep(listing.runs, id);
        if (o.json)
            std::printf("%s\n", sweep_results_to_json(results).dump(2).c_str());
        else
            print_sweep_results(stdout, results);
    }
    if (outcome.cancelled || !outcome.error.empty()) {
        std::string command = "ktw-cli sweep";
        for (const auto& p : o.positional)
            command += " " + p;
        command += " --resume " + id;
        if (!o.workspace.empty())
            command += " --out " + o.workspace;
        std::fprintf(stderr,
                     "\nThe sweep stopped early; the finished runs are saved. Resume it with:\n"
                     "  %s\n",
                     command.c_str());
        return kExitInvalid;
    }
    return outcome.invalid_runs == 0 ? kExitValid : kExitInvalid;
}

int show_sweep_command(const Options& o) {
    const RunStore store(workspace_of(o));
    const auto listing = store.load_all();
    if (o.positional.empty()) {
        const auto sweeps = list_sweeps(listing.runs);
        if (sweeps.empty())
            std::printf("No sweeps in %s\n", store.runs_dir().string().c_str());
        for (const auto& [id, count] : sweeps)
            std::printf("%s  %d run(s)\n", id.c_str(), count);
        return kExitValid;
    }
    if (o.positional.size() != 1)
        throw BadInput("show-sweep takes one sweep id (ktw-cli show-sweep to list them)");
    SweepResults results;
    try {
        results = summarize_sweep(listing.runs, o.positional[0], targets_of(o));
    } catch (const std::runtime_error& e) {
        throw BadInput(e.what());
    }
    if (o.json)
        std::printf("%s\n", sweep_results_to_json(results).dump(2).c_str());
    else
        print_sweep_results(stdout, results);
    return kExitValid;
}

} // namespace ktw::cli
