#include "engine/kafka/property_catalog.h"

#include <cstdio>
#include <cstdlib>
#include <librdkafka/rdkafka.h>
#include <sstream>

namespace ktw {
namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return "";
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep))
        parts.push_back(trim(part));
    return parts;
}

// librdkafka prints a markdown table; the description holds "<br>*Type: integer*" and
// markdown emphasis that a tooltip should not show.
void take_description(PropertyInfo& p, std::string text) {
    const std::string type_marker = "<br>*Type: ";
    if (auto at = text.rfind(type_marker); at != std::string::npos) {
        auto end = text.find('*', at + type_marker.size());
        p.type = text.substr(at + type_marker.size(), end - at - type_marker.size());
        text = trim(text.substr(0, at));
    }
    std::string clean;
    for (char c : text)
        if (c != '*' && c != '`')
            clean += c;
    const std::string alias = "Alias for ";
    if (clean.starts_with(alias)) {
        auto colon = clean.find(':');
        if (colon != std::string::npos)
            p.alias_of = clean.substr(alias.size(), colon - alias.size());
    }
    p.description = clean;
}

void take_range(PropertyInfo& p) {
    if (p.range.empty())
        return;
    if (auto dots = p.range.find(" .. "); dots != std::string::npos) {
        p.min = std::strtod(p.range.substr(0, dots).c_str(), nullptr);
        p.max = std::strtod(p.range.substr(dots + 4).c_str(), nullptr);
        return;
    }
    p.choices = split(p.range, ',');
}

std::vector<PropertyInfo> read_table() {
    char* buffer = nullptr;
    size_t size = 0;
    FILE* out = open_memstream(&buffer, &size);
    if (!out)
        return {};
    rd_kafka_conf_properties_show(out);
    std::fclose(out);
    std::string text(buffer, size);
    std::free(buffer);

    std::vector<PropertyInfo> props;
    bool topic_section = false;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("## "))
            topic_section = line.find("Topic") != std::string::npos;
        if (line.starts_with("Property") || line.starts_with("---") ||
            line.find('|') == std::string::npos)
            continue;
        // name | C/P | range | default | importance | description (which may hold '|'? no:
        // librdkafka escapes none, so split on the first five bars only)
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (int i = 0; i < 5; ++i) {
            auto bar = line.find('|', start);
            if (bar == std::string::npos)
                break;
            cells.push_back(trim(line.substr(start, bar - start)));
            start = bar + 1;
        }
        if (cells.size() != 5)
            continue;
        PropertyInfo p;
        p.name = cells[0];
        p.audience = cells[1] == "P"   ? PropertyAudience::Producer
                     : cells[1] == "C" ? PropertyAudience::Consumer
                                       : PropertyAudience::Both;
        p.topic_level = topic_section;
        p.range = cells[2];
        p.default_value = cells[3];
        p.importance = cells[4];
        take_description(p, trim(line.substr(start)));
        if (p.type == "see dedicated API" || p.name.ends_with("_cb") || p.name.ends_with("opaque"))
            continue; // pointers: not settable as text
        take_range(p);
        bool duplicate = false;
        for (const auto& q : props)
            duplicate = duplicate || q.name == p.name;
        if (!duplicate)
            props.push_back(std::move(p));
    }
    return props;
}

} // namespace

const std::vector<PropertyInfo>& librdkafka_properties() {
    static const std::vector<PropertyInfo> table = read_table();
    return table;
}

const PropertyInfo* find_librdkafka_property(const std::string& name) {
    for (const auto& p : librdkafka_properties())
        if (p.name == name)
            return &p;
    return nullptr;
}

std::optional<std::string> check_librdkafka_property(const std::string& name,
                                                     const std::string& value) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char err[512] = {0};
    const auto result = rd_kafka_conf_set(conf, name.c_str(), value.c_str(), err, sizeof err);
    rd_kafka_conf_destroy(conf);
    if (result == RD_KAFKA_CONF_OK)
        return std::nullopt;
    return std::string(err);
}

std::string canonical_property_value(const std::string& name, const std::string& value) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::string out = value;
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), nullptr, 0) == RD_KAFKA_CONF_OK) {
        char buffer[1024];
        size_t size = sizeof buffer;
        if (rd_kafka_conf_get(conf, name.c_str(), buffer, &size) == RD_KAFKA_CONF_OK)
            out = buffer;
    }
    rd_kafka_conf_destroy(conf);
    return out;
}

const std::vector<std::string>& tuned_producer_properties() {
    static const std::vector<std::string> names = {"acks",
                                                   "linger.ms",
                                                   "batch.size",
                                                   "batch.num.messages",
                                                   "compression.codec",
                                                   "compression.level",
                                                   "enable.idempotence",
                                                   "max.in.flight",
                                                   "queue.buffering.max.messages",
                                                   "queue.buffering.max.kbytes",
                                                   "message.timeout.ms",
                                                   "retries",
                                                   "partitioner",
                                                   "sticky.partitioning.linger.ms",
                                                   "message.max.bytes",
                                                   "socket.send.buffer.bytes"};
    return names;
}

const std::vector<std::string>& tuned_consumer_properties() {
    static const std::vector<std::string> names = {"fetch.min.bytes",
                                                   "fetch.wait.max.ms",
                                                   "fetch.max.bytes",
                                                   "max.partition.fetch.bytes",
                                                   "queued.min.messages",
                                                   "queued.max.messages.kbytes",
                                                   "auto.offset.reset",
                                                   "session.timeout.ms",
                                                   "heartbeat.interval.ms",
                                                   "max.poll.interval.ms",
                                                   "auto.commit.interval.ms",
                                                   "partition.assignment.strategy",
                                                   "isolation.level",
                                                   "check.crcs",
                                                   "socket.receive.buffer.bytes"};
    return names;
}

} // namespace ktw
