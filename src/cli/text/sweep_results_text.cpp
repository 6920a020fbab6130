#include "cli/text/sweep_results_text.h"

#include "core/util/text_format.h"
#include "cli/text/text_table.h"

namespace ktw::cli {

void print_sweep_results(std::FILE* out, const SweepResults& r) {
    std::fprintf(out, "Sweep %s: %s\n", r.id.c_str(), r.name.c_str());
    std::fprintf(out, "%d points x %d repeats; %d warm-up run(s) and %d invalid run(s) excluded\n",
                 r.planned_points, r.repeats, r.warmup_runs, r.invalid_runs);
    std::fprintf(out,
                 "Figures: mean ± 95%% confidence interval (Student's t) over the valid runs\n");
    if (!r.targets.empty())
        std::fprintf(out, "Targets: %s (* = met by the means)\n",
                     describe_sweep_targets(r.targets).c_str());
    std::fprintf(out, "\n");
    TextTable t;
    t.add_row({"point", "runs", "valid", "produce msg/s", "consume msg/s", "ack p99 ms",
               "e2e p99 ms", "produce MiB/s", "frontier", "targets"});
    t.add_rule();
    for (const auto& p : r.points) {
        t.add_row({"#" + std::to_string(p.index) + " " + p.label, std::to_string(p.runs),
                   std::to_string(p.valid_runs), format_mean_ci(p.produce_msgs_per_s, 0),
                   format_mean_ci(p.consume_msgs_per_s, 0), format_mean_ci(p.ack_p99_ms, 2),
                   format_mean_ci(p.e2e_p99_ms, 2), format_mean_ci(p.produce_mib_per_s, 2),
                   p.on_frontier ? "yes" : "",
                   r.targets.empty() || p.valid_runs == 0 ? "" : (p.meets_targets ? "*" : "-")});
    }
    t.print(out, "");
    std::fprintf(out, "\nFrontier (produce msg/s vs %s p99, no point both faster and lower):\n",
                 r.latency_kind.c_str());
    for (int i : r.frontier) {
        const auto& p = r.points[i];
        std::fprintf(out, "  #%d %-40s %s msg/s at %s ms\n", i, p.label.c_str(),
                     format_decimal(p.produce_msgs_per_s.mean, 0).c_str(),
                     format_decimal(frontier_latency(r, p).mean, 2).c_str());
    }
    if (r.frontier.empty())
        std::fprintf(out, "  (no point has a valid run yet)\n");
    if (r.best) {
        const auto& p = r.points[r.best->point];
        std::fprintf(out, "\nBest: #%d %s\n  %s\n", p.index, p.label.c_str(),
                     r.best->reason.c_str());
        std::fprintf(out, "  produce %s msg/s, %s p99 %s ms\n",
                     format_mean_ci(p.produce_msgs_per_s, 0).c_str(), r.latency_kind.c_str(),
                     format_mean_ci(frontier_latency(r, p), 2).c_str());
        std::string settings;
        for (const auto& s : r.best->settings)
            settings += (settings.empty() ? "" : ", ") + s;
        std::fprintf(out, "  settings: %s\n", settings.c_str());
        if (!r.best->runner_up.empty())
            std::fprintf(out, "  runner-up: %s\n", r.best->runner_up.c_str());
    } else {
        std::fprintf(out, "\nBest: none: %s\n", r.best_note.c_str());
    }
}

} // namespace ktw::cli
