#include "core/advisor/advice.h"

namespace ktw {

Advice make_advice(const char* rule, AdviceSeverity severity, std::string field) {
    Advice a;
    a.rule = rule;
    a.severity = severity;
    a.field = std::move(field);
    return a;
}

const char* to_string(AdviceSeverity s) {
    return s == AdviceSeverity::Warning ? "warning" : "info";
}

nlohmann::json advice_to_json(const std::vector<Advice>& advice) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : advice)
        out.push_back({{"rule", a.rule},
                       {"severity", to_string(a.severity)},
                       {"title", a.title},
                       {"reason", a.reason},
                       {"suggestion", a.suggestion},
                       {"field", a.field}});
    return out;
}

std::vector<Advice> advice_for_field(const std::vector<Advice>& advice, const std::string& field) {
    std::vector<Advice> out;
    // A refusal of a whole section ("consumer.properties": librdkafka refused the combination)
    // concerns every item about a property of that section.
    for (const auto& a : advice)
        if (!field.empty() && (a.field == field || (a.field.starts_with(field + ".") &&
                                                    field.ends_with(".properties"))))
            out.push_back(a);
    return out;
}

} // namespace ktw
