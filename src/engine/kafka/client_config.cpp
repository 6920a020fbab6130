#include "engine/kafka/client_config.h"

#include "core/record/secret_redaction.h"

#include <algorithm>
#include <cstring>

namespace ktw {
namespace {

void check_combination(rd_kafka_type_t type, const std::vector<PropertyLayer>& layers,
                       const std::string& path, std::vector<SpecError>& errors) {
    std::vector<SpecError> ignored;
    KafkaConf conf = build_conf(layers, ignored);
    if (type == RD_KAFKA_CONSUMER)
        rd_kafka_conf_set(conf.get(), "group.id", "ktw-validation", nullptr, 0);
    // This client is never connected: drop its warning about the missing bootstrap.servers.
    rd_kafka_conf_set_log_cb(conf.get(), [](const rd_kafka_t*, int, const char*, const char*) {});
    char err[512] = {0};
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
    if (rk) {
        conf.release(); // owned by rk now
        rd_kafka_destroy(rk);
    } else {
        errors.push_back({path, err});
    }
}

} // namespace

KafkaConf build_conf(const std::vector<PropertyLayer>& layers, std::vector<SpecError>& errors) {
    KafkaConf conf(rd_kafka_conf_new());
    char err[512];
    for (const auto& layer : layers) {
        if (!layer.properties)
            continue;
        for (const auto& [key, value] : *layer.properties) {
            err[0] = '\0';
            if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof err) !=
                RD_KAFKA_CONF_OK)
                errors.push_back({layer.path + "." + key, err});
        }
    }
    return conf;
}

std::map<std::string, std::string> effective_config(const rd_kafka_conf_t* conf) {
    // librdkafka reports canonical names; tuning notes (and the Java client) use these aliases.
    static const std::map<std::string, std::string> kDisplayName = {
        {"queue.buffering.max.ms", "linger.ms"},
        {"request.required.acks", "acks"},
        {"message.send.max.retries", "retries"},
        {"max.in.flight.requests.per.connection", "max.in.flight"},
        {"message.timeout.ms", "delivery.timeout.ms"},
    };
    std::map<std::string, std::string> out;
    auto add = [&](const char** pairs, size_t count, bool overwrite) {
        for (size_t i = 0; i + 1 < count; i += 2) {
            std::string key = pairs[i];
            const std::string value = pairs[i + 1] ? pairs[i + 1] : "";
            if (key.ends_with("_cb") || key.ends_with("opaque") || key == "default_topic_conf")
                continue; // pointers, not settings
            if (auto alias = kDisplayName.find(key); alias != kDisplayName.end())
                key = alias->second;
            if (overwrite || !out.count(key))
                out[key] = is_secret_property(key) && !value.empty() ? kRedacted : value;
        }
    };
    size_t count = 0;
    // The dump functions take non-const pointers but do not modify the configuration.
    auto* mutable_conf = const_cast<rd_kafka_conf_t*>(conf);
    const char** pairs = rd_kafka_conf_dump(mutable_conf, &count);
    add(pairs, count, true);
    rd_kafka_conf_dump_free(pairs, count);
    // Topic-level properties (acks, delivery timeout, partitioner) live in the default topic
    // configuration, which exists only once one of them was set.
    rd_kafka_topic_conf_t* topic_conf = rd_kafka_conf_get_default_topic_conf(mutable_conf);
    rd_kafka_topic_conf_t* fresh = topic_conf ? nullptr : rd_kafka_topic_conf_new();
    pairs = rd_kafka_topic_conf_dump(topic_conf ? topic_conf : fresh, &count);
    add(pairs, count, false);
    rd_kafka_conf_dump_free(pairs, count);
    if (fresh)
        rd_kafka_topic_conf_destroy(fresh);
    return out;
}

std::vector<SpecError> validate_client_properties(const ExperimentSpec& spec) {
    std::vector<SpecError> errors;
    const std::vector<PropertyLayer> producer = {
        {"cluster.properties", &spec.cluster.properties},
        {"producer.properties", &spec.producer.properties}};
    const std::vector<PropertyLayer> consumer = {
        {"cluster.properties", &spec.cluster.properties},
        {"consumer.properties", &spec.consumer.properties}};
    build_conf(producer, errors);
    build_conf(consumer, errors);
    // cluster.properties are checked in both configurations: report each problem once
    std::vector<SpecError> unique;
    for (const auto& e : errors)
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const SpecError& u) { return u.path == e.path; }))
            unique.push_back(e);
    if (!unique.empty())
        return unique;
    if (spec.producer.threads > 0)
        check_combination(RD_KAFKA_PRODUCER, producer, "producer.properties", errors);
    if (spec.consumer.threads > 0)
        check_combination(RD_KAFKA_CONSUMER, consumer, "consumer.properties", errors);
    return errors;
}

std::string librdkafka_version() {
    return rd_kafka_version_str();
}

PropertyMap workbench_consumer_defaults(ClusterKind kind) {
    PropertyMap defaults = {{"auto.offset.reset", "earliest"},
                            {"enable.auto.offset.store", "false"},
                            {"enable.partition.eof", "false"}};
    if (kind == ClusterKind::Embedded) {
        // The mock group coordinator refuses a member's SyncGroup that arrives after the
        // leader's (INVALID_REQUEST); that member rejoins, and the mock then waits
        // session.timeout.ms - 1 s for the others (44 s by default, seen in CI). A short
        // session keeps such a stall to seconds.
        defaults["session.timeout.ms"] = "6000";
        defaults["heartbeat.interval.ms"] = "500";
    } else {
        // A topic created just before the run may not be known yet to the broker the group
        // leader asks for metadata (3 brokers: seen in CI); the leader then assigns nothing,
        // and librdkafka would only look again after the default 5 minutes. A metadata
        // refresh a second keeps that stall to about a second.
        defaults["topic.metadata.refresh.interval.ms"] = "1000";
    }
    return defaults;
}

} // namespace ktw
