#include "secret_redaction.h"

namespace ktw {

bool is_secret_property(const std::string& key) {
    return key.find("password") != std::string::npos || key.find("secret") != std::string::npos ||
           key == "sasl.oauthbearer.config" || key == "ssl.key.pem" || key == "ssl_key";
}

nlohmann::json redact_spec_secrets(const nlohmann::json& spec) {
    nlohmann::json out = spec;
    for (const char* section : {"cluster", "producer", "consumer"}) {
        if (!out.contains(section) || !out[section].is_object() ||
            !out[section].contains("properties") || !out[section]["properties"].is_object())
            continue;  // (operator[] would add a null "properties" to what was given)
        auto& props = out[section]["properties"];
        for (auto& [key, value] : props.items())
            if (is_secret_property(key))
                value = kRedacted;
    }
    return out;
}

std::string redact_override(const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || !is_secret_property(assignment.substr(0, eq)))
        return assignment;
    return assignment.substr(0, eq + 1) + kRedacted;
}

}  // namespace ktw
