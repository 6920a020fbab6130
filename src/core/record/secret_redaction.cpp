#include "core/record/secret_redaction.h"

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
            continue; // (operator[] would add a null "properties" to what was given)
        auto& props = out[section]["properties"];
        for (auto& [key, value] : props.items())
            if (is_secret_property(key))
                value = kRedacted;
    }
    return out;
}

std::string redact_override(const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos)
        return assignment;
    const std::string path = assignment.substr(0, eq);
    const auto props = path.rfind("properties.");
    const std::string key = props == std::string::npos ? path : path.substr(props + 11);
    if (is_secret_property(key))
        return path + "=" + kRedacted;
    // A whole object given at once: "producer.properties={...}" or "cluster={...}".
    const auto value = nlohmann::json::parse(assignment.substr(eq + 1), nullptr, false);
    if (!value.is_object())
        return assignment;
    nlohmann::json redacted = value;
    if (path.ends_with("properties")) {
        for (auto& [k, v] : redacted.items())
            if (is_secret_property(k))
                v = kRedacted;
    } else if (path == "cluster" || path == "producer" || path == "consumer") {
        redacted = redact_spec_secrets({{path, value}})[path];
    }
    return redacted == value ? assignment : path + "=" + redacted.dump();
}

} // namespace ktw
