#pragma once
// Kafka client .properties files: reading them into a spec (mapping Java client names to
// librdkafka's and to spec fields) and writing a spec's client properties out again.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ktw {

/// key = value pairs of a Java .properties text, in file order. Comments (# !), blank lines,
/// "key=value", "key: value", "key value" and backslash line continuations are understood.
std::vector<std::pair<std::string, std::string>> parse_properties_text(const std::string& text);

enum class ClientRole { Producer, Consumer };

/// How the workbench treats a Java client property name that librdkafka does not take as it
/// is. One table serves the .properties import and the advisor (spec_advisor.h).
enum class JavaNameKind {
    Renamed,   ///< librdkafka has the same setting under `target`
    Scaled,    ///< librdkafka has it as `target` in other units (buffer.memory bytes -> KiB)
    SpecField, ///< the workbench owns the setting: the spec field `target`
    Skipped,   ///< no meaning here (serializers, client.id, ...)
};

struct JavaClientName {
    std::string java_name;
    JavaNameKind kind = JavaNameKind::Renamed;
    std::string target;              ///< librdkafka property or spec field path; empty when skipped
    std::string note;                ///< why, in a few words, for messages
    bool librdkafka_lacks_it = true; ///< false: librdkafka knows the name but the workbench
                                     ///< sets it itself (bootstrap.servers, group.id, ...)
};

/// The Java client name's entry for this role, or nothing when the name is used as it is
/// (consumer-only entries such as max.poll.records apply to the consumer role only).
std::optional<JavaClientName> find_java_client_name(const std::string& key, ClientRole role);

struct PropertiesImport {
    int applied = 0;                ///< entries written into the spec
    std::vector<std::string> notes; ///< one line per entry that was renamed, moved or skipped
};

/// Writes the entries into spec JSON: as <role>.properties.<name>, with Java-only names mapped
/// to librdkafka's (fetch.max.wait.ms -> fetch.wait.max.ms, buffer.memory bytes ->
/// queue.buffering.max.kbytes), to spec fields where the workbench owns the setting
/// (bootstrap.servers, group.id, enable.auto.commit, max.poll.records) or skipped with a note
/// (serializers, client.id). librdkafka validates the result like any other spec.
PropertiesImport import_properties(nlohmann::json& spec, ClientRole role,
                                   const std::vector<std::pair<std::string, std::string>>& entries);

/// The role's properties (cluster.properties first, then <role>.properties) as a .properties
/// text with a header comment naming the experiment.
std::string export_properties(const nlohmann::json& spec, ClientRole role);

} // namespace ktw
