#pragma once
// Keeping secrets (passwords, client secrets) out of saved runs, reports and comparisons.

#include <nlohmann/json.hpp>
#include <string>

namespace ktw {

inline constexpr const char* kRedacted = "[redacted]";

/// Property names whose values are secrets: *password*, *secret*, private keys, OAuth config.
bool is_secret_property(const std::string& key);
/// A copy of a spec JSON with the values of secret properties replaced by "[redacted]".
nlohmann::json redact_spec_secrets(const nlohmann::json& spec);
/// "producer.properties.sasl.password=x" -> "producer.properties.sasl.password=[redacted]".
std::string redact_override(const std::string& assignment);

} // namespace ktw
