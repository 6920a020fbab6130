#pragma once
// One piece of advice from the advisor (spec_advisor.h before a run, run_diagnosis.h after
// one): what was found, why it matters, what to try, and the spec field it concerns.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ktw {

enum class AdviceSeverity {
    Info,    ///< worth knowing; the run measures what it should
    Warning, ///< the run will likely not measure what its author wants, or waste resources
};

struct Advice {
    std::string rule; ///< stable id, e.g. "idle-consumers" (docs/advisor.md lists them all)
    AdviceSeverity severity = AdviceSeverity::Info;
    std::string title;      ///< one line
    std::string reason;     ///< why, with the numbers it is based on
    std::string suggestion; ///< what to change
    std::string field;      ///< spec field path ("topic.partitions"); empty when none applies
};

/// An item with its rule, severity and field set; the caller writes title, reason, suggestion.
Advice make_advice(const char* rule, AdviceSeverity severity, std::string field);
const char* to_string(AdviceSeverity s);
nlohmann::json advice_to_json(const std::vector<Advice>& advice);
/// The advice items about one spec field (e.g. to show beside that field's validation error);
/// for a section's properties ("consumer.properties") every item about one of them.
std::vector<Advice> advice_for_field(const std::vector<Advice>& advice, const std::string& field);

} // namespace ktw
