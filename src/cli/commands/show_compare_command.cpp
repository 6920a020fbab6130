// ktw-cli show / compare: read saved runs and print them.

#include "cli/cli_common.h"
#include "core/analysis/run_comparison.h"
#include "cli/text/run_report_text.h"

#include <cstdio>

namespace ktw::cli {

RunRecord load_run(const RunStore& store, const std::string& reference) {
    try {
        return store.load(reference);
    } catch (const std::exception& e) {
        throw BadInput(e.what());
    }
}

int show_command(const Options& o) {
    if (o.positional.size() != 1)
        throw BadInput("show takes one run (an id, a unique start of one, or a file)");
    const RunStore store(workspace_of(o));
    const RunRecord r = load_run(store, o.positional[0]);
    if (o.json)
        std::printf("%s\n", run_record_to_json(r).dump(2).c_str());
    else
        print_run_summary(stdout, r);
    return r.verdict.valid ? kExitValid : kExitInvalid;
}

int compare_command(const Options& o) {
    if (o.positional.size() < 2)
        throw BadInput("compare takes two or more runs");
    const RunStore store(workspace_of(o));
    std::vector<RunRecord> runs;
    for (const auto& reference : o.positional)
        runs.push_back(load_run(store, reference));
    const RunComparison c = compare_runs(runs);
    if (o.json)
        std::printf("%s\n", comparison_to_json(c).dump(2).c_str());
    else
        print_comparison(stdout, c);
    return kExitValid;
}

} // namespace ktw::cli
