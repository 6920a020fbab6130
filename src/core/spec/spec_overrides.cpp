#include "core/spec/spec_overrides.h"

#include <vector>

namespace ktw {

std::optional<std::string> apply_spec_override(nlohmann::json& spec,
                                               const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        return "override \"" + assignment + "\" must look like field.path=value";
    const std::string path = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);

    std::vector<std::string> segments;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        const std::string segment = path.substr(start, dot - start);
        if (segment.empty())
            return "override \"" + assignment + "\" has an empty part in its field path";
        segments.push_back(segment);
        if (segment == "properties" || segment == "configs") {
            if (dot == std::string::npos)
                return "override \"" + assignment + "\" needs a property name after \"" + segment +
                       ".\"";
            segments.push_back(path.substr(dot + 1));
            break;
        }
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }

    nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded())
        value = text;

    nlohmann::json* node = &spec;
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        if (!node->is_object())
            return "override \"" + assignment + "\": \"" +
                   (i == 0 ? std::string("the spec") : segments[i - 1]) + "\" is not an object";
        nlohmann::json& child = (*node)[segments[i]];
        if (child.is_null())
            child = nlohmann::json::object();
        node = &child;
    }
    if (!node->is_object())
        return "override \"" + assignment + "\": the parent of \"" + segments.back() +
               "\" is not an object";
    (*node)[segments.back()] = value;
    return std::nullopt;
}

} // namespace ktw
