// ktw-cli run: validate a spec, run it with a progress line each second, save the record.

#include "cli/text/advice_text.h"
#include "cli/cli_common.h"
#include "cli/cli_interrupt.h"
#include "engine/kafka/client_config.h"
#include "core/advisor/run_diagnosis.h"
#include "cli/text/run_report_text.h"
#include "core/record/run_store.h"
#include "engine/run/runner.h"
#include "core/spec/spec_overrides.h"
#include "core/util/text_format.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace ktw::cli {

namespace {

class ProgressPrinter : public RunObserver {
  public:
    explicit ProgressPrinter(bool quiet) : quiet_(quiet) {}

    void on_snapshot(const LiveSnapshot& s) override {
        // Rates over the whole second since the last line: single 100 ms intervals alias
        // with bursty consumers (an idle fetch waits fetch.wait.max.ms).
        window_.produced += s.interval.produced;
        window_.consumed += s.interval.consumed;
        window_.dt += s.interval.dt;
        window_.ack_p99_us = std::max(window_.ack_p99_us, s.interval.ack_p99_us);
        window_.e2e_p99_us = std::max(window_.e2e_p99_us, s.interval.e2e_p99_us);
        window_.warmup = window_.warmup || s.interval.warmup;
        if (quiet_ || s.elapsed_s - last_print_ < 1.0)
            return;
        last_print_ = s.elapsed_s;
        IntervalPoint p = window_;
        p.backlog = s.interval.backlog;
        if (p.dt > 0) {
            p.produce_msgs_per_s = static_cast<double>(p.produced) / p.dt;
            p.consume_msgs_per_s = static_cast<double>(p.consumed) / p.dt;
        }
        window_ = IntervalPoint{};
        std::fprintf(stderr,
                     "[%6.1fs] %-13s acked %s (%s msg/s)  consumed %s (%s msg/s)  ack p99 %s  "
                     "e2e p99 %s  backlog %s%s\n",
                     s.elapsed_s, to_string(s.phase), format_count(s.acked).c_str(),
                     format_decimal(p.produce_msgs_per_s, 0).c_str(),
                     format_count(s.consumed).c_str(),
                     format_decimal(p.consume_msgs_per_s, 0).c_str(), latency(p.ack_p99_us).c_str(),
                     latency(p.e2e_p99_us).c_str(), format_count(p.backlog).c_str(),
                     p.warmup ? "  (warm-up)" : "");
    }
    void on_log(const LogEntry& e) override {
        if (e.level != LogLevel::Info)
            std::fprintf(stderr, "[%6.1fs] %s %s: %s\n", e.t, to_string(e.level), e.source.c_str(),
                         e.message.c_str());
    }
    void on_phase(RunPhase phase) override {
        if (!quiet_)
            std::fprintf(stderr, "-- %s\n", to_string(phase));
    }

  private:
    static std::string latency(uint64_t us) {
        return us ? format_micros(static_cast<double>(us)) : "-";
    }
    bool quiet_;
    double last_print_ = 0;
    IntervalPoint window_; // what happened since the last printed line (p99: worst interval)
};

} // namespace

nlohmann::json read_spec_file(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw BadInput("cannot read experiment spec " + path);
    std::stringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw BadInput(path + " is not valid JSON: " + e.what());
    }
}

int run_command(const Options& o) {
    if (o.positional.size() != 1)
        throw BadInput("run takes one experiment spec file (ktw-cli run SPEC.json)");
    RunRequest request;
    request.given = read_spec_file(o.positional[0]);
    for (const auto& assignment : o.overrides)
        if (auto err = apply_spec_override(request.given, assignment))
            throw BadInput(*err);
    request.overrides = o.overrides;
    SpecParseResult parsed = parse_experiment_spec(request.given);
    std::vector<SpecError> errors = parsed.errors;
    if (errors.empty())
        errors = validate_client_properties(parsed.spec);
    const std::vector<Advice> advice = advise_spec_for_cli(request.given);
    if (!errors.empty()) {
        print_spec_errors(stderr, o.positional[0], errors, advice);
        return kExitBadInput;
    }
    request.spec = parsed.spec;
    if (!parsed.spec.sweep.is_null())
        std::fprintf(stderr,
                     "ktw-cli: note: %s has a \"sweep\" section; run makes one run of "
                     "the spec without it (ktw-cli sweep runs the matrix)\n",
                     o.positional[0].c_str());
    if (!o.json && !advice.empty()) {
        print_advice(stdout, "Advisor, before the run", advice);
        std::fflush(stdout); // before the progress lines on stderr
    }

    RunStore store(workspace_of(o));
    CancelToken cancel;
    ProgressPrinter progress(o.quiet || o.json);
    const RunRecord record = [&] {
        InterruptGuard interrupt(cancel);
        return execute_run(request, &progress, cancel);
    }();

    std::string saved;
    try {
        saved = store.save(record).string();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ktw-cli: the run finished but could not be saved: %s\n", e.what());
    }
    if (o.json) {
        std::printf("%s\n", run_record_to_json(record).dump(2).c_str());
    } else {
        print_run_summary(stdout, record);
        print_advice(stdout, "Advisor, diagnosis of the run", diagnose_run(record));
        if (!saved.empty())
            std::printf("\nSaved: %s\n", saved.c_str());
    }
    return record.verdict.valid ? kExitValid : kExitInvalid;
}

} // namespace ktw::cli
