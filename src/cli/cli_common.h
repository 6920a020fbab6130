#pragma once
// Shared pieces of the ktw-cli commands.

#include "core/advisor/advice.h"
#include "core/record/run_store.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ktw::cli {

enum ExitCode { kExitValid = 0, kExitInvalid = 1, kExitBadInput = 2 };

/// Bad input on the command line or in a file: printed as one line, exit code 2.
class BadInput : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Options {
    std::vector<std::string> positional;
    std::vector<std::string> overrides;    ///< --set k=v
    std::string workspace;                 ///< --out / --workspace
    std::string out;                       ///< --out as given (report: the output file)
    std::string workspace_only;            ///< --workspace as given (report's workspace)
    std::string format;                    ///< --format (report)
    std::optional<std::string> conclusion; ///< --conclusion TEXT (report)
    std::string conclusion_file;           ///< --conclusion-file F (report)
    std::vector<std::string> targets;      ///< --target name=value (sweep, show-sweep)
    std::string resume;                    ///< --resume SWEEP_ID (sweep)
    std::string sweep;                     ///< --sweep SWEEP_ID (report)
    int repeats = 0;                       ///< --repeats N (sweep); 0 = the spec's
    bool json = false;
    bool quiet = false;
};

/// Parses the arguments after the command name; throws BadInput on an unknown option.
Options parse_options(const std::vector<std::string>& args);
/// --out, else $KTW_WORKSPACE, else $XDG_DATA_HOME/kafka-tuning-workbench (~/.local/share/...).
std::string workspace_of(const Options& o);
/// A run by id, unique prefix or file; what cannot be found or read is BadInput.
RunRecord load_run(const RunStore& store, const std::string& reference);
/// A spec file's JSON; BadInput when it cannot be read or is not JSON.
nlohmann::json read_spec_file(const std::string& path);
/// The advisor's advice on a spec before its run (property names checked against the linked
/// librdkafka).
std::vector<Advice> advise_spec_for_cli(const nlohmann::json& spec);

int run_command(const Options& o);
int series_command(const Options& o);
int sweep_command(const Options& o);
int show_sweep_command(const Options& o);
int show_command(const Options& o);
int compare_command(const Options& o);
int report_command(const Options& o);
int advise_command(const Options& o);

} // namespace ktw::cli
