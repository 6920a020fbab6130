#include "core/spec/properties_file.h"

#include <sstream>
#include <vector>

namespace ktw {
namespace {

std::string trim_left(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\f");
    return b == std::string::npos ? "" : s.substr(b);
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    return out;
}

std::string as_text(const nlohmann::json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}

} // namespace

std::vector<std::pair<std::string, std::string>> parse_properties_text(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> entries;
    std::istringstream in(text);
    std::string logical;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        line = logical.empty() ? trim_left(line) : logical + trim_left(line);
        logical.clear();
        if (line.empty() || line[0] == '#' || line[0] == '!')
            continue;
        std::size_t backslashes = 0;
        for (auto it = line.rbegin(); it != line.rend() && *it == '\\'; ++it)
            ++backslashes;
        if (backslashes % 2 == 1) { // continued on the next line
            logical = line.substr(0, line.size() - 1);
            continue;
        }
        std::size_t sep = 0;
        while (sep < line.size() && line[sep] != '=' && line[sep] != ':' && line[sep] != ' ' &&
               line[sep] != '\t') {
            sep += line[sep] == '\\' ? 2 : 1;
        }
        std::string key = unescape(line.substr(0, std::min(sep, line.size())));
        std::string rest = sep < line.size() ? trim_left(line.substr(sep)) : "";
        if (!rest.empty() && (rest[0] == '=' || rest[0] == ':'))
            rest = trim_left(rest.substr(1));
        entries.emplace_back(std::move(key), unescape(rest));
    }
    if (!logical.empty())
        entries.emplace_back(logical, "");
    return entries;
}

std::optional<JavaClientName> find_java_client_name(const std::string& key, ClientRole role) {
    using K = JavaNameKind;
    static const std::vector<JavaClientName> kBoth = {
        {"fetch.max.wait.ms", K::Renamed, "fetch.wait.max.ms", "librdkafka's name", true},
        {"max.request.size", K::Renamed, "message.max.bytes", "librdkafka's name", true},
        {"send.buffer.bytes", K::Renamed, "socket.send.buffer.bytes", "librdkafka's name", true},
        {"receive.buffer.bytes", K::Renamed, "socket.receive.buffer.bytes", "librdkafka's name",
         true},
        {"max.in.flight.requests.per.connection", K::Renamed, "max.in.flight", "librdkafka's name",
         false},
        {"buffer.memory", K::Scaled, "queue.buffering.max.kbytes", "bytes / 1024", true},
        {"bootstrap.servers", K::SpecField, "cluster.bootstrap_servers",
         "the workbench connects its clients itself", false},
        {"client.id", K::Skipped, "", "a Java client setting with no meaning here", false},
        {"partitioner.class", K::Skipped, "", "a Java client setting with no meaning here", true},
        {"interceptor.classes", K::Skipped, "", "a Java client setting with no meaning here", true},
    };
    static const std::vector<JavaClientName> kConsumer = {
        {"group.id", K::SpecField, "consumer.group_id", "the workbench names its group", false},
        {"enable.auto.commit", K::SpecField, "consumer.commit", "the workbench commits itself",
         false},
        {"max.poll.records", K::SpecField, "consumer.max_poll_records",
         "librdkafka has no such property", true},
    };
    if (key.ends_with(".serializer") || key.ends_with(".deserializer"))
        return JavaClientName{key, K::Skipped, "", "a Java client setting with no meaning here",
                              true};
    for (const auto& e : kBoth)
        if (e.java_name == key)
            return e;
    if (role == ClientRole::Consumer)
        for (const auto& e : kConsumer)
            if (e.java_name == key)
                return e;
    return std::nullopt;
}

PropertiesImport
import_properties(nlohmann::json& spec, ClientRole role,
                  const std::vector<std::pair<std::string, std::string>>& entries) {
    const std::string section = role == ClientRole::Producer ? "producer" : "consumer";
    PropertiesImport result;
    for (const auto& [key, value] : entries) {
        auto set_property = [&](const std::string& name, const std::string& v) {
            spec[section]["properties"][name] = v;
            ++result.applied;
        };
        const auto java = find_java_client_name(key, role);
        if (!java) {
            set_property(key, value);
        } else if (java->kind == JavaNameKind::Skipped) {
            result.notes.push_back(key + ": skipped (" + java->note + ")");
        } else if (java->kind == JavaNameKind::Renamed) {
            set_property(java->target, value);
            result.notes.push_back(key + ": librdkafka calls it " + java->target);
        } else if (java->kind == JavaNameKind::Scaled) { // buffer.memory
            try {
                set_property(java->target, std::to_string(std::stoll(value) / 1024));
                result.notes.push_back(key + ": set as " + java->target + " (" + java->note + ")");
            } catch (const std::exception&) {
                result.notes.push_back(key + ": skipped (" + value + " is not a whole number)");
            }
        } else if (key == "bootstrap.servers") {
            if (spec.value(nlohmann::json::json_pointer("/cluster/kind"),
                           std::string("embedded")) == "external") {
                spec["cluster"]["bootstrap_servers"] = value;
                ++result.applied;
                result.notes.push_back(key + ": set as cluster.bootstrap_servers");
            } else {
                result.notes.push_back(
                    key + ": skipped (the cluster is embedded; choose external to use " + value +
                    ")");
            }
        } else if (key == "group.id") {
            spec["consumer"]["group_id"] = value;
            ++result.applied;
            result.notes.push_back(key + ": set as consumer.group_id");
        } else if (key == "enable.auto.commit") {
            spec["consumer"]["commit"] = value == "false" ? "sync" : "auto";
            ++result.applied;
            result.notes.push_back(key + ": set as consumer.commit = " +
                                   spec["consumer"]["commit"].get<std::string>());
        } else if (key == "max.poll.records") {
            try {
                spec["consumer"]["max_poll_records"] = std::stoll(value);
                ++result.applied;
                result.notes.push_back(key + ": " + java->note + "; set as " + java->target);
            } catch (const std::exception&) {
                result.notes.push_back(key + ": skipped (" + value + " is not a whole number)");
            }
        }
    }
    return result;
}

std::string export_properties(const nlohmann::json& spec, ClientRole role) {
    const std::string section = role == ClientRole::Producer ? "producer" : "consumer";
    std::ostringstream out;
    out << "# " << section << " properties of experiment '" << spec.value("name", "experiment")
        << "' (librdkafka names), written by the Kafka Tuning Workbench\n";
    auto write = [&](const nlohmann::json* props) {
        if (!props || !props->is_object())
            return;
        for (const auto& [k, v] : props->items())
            out << k << "=" << as_text(v) << "\n";
    };
    const auto cluster = spec.find("cluster");
    if (cluster != spec.end() && cluster->is_object()) {
        if (cluster->contains("bootstrap_servers"))
            out << "bootstrap.servers=" << as_text((*cluster)["bootstrap_servers"]) << "\n";
        if (auto p = cluster->find("properties"); p != cluster->end())
            write(&*p);
    }
    if (auto s = spec.find(section); s != spec.end() && s->is_object())
        if (auto p = s->find("properties"); p != s->end())
            write(&*p);
    return out.str();
}

} // namespace ktw
