#pragma once
// Shared pieces of the ktw-cli commands.

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
    std::vector<std::string> overrides; ///< --set k=v
    std::string workspace;              ///< --out / --workspace
    bool json = false;
    bool quiet = false;
};

/// Parses the arguments after the command name; throws BadInput on an unknown option.
Options parse_options(const std::vector<std::string>& args);
/// --out, else $KTW_WORKSPACE, else $XDG_DATA_HOME/kafka-tuning-workbench (~/.local/share/...).
std::string workspace_of(const Options& o);

int run_command(const Options& o);
int show_command(const Options& o);
int compare_command(const Options& o);

} // namespace ktw::cli
