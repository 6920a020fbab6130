#pragma once
// Kafka client .properties files: reading them into a spec (mapping Java client names to
// librdkafka's and to spec fields) and writing a spec's client properties out again.

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace ktw {

/// key = value pairs of a Java .properties text, in file order. Comments (# !), blank lines,
/// "key=value", "key: value", "key value" and backslash line continuations are understood.
std::vector<std::pair<std::string, std::string>> parse_properties_text(const std::string& text);

enum class ClientRole { Producer, Consumer };

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
