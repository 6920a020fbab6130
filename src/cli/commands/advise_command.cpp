// ktw-cli advise: the advisor alone, on a spec (before a run) or on a saved run (its spec's
// advice and the diagnosis of what it measured).

#include "cli/text/advice_text.h"
#include "cli/cli_common.h"
#include "engine/kafka/client_config.h"
#include "engine/kafka/property_catalog.h"
#include "core/advisor/run_diagnosis.h"
#include "core/advisor/spec_advisor.h"
#include "core/spec/spec_overrides.h"

#include <cstdio>
#include <filesystem>

namespace ktw::cli {
namespace {

bool is_run_record(const nlohmann::json& j) {
    return j.is_object() && j.contains("format_version") && j.contains("summary");
}

int advise_run(const Options& o, const RunRecord& r) {
    const std::vector<Advice> before = advise_spec_for_cli(r.spec);
    const std::vector<Advice> after = diagnose_run(r);
    if (o.json) {
        std::printf("%s\n", nlohmann::json{{"run", r.id},
                                           {"before_run", advice_to_json(before)},
                                           {"diagnosis", advice_to_json(after)}}
                                .dump(2)
                                .c_str());
        return kExitValid;
    }
    std::printf("Run %s (%s, %s)\n", r.id.c_str(), r.name.c_str(), to_string(r.status));
    print_advice(stdout, "Advisor, before the run (its spec)", before);
    print_advice(stdout, "Advisor, diagnosis of the run", after);
    return kExitValid;
}

int advise_spec_file(const Options& o, nlohmann::json spec) {
    const std::string& file = o.positional[0];
    for (const auto& assignment : o.overrides)
        if (auto err = apply_spec_override(spec, assignment))
            throw BadInput(*err);
    const SpecParseResult parsed = parse_experiment_spec(spec);
    std::vector<SpecError> errors = parsed.errors;
    if (errors.empty())
        errors = validate_client_properties(parsed.spec);
    const std::vector<Advice> advice = advise_spec_for_cli(spec);
    if (o.json) {
        nlohmann::json problems = nlohmann::json::array();
        for (const auto& e : errors)
            problems.push_back({{"field", e.path}, {"message", e.message}});
        std::printf("%s\n", nlohmann::json{{"spec", file},
                                           {"problems", problems},
                                           {"advice", advice_to_json(advice)}}
                                .dump(2)
                                .c_str());
    } else {
        if (errors.empty())
            print_advice(stdout, "Advisor, before the run", advice);
        else
            print_advice(stdout, "Advisor, also", print_spec_errors(stdout, file, errors, advice));
    }
    return errors.empty() ? kExitValid : kExitBadInput;
}

} // namespace

std::vector<Advice> advise_spec_for_cli(const nlohmann::json& spec) {
    return advise_spec(
        spec, [](const std::string& name) { return find_librdkafka_property(name) != nullptr; });
}

int advise_command(const Options& o) {
    if (o.positional.size() != 1)
        throw BadInput("advise takes one experiment spec file or one run "
                       "(ktw-cli advise SPEC.json | RUN)");
    const std::string& reference = o.positional[0];
    std::error_code ec;
    if (std::filesystem::is_regular_file(reference, ec)) {
        const nlohmann::json j = read_spec_file(reference);
        if (!is_run_record(j))
            return advise_spec_file(o, j);
    }
    const RunStore store(workspace_of(o));
    return advise_run(o, load_run(store, reference));
}

} // namespace ktw::cli
