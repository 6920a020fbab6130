#pragma once
// librdkafka's own table of configuration properties (name, scope, type, range, default,
// description), read from rd_kafka_conf_properties_show() so editors offer exactly what the
// linked librdkafka accepts.

#include <optional>
#include <string>
#include <vector>

namespace ktw {

/// Which clients a property applies to, as librdkafka's table marks it ("C/P" column).
enum class PropertyAudience { Both, Producer, Consumer };

struct PropertyInfo {
    std::string name;
    PropertyAudience audience = PropertyAudience::Both;
    bool topic_level = false;  ///< from the "Topic configuration properties" section
    std::string type;          ///< "integer", "float", "boolean", "enum value", "string", ...
    std::string range;         ///< "0 .. 900000", "none, gzip, ...", or ""
    std::string default_value; ///< as librdkafka prints it ("" when none)
    std::string importance;    ///< "high", "medium", "low"
    std::string description;   ///< plain text (librdkafka's markdown markers removed)
    std::string alias_of;      ///< "queue.buffering.max.ms" for linger.ms, else ""
    std::vector<std::string> choices; ///< enum values / booleans / CSV flags
    std::optional<double> min, max;   ///< numeric range

    bool applies_to_producer() const { return audience != PropertyAudience::Consumer; }
    bool applies_to_consumer() const { return audience != PropertyAudience::Producer; }
};

/// Every property the linked librdkafka documents, global ones first, each name once
/// (a topic-level duplicate of a global name is left out), callbacks and pointers left out.
const std::vector<PropertyInfo>& librdkafka_properties();

/// The entry for a name (aliases are entries of their own), or nullptr.
const PropertyInfo* find_librdkafka_property(const std::string& name);

/// librdkafka's verdict on one key and value, as rd_kafka_conf_set gives it: nothing when
/// accepted, else librdkafka's own message ("Invalid value ... for configuration property").
std::optional<std::string> check_librdkafka_property(const std::string& name,
                                                     const std::string& value);

/// The value as librdkafka stores it ("all" -> "-1" for acks, "true" for "TRUE"), so that
/// "differs from the default" means what librdkafka will do; the value itself when refused.
std::string canonical_property_value(const std::string& name, const std::string& value);

/// The properties people tune first (acks, linger.ms, fetch.wait.max.ms, ...), in a useful
/// order, for the producer or the consumer.
const std::vector<std::string>& tuned_producer_properties();
const std::vector<std::string>& tuned_consumer_properties();

} // namespace ktw
