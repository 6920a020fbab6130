#include "core/advisor/property_name_advisor.h"

#include "core/spec/experiment_spec.h"
#include "core/spec/properties_file.h"

#include <algorithm>

namespace ktw {
namespace {

std::string as_text(const nlohmann::json& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}

// kafka-python and confluent-kafka's Python docs spell Java's names with '_' (the tuning
// diary's max_poll_records, max_poll_interval_ms, receive_buffer_bytes); librdkafka's own
// names never have one (its '_' names are callbacks, which no spec can set).
bool looks_like_python_name(const std::string& key) {
    return key.find('_') != std::string::npos && key.find('.') == std::string::npos;
}

struct NameContext {
    std::string section; // "consumer.properties"
    std::string key;     // as written
    std::string value;
    int max_poll_records = 500;
};

Advice java_name_advice(const NameContext& c, const JavaClientName& java,
                        const std::string& spelled_as) {
    Advice a;
    a.rule = "java-property-name";
    a.severity = AdviceSeverity::Warning;
    a.field = c.section + "." + c.key;
    const std::string here = c.section + "." + c.key;
    const std::string whose =
        spelled_as.empty()
            ? c.key + " is the Java client's name"
            : c.key + " is the Python spelling of the Java client's " + java.java_name;
    switch (java.kind) {
    case JavaNameKind::Renamed:
        a.title = c.key + ": librdkafka calls it " + java.target;
        a.reason = whose +
                   "; librdkafka, the client the workbench runs, names the same "
                   "setting " +
                   java.target + ".";
        a.suggestion =
            "Rename " + here + " to " + c.section + "." + java.target + " (value " + c.value + ").";
        break;
    case JavaNameKind::Scaled:
        a.title = c.key + ": librdkafka has " + java.target + " (KiB)";
        a.reason = whose + " (bytes); librdkafka limits its producer queue with " + java.target +
                   ", in KiB.";
        a.suggestion = "Replace " + here + " with " + c.section + "." + java.target + " = " +
                       c.value + " / 1024.";
        break;
    case JavaNameKind::SpecField:
        if (java.target == "consumer.max_poll_records") {
            a.title = "librdkafka has no max.poll.records";
            a.reason = whose +
                       ". The Java client returns at most that many messages per poll; "
                       "librdkafka's consumer has no such limit, so the workbench's "
                       "consumer applies it itself: consumer.max_poll_records (now " +
                       std::to_string(c.max_poll_records) + ").";
            a.suggestion =
                "Remove " + here + " and set consumer.max_poll_records to " + c.value + ".";
        } else {
            a.title = c.key + ": set by the workbench, use " + java.target;
            a.reason =
                whose + "; the workbench sets it for its clients itself (" + java.note + ").";
            a.suggestion = "Remove " + here + " and set " + java.target + " instead.";
        }
        break;
    case JavaNameKind::Skipped:
        a.title = c.key + ": a Java client setting";
        a.reason = whose + " (" + java.note + "); librdkafka has nothing like it.";
        a.suggestion = "Remove " + here + ".";
        break;
    }
    return a;
}

void advise_section(const nlohmann::json& given, const char* section_name, ClientRole role,
                    const PropertyNameKnown& known, std::vector<Advice>& out) {
    const auto section = given.find(section_name);
    if (section == given.end() || !section->is_object())
        return;
    const auto props = section->find("properties");
    if (props == section->end() || !props->is_object())
        return;
    NameContext c;
    c.section = std::string(section_name) + ".properties";
    const nlohmann::json::json_pointer mpr("/consumer/max_poll_records");
    if (given.contains(mpr) && given.at(mpr).is_number_integer())
        c.max_poll_records = given.at(mpr).get<int>();
    auto knows = [&](const std::string& name) { return known && known(name); };
    for (const auto& [key, value] : props->items()) {
        c.key = key;
        c.value = as_text(value);
        if (looks_like_python_name(key)) {
            std::string dotted = key;
            std::replace(dotted.begin(), dotted.end(), '_', '.');
            const auto java = find_java_client_name(dotted, role);
            if (java && (java->kind == JavaNameKind::SpecField ||
                         (java->librdkafka_lacks_it && !knows(dotted)))) {
                out.push_back(java_name_advice(c, *java, dotted));
                continue;
            }
            Advice a;
            a.rule = "java-property-name";
            a.severity = AdviceSeverity::Warning;
            a.field = c.section + "." + key;
            if (!known || knows(dotted)) {
                a.title = key + ": librdkafka spells it " + dotted;
                a.reason = key + " is the Python clients' spelling; librdkafka's names use dots.";
                a.suggestion = "Rename " + a.field + " to " + c.section + "." + dotted +
                               " (value " + c.value + ").";
            } else {
                a.title = key + ": librdkafka has no " + dotted;
                a.reason = key + " is a Python client's name (" + dotted +
                           " in Java's spelling); librdkafka has no property of either name.";
                a.suggestion = "Remove " + a.field +
                               "; librdkafka's properties are listed in the editor's property "
                               "table (Show all).";
            }
            out.push_back(a);
            continue;
        }
        if (is_reserved_client_property(key))
            continue; // validation already names the spec field to use instead
        const auto java = find_java_client_name(key, role);
        if (java && java->librdkafka_lacks_it && !knows(key))
            out.push_back(java_name_advice(c, *java, ""));
    }
}

} // namespace

std::vector<Advice> advise_property_names(const nlohmann::json& given,
                                          const PropertyNameKnown& known) {
    std::vector<Advice> out;
    if (!given.is_object())
        return out;
    // cluster.properties reach consumers too, so the consumer's names apply there as well.
    advise_section(given, "cluster", ClientRole::Consumer, known, out);
    advise_section(given, "producer", ClientRole::Producer, known, out);
    advise_section(given, "consumer", ClientRole::Consumer, known, out);
    return out;
}

} // namespace ktw
