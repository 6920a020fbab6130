#include "cli/cli_common.h"
#include "core/record/run_store.h"

#include <cstdlib>

namespace ktw::cli {

Options parse_options(const std::vector<std::string>& args) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const std::string& name) -> std::string {
            const auto eq = a.find('=');
            if (eq != std::string::npos)
                return a.substr(eq + 1);
            if (i + 1 >= args.size())
                throw BadInput(name + " needs a value");
            return args[++i];
        };
        if (a == "--set" || a.starts_with("--set="))
            o.overrides.push_back(value("--set"));
        else if (a == "--out" || a.starts_with("--out="))
            o.workspace = o.out = value("--out");
        else if (a == "--workspace" || a.starts_with("--workspace="))
            o.workspace = o.workspace_only = value("--workspace");
        else if (a == "--format" || a.starts_with("--format="))
            o.format = value("--format");
        else if (a == "--conclusion" || a.starts_with("--conclusion="))
            o.conclusion = value("--conclusion");
        else if (a == "--conclusion-file" || a.starts_with("--conclusion-file="))
            o.conclusion_file = value("--conclusion-file");
        else if (a == "--target" || a.starts_with("--target="))
            o.targets.push_back(value("--target"));
        else if (a == "--sweep" || a.starts_with("--sweep="))
            o.sweep = value("--sweep");
        else if (a == "--resume" || a.starts_with("--resume="))
            o.resume = value("--resume");
        else if (a == "--repeats" || a.starts_with("--repeats=")) {
            const std::string v = value("--repeats");
            try {
                std::size_t used = 0;
                o.repeats = std::stoi(v, &used);
                if (used != v.size() || o.repeats < 1 || o.repeats > 100)
                    throw std::invalid_argument(v);
            } catch (const std::exception&) {
                throw BadInput("--repeats is \"" + v + "\"; allowed: 1 to 100");
            }
        } else if (a == "--json")
            o.json = true;
        else if (a == "--quiet" || a == "-q")
            o.quiet = true;
        else if (a.starts_with("-") && a != "-")
            throw BadInput("unknown option " + a + " (see ktw-cli --help)");
        else
            o.positional.push_back(a);
    }
    return o;
}

std::string workspace_of(const Options& o) {
    if (!o.workspace.empty())
        return o.workspace;
    return default_workspace().string();
}

} // namespace ktw::cli
