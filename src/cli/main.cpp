// ktw-cli: the headless Kafka Tuning Workbench. Links ktw_core and ktw_engine, never Qt.

#include "cli/cli_common.h"
#include "core/util/version.h"
#include "engine/kafka/client_config.h"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(Kafka Tuning Workbench, command line

usage:
  ktw-cli run SPEC.json [--set field.path=value]... [--out WORKSPACE] [--quiet] [--json]
  ktw-cli series DIR [--set field.path=value]... [--out WORKSPACE] [--quiet]
  ktw-cli sweep SPEC.json [--repeats N] [--set field.path=value]... [--target name=value]...
                [--resume SWEEP_ID] [--out WORKSPACE] [--quiet] [--json]
  ktw-cli sweep --resume SWEEP_ID [--out WORKSPACE]
  ktw-cli show-sweep [SWEEP_ID] [--target name=value]... [--out WORKSPACE] [--json]
  ktw-cli --version
  ktw-cli show RUN [--out WORKSPACE] [--json]
  ktw-cli compare RUN RUN... [--out WORKSPACE] [--json]
  ktw-cli advise SPEC.json [--set field.path=value]... | RUN [--out WORKSPACE] [--json]
  ktw-cli report RUN [RUN...] [--format html|md|pdf|csv|json] [--out FILE]
                 [--workspace WORKSPACE] [--conclusion TEXT | --conclusion-file FILE]
  ktw-cli report --sweep SWEEP_ID [--target name=value]... [--format ...] [--out FILE]
                 [--workspace WORKSPACE]

RUN is a run id (or a unique start of one) in the workspace, or a run file's path.
WORKSPACE defaults to $KTW_WORKSPACE, else $XDG_DATA_HOME/kafka-tuning-workbench
(~/.local/share/kafka-tuning-workbench). Runs are saved there as runs/<id>.json.
report writes one run's report, or a comparison's (several runs, the first is the
baseline): the format comes from --format or the --out file's extension; without --out
the file is report-<id>.<ext> (comparison-<id>-vs-<id>.<ext>) in the current folder.
Markdown also writes its charts beside it as SVG files. For report, --out is the file, and
the workspace is --workspace or the default above.
series runs every *.json spec in DIR in name order (each a saved run; --set applies to
each), then prints one table: throughput, measured polls and fetches, and beside them the
tuning diary's estimate (consume time / assumed poll interval) and the spec's "reference"
figures, e.g. ktw-cli series experiments/diary.
sweep runs the spec's "sweep" matrix (docs/experiment-spec.md), every point and repeat a
saved run, and prints each point's mean ± 95% confidence interval, the throughput vs p99
frontier and the best point; Ctrl-C stops it, keeps the finished runs and prints how to
resume. Targets: max_e2e_p99_ms, max_ack_p99_ms, min_produce_msgs_per_s,
min_consume_msgs_per_s. show-sweep without an id lists the workspace's sweeps.
advise prints the advisor's advice on a spec (what to fix before running it), or on a
saved run its spec's advice and the diagnosis of what it measured; run prints both itself.
Examples of --set: producer.properties.linger.ms=20  topic.partitions=6  consumer.threads=2

exit status: 0 valid run, 1 invalid run (lost, duplicated, reordered, cancelled, failed),
             (sweep: 0 when every run it made was valid, 1 when one was not or it stopped early)
             2 bad input (one line per problem, naming the field and what is allowed, and
               under it the advisor's suggestion when it knows the problem, e.g. a Java name)
)";

} // namespace

int main(int argc, char** argv) {
    using namespace ktw::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? kExitBadInput : kExitValid;
    }
    if (args[0] == "--version") {
        std::printf("ktw-cli %s (librdkafka %s)\n", ktw::workbench_version(),
                    ktw::librdkafka_version().c_str());
        return kExitValid;
    }
    const std::string command = args[0];
    try {
        const Options options = parse_options({args.begin() + 1, args.end()});
        if (command == "run")
            return run_command(options);
        if (command == "series")
            return series_command(options);
        if (command == "sweep")
            return sweep_command(options);
        if (command == "show-sweep")
            return show_sweep_command(options);
        if (command == "show")
            return show_command(options);
        if (command == "compare")
            return compare_command(options);
        if (command == "report")
            return report_command(options);
        if (command == "advise")
            return advise_command(options);
        throw BadInput("unknown command \"" + command +
                       "\"; commands: run, series, sweep, show, show-sweep, compare, report, advise");
    } catch (const BadInput& e) {
        std::fprintf(stderr, "ktw-cli: %s\n", e.what());
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ktw-cli: %s\n", e.what());
        return kExitBadInput;
    }
}
