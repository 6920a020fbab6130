#pragma once
// Command-line overrides of spec fields: "producer.properties.linger.ms=20".

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace ktw {

/// Applies one "path=value" override to a spec's JSON. The value is read as JSON when it
/// parses (20, true, [1,2], "text"), otherwise taken as a plain string (lz4). Inside a
/// "properties" or "configs" object the rest of the path is one key, dots included.
/// Returns an error message, or nothing on success.
std::optional<std::string> apply_spec_override(nlohmann::json& spec, const std::string& assignment);

} // namespace ktw
