#include "core/spec/experiment_spec.h"

#include "core/spec/json_field_reader.h"

#include <algorithm>

namespace ktw {
namespace {

const std::vector<std::pair<const char*, ClusterKind>> kClusterKinds = {
    {"embedded", ClusterKind::Embedded},
    {"external", ClusterKind::External},
    {"local", ClusterKind::Local}};
const std::vector<std::pair<const char*, FaultAction>> kFaultActions = {
    {"stop", FaultAction::Stop},
    {"resume", FaultAction::Resume},
    {"kill", FaultAction::Kill},
    {"start", FaultAction::Start}};
const std::vector<std::pair<const char*, TopicMode>> kTopicModes = {
    {"create", TopicMode::Create},
    {"reuse", TopicMode::Reuse},
    {"create_or_reuse", TopicMode::CreateOrReuse}};
const std::vector<std::pair<const char*, KeyMode>> kKeyModes = {
    {"none", KeyMode::None}, {"distinct", KeyMode::Distinct}, {"round_robin", KeyMode::RoundRobin}};
const std::vector<std::pair<const char*, ConsumerMode>> kConsumerModes = {
    {"group", ConsumerMode::Group}, {"assign", ConsumerMode::Assign}};
const std::vector<std::pair<const char*, CommitMode>> kCommitModes = {
    {"auto", CommitMode::Auto}, {"sync", CommitMode::Sync}, {"async", CommitMode::Async}};
const std::vector<std::pair<const char*, PhaseMode>> kPhaseModes = {
    {"concurrent", PhaseMode::Concurrent}, {"produce_then_consume", PhaseMode::ProduceThenConsume}};

template <typename Enum>
const char* name_of(const std::vector<std::pair<const char*, Enum>>& table, Enum v) {
    for (const auto& [name, value] : table)
        if (value == v)
            return name;
    return "?";
}

// Properties the workbench sets itself: a value in the spec would be overwritten or would
// break the measurement, so it is refused with a pointer to the field that controls it.
struct ReservedProperty {
    const char* key;
    const char* use_instead;
};
const ReservedProperty kReservedClient[] = {
    {"bootstrap.servers", "cluster.bootstrap_servers"},
    {"metadata.broker.list", "cluster.bootstrap_servers"},
    {"statistics.interval.ms", "measurement.statistics_interval_ms"},
    {"test.mock.num.brokers", "cluster.kind \"embedded\" with cluster.brokers"},
    {"client.id", "nothing: each client is named after its thread (ktw-producer-0, ...)"},
    {"transactional.id", "producer.transactions (each producer thread gets its own id)"},
};
const ReservedProperty kReservedConsumer[] = {
    {"group.id", "consumer.group_id"},
    {"enable.auto.commit", "consumer.commit (auto, sync or async)"},
};

void check_reserved(const PropertyMap& props, const std::string& path,
                    std::vector<SpecError>& errors, bool consumer) {
    auto check = [&](const ReservedProperty& r) {
        if (props.count(r.key))
            errors.push_back(
                {path + "." + r.key, std::string("is set by the workbench; use ") + r.use_instead});
    };
    for (const auto& r : kReservedClient)
        check(r);
    if (consumer)
        for (const auto& r : kReservedConsumer)
            check(r);
}

bool valid_topic_name(const std::string& name) {
    if (name.empty() || name.size() > 249 || name == "." || name == "..")
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

void parse_cluster(JsonFieldReader& root, ClusterSpec& c, std::vector<SpecError>& errors) {
    JsonFieldReader r(root.section("cluster"), "cluster", errors);
    r.read_choice("kind", c.kind, kClusterKinds);
    r.read("brokers", c.brokers, 1, 16);
    r.read("broker_rtt_ms", c.broker_rtt_ms, 0, 10000);
    r.read("port", c.port, 1024, 65000);
    r.read("bootstrap_servers", c.bootstrap_servers);
    r.read("properties", c.properties);
    r.finish();
    if (c.kind == ClusterKind::External && c.bootstrap_servers.empty())
        r.error("bootstrap_servers", "is required for an external cluster (host:port[,host:port])");
    if (c.kind != ClusterKind::External && !c.bootstrap_servers.empty())
        r.error("bootstrap_servers", std::string("is only for an external cluster; the ") +
                                         to_string(c.kind) + " one makes its own");
    if (c.kind == ClusterKind::External && (r.has("brokers") || r.has("broker_rtt_ms")))
        r.error(r.has("brokers") ? "brokers" : "broker_rtt_ms", "is only for the embedded cluster");
    if (c.kind == ClusterKind::Local && r.has("broker_rtt_ms"))
        r.error("broker_rtt_ms", "is only for the embedded cluster");
    if (c.kind == ClusterKind::Local && c.brokers != 1 && c.brokers != 3)
        r.error("brokers",
                "is " + std::to_string(c.brokers) + "; allowed for a local cluster: 1, 3");
    if (c.kind != ClusterKind::Local && r.has("port"))
        r.error("port", "is only for a local cluster");
    check_reserved(c.properties, "cluster.properties", errors, true);
}

void parse_faults(JsonFieldReader& root, const ClusterSpec& cluster, std::vector<FaultSpec>& faults,
                  std::vector<SpecError>& errors) {
    const nlohmann::json* list = root.array("faults");
    if (!list)
        return;
    if (cluster.kind == ClusterKind::External && !list->empty())
        root.error("faults", "need a cluster the workbench runs (local or embedded), not an "
                             "external one");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = "faults[" + std::to_string(i) + "]";
        if (!(*list)[i].is_object()) {
            errors.push_back({path, "must be an object {at_s, broker, action}"});
            continue;
        }
        FaultSpec f;
        JsonFieldReader r(&(*list)[i], path, errors);
        r.read("at_s", f.at_s, 0, 86400);
        r.read("broker", f.broker, 1, 16);
        r.read_choice("action", f.action, kFaultActions);
        if (!r.has("at_s") || !r.has("broker") || !r.has("action"))
            r.error(r.has("at_s") ? (r.has("broker") ? "action" : "broker") : "at_s",
                    "is required");
        r.finish();
        if (f.broker > cluster.brokers)
            r.error("broker", "is " + std::to_string(f.broker) + " but the cluster has " +
                                  std::to_string(cluster.brokers) + " broker(s)");
        faults.push_back(f);
    }
}

void parse_topic(JsonFieldReader& root, const ClusterSpec& cluster, TopicSpec& t,
                 std::vector<SpecError>& errors) {
    JsonFieldReader r(root.section("topic"), "topic", errors);
    r.read("name", t.name);
    r.read("auto_unique", t.auto_unique);
    r.read("partitions", t.partitions, 1, 10000);
    r.read("replication_factor", t.replication_factor, 1, 16);
    r.read("configs", t.configs);
    r.read_choice("mode", t.mode, kTopicModes);
    r.read("delete_after", t.delete_after);
    r.finish();
    if (t.name.empty() && !t.auto_unique)
        r.error("name", "is required (letters, digits, '.', '_', '-'), or set auto_unique: true");
    else if (!t.name.empty() && !valid_topic_name(t.name))
        r.error("name",
                "\"" + t.name +
                    "\" is not a valid topic name: 1 to 249 of letters, digits, '.', '_', '-'");
    if (t.auto_unique && t.name.size() > 200)
        r.error("name",
                "is longer than 200 characters; auto_unique appends 21 more and Kafka allows 249");
    if (t.auto_unique && t.mode == TopicMode::Reuse)
        r.error("mode",
                "\"reuse\" needs a fixed topic name, but auto_unique makes a new one each run");
    if (cluster.kind != ClusterKind::External && t.replication_factor > cluster.brokers)
        r.error("replication_factor", "is " + std::to_string(t.replication_factor) + " but the " +
                                          to_string(cluster.kind) + " cluster has " +
                                          std::to_string(cluster.brokers) + " broker(s)");
}

void parse_producer(JsonFieldReader& root, ProducerSpec& p, std::vector<SpecError>& errors) {
    JsonFieldReader r(root.section("producer"), "producer", errors);
    r.read("threads", p.threads, 0, 64);
    r.read("properties", p.properties);
    r.read("messages", p.messages, 0, int64_t{1} << 40);
    r.read("duration_s", p.duration_s, 0, 86400);
    r.read("message_bytes", p.message_bytes, 32, 100 * 1024 * 1024);
    r.read("random_fraction", p.random_fraction, 0, 1);
    if (const auto* keys = r.section("keys")) {
        JsonFieldReader k(keys, "producer.keys", errors);
        k.read_choice("mode", p.key_mode, kKeyModes);
        k.read("count", p.key_count, 1, 10000000);
        k.finish();
        if (p.key_mode == KeyMode::Distinct && !k.has("count"))
            k.error("count", "is required with mode \"distinct\" (how many distinct keys)");
        if (p.key_mode != KeyMode::Distinct && k.has("count"))
            k.error("count", "only applies to mode \"distinct\"");
    }
    r.read("target_rate", p.target_rate, 0, 1e9);
    if (const auto* tx = r.section("transactions")) {
        JsonFieldReader t(tx, "producer.transactions", errors);
        p.transactions.enabled = true;
        t.read("messages_per_transaction", p.transactions.messages_per_transaction, 0,
               int64_t{1} << 40);
        t.read("interval_ms", p.transactions.interval_ms, 0, 3600000);
        t.read("timeout_ms", p.transactions.timeout_ms, 1000, 600000);
        t.finish();
        if (p.transactions.messages_per_transaction == 0 && p.transactions.interval_ms == 0)
            t.error("messages_per_transaction",
                    "and producer.transactions.interval_ms are both 0: give at least one "
                    "commit trigger (commit after N messages or after T ms)");
    }
    r.finish();
    if (p.threads > 0) {
        if (p.messages > 0 && p.duration_s > 0)
            r.error("messages", "and producer.duration_s are both set; give one of them");
        else if (p.messages == 0 && p.duration_s == 0)
            r.error("messages", "or producer.duration_s is required: how much to produce");
        else if (p.messages > 0 && p.messages < p.threads)
            r.error("messages", "is " + std::to_string(p.messages) +
                                    ", fewer than one per producer thread (" +
                                    std::to_string(p.threads) + ")");
    }
    check_reserved(p.properties, "producer.properties", errors, false);
    if (p.transactions.enabled) {
        // librdkafka's transactional producer is idempotent with acks=all; saying otherwise
        // would be silently overridden or refused only when the producer is created.
        const auto idem = p.properties.find("enable.idempotence");
        if (idem != p.properties.end() && (idem->second == "false" || idem->second == "0"))
            errors.push_back({"producer.properties.enable.idempotence",
                              "is false, but producer.transactions needs an idempotent producer "
                              "(remove it or set true)"});
        const auto acks = p.properties.find("acks");
        if (acks != p.properties.end() && acks->second != "all" && acks->second != "-1")
            errors.push_back(
                {"producer.properties.acks",
                 "is " + acks->second + ", but producer.transactions needs acks=all (-1)"});
    }
}

void parse_consumer(JsonFieldReader& root, ConsumerSpec& c, std::vector<SpecError>& errors) {
    JsonFieldReader r(root.section("consumer"), "consumer", errors);
    r.read("threads", c.threads, 0, 64);
    r.read_choice("mode", c.mode, kConsumerModes);
    r.read("group_id", c.group_id);
    r.read("properties", c.properties);
    r.read_choice("commit", c.commit, kCommitModes);
    r.read("processing_us", c.processing_us, 0, 10000000);
    r.read("max_poll_records", c.max_poll_records, 1, 1000000);
    r.read("poll_timeout_ms", c.poll_timeout_ms, 0, 1000); // longer would delay cancel
    r.finish();
    check_reserved(c.properties, "consumer.properties", errors, true);
}

void parse_phases(JsonFieldReader& root, PhaseSpec& p, std::vector<SpecError>& errors) {
    JsonFieldReader r(root.section("phases"), "phases", errors);
    r.read_choice("mode", p.mode, kPhaseModes);
    r.read("warmup_s", p.warmup_s, 0, 3600);
    r.read("timeout_s", p.timeout_s, 1, 86400 * 7);
    r.read("idle_timeout_s", p.idle_timeout_s, 0.5, 3600);
    r.finish();
}

void parse_measurement(JsonFieldReader& root, MeasurementSpec& m, std::vector<SpecError>& errors) {
    JsonFieldReader r(root.section("measurement"), "measurement", errors);
    r.read("enabled", m.enabled);
    r.read("tick_ms", m.tick_ms, 10, 10000);
    r.read("statistics_interval_ms", m.statistics_interval_ms, 100, 60000);
    r.finish();
}

void parse_reference(JsonFieldReader& root, ReferenceSpec& f, std::vector<SpecError>& errors) {
    const auto* section = root.section("reference");
    if (!section)
        return;
    f.present = true;
    JsonFieldReader r(section, "reference", errors);
    r.read("source", f.source);
    r.read("assumed_poll_interval_s", f.assumed_poll_interval_s, 0.0001, 3600);
    r.read("produce_msgs_per_s", f.produce_msgs_per_s, 0, 1e12);
    r.read("consume_msgs_per_s", f.consume_msgs_per_s, 0, 1e12);
    r.read("polls", f.polls, 0, 1e12);
    r.read("messages_per_poll", f.messages_per_poll, 0, 1e12);
    r.finish();
}

void check_across_sections(const ExperimentSpec& s, std::vector<SpecError>& errors) {
    if (s.producer.threads == 0 && s.consumer.threads == 0)
        errors.push_back({"producer.threads", "and consumer.threads are both 0: nothing to run"});
    if (s.producer.threads == 0 && s.consumer.threads > 0)
        errors.push_back({"producer.threads", "is 0 but consumers need this run's messages to "
                                              "verify; consumer-only runs are not supported yet"});
    if (s.phases.mode == PhaseMode::ProduceThenConsume && s.consumer.threads == 0)
        errors.push_back({"phases.mode", "\"produce_then_consume\" needs consumer.threads >= 1"});
    if (s.producer.duration_s > 0 && s.phases.warmup_s >= s.producer.duration_s)
        errors.push_back({"phases.warmup_s", "must be shorter than producer.duration_s, or "
                                             "nothing is left to measure"});
    if (s.producer.duration_s > 0 && s.producer.duration_s >= s.phases.timeout_s)
        errors.push_back({"phases.timeout_s", "must be longer than producer.duration_s"});
    if (s.producer.transactions.enabled) {
        const auto iso = s.consumer.properties.find("isolation.level");
        if (iso != s.consumer.properties.end() && iso->second != "read_committed")
            errors.push_back({"consumer.properties.isolation.level",
                              "is " + iso->second +
                                  ", but with producer.transactions consumers must read "
                                  "committed messages only (read_committed, the default)"});
    }
    if (s.producer.key_mode == KeyMode::RoundRobin && s.topic.partitions < 2)
        errors.push_back({"producer.keys.mode",
                          "\"round_robin\" spreads messages over partitions; the topic has 1"});
}

} // namespace

bool is_reserved_client_property(const std::string& key) {
    for (const auto& r : kReservedClient)
        if (key == r.key)
            return true;
    for (const auto& r : kReservedConsumer)
        if (key == r.key)
            return true;
    return false;
}

SpecParseResult parse_experiment_spec(const nlohmann::json& j) {
    SpecParseResult result;
    auto& errors = result.errors;
    auto& s = result.spec;
    if (!j.is_object()) {
        errors.push_back({"", "an experiment spec must be a JSON object"});
        return result;
    }
    JsonFieldReader root(&j, "", errors);
    root.read("name", s.name);
    root.read("description", s.description);
    parse_cluster(root, s.cluster, errors);
    parse_topic(root, s.cluster, s.topic, errors);
    parse_producer(root, s.producer, errors);
    parse_consumer(root, s.consumer, errors);
    parse_phases(root, s.phases, errors);
    parse_measurement(root, s.measurement, errors);
    parse_faults(root, s.cluster, s.faults, errors);
    parse_reference(root, s.reference, errors);
    if (const nlohmann::json* sweep = root.section("sweep"))
        s.sweep = *sweep; // validated by parse_sweep_plan (sweep_plan.h)
    root.finish();
    if (s.name.empty())
        root.error("name", "must not be empty");
    if (errors.empty())
        check_across_sections(s, errors);
    return result;
}

nlohmann::json experiment_spec_to_json(const ExperimentSpec& s) {
    nlohmann::json cluster = {{"kind", to_string(s.cluster.kind)},
                              {"properties", s.cluster.properties}};
    if (s.cluster.kind == ClusterKind::Embedded) {
        cluster["brokers"] = s.cluster.brokers;
        cluster["broker_rtt_ms"] = s.cluster.broker_rtt_ms;
    } else if (s.cluster.kind == ClusterKind::Local) {
        cluster["brokers"] = s.cluster.brokers;
        cluster["port"] = s.cluster.port;
    } else {
        cluster["bootstrap_servers"] = s.cluster.bootstrap_servers;
    }
    nlohmann::json keys = {{"mode", to_string(s.producer.key_mode)}};
    if (s.producer.key_mode == KeyMode::Distinct)
        keys["count"] = s.producer.key_count;
    nlohmann::json producer = {{"threads", s.producer.threads},
                               {"properties", s.producer.properties},
                               {"message_bytes", s.producer.message_bytes},
                               {"random_fraction", s.producer.random_fraction},
                               {"keys", keys},
                               {"target_rate", s.producer.target_rate}};
    if (s.producer.transactions.enabled) // left out when off, so older records stay as they were
        producer["transactions"] = {
            {"messages_per_transaction", s.producer.transactions.messages_per_transaction},
            {"interval_ms", s.producer.transactions.interval_ms},
            {"timeout_ms", s.producer.transactions.timeout_ms}};
    if (s.producer.duration_s > 0)
        producer["duration_s"] = s.producer.duration_s;
    else
        producer["messages"] = s.producer.messages;
    nlohmann::json out = {
        {"name", s.name},
        {"description", s.description},
        {"cluster", cluster},
        {"topic",
         {{"name", s.topic.name},
          {"auto_unique", s.topic.auto_unique},
          {"partitions", s.topic.partitions},
          {"replication_factor", s.topic.replication_factor},
          {"configs", s.topic.configs},
          {"mode", to_string(s.topic.mode)},
          {"delete_after", s.topic.delete_after}}},
        {"producer", producer},
        {"consumer",
         {{"threads", s.consumer.threads},
          {"mode", to_string(s.consumer.mode)},
          {"group_id", s.consumer.group_id},
          {"properties", s.consumer.properties},
          {"commit", to_string(s.consumer.commit)},
          {"processing_us", s.consumer.processing_us},
          {"max_poll_records", s.consumer.max_poll_records},
          {"poll_timeout_ms", s.consumer.poll_timeout_ms}}},
        {"phases",
         {{"mode", to_string(s.phases.mode)},
          {"warmup_s", s.phases.warmup_s},
          {"timeout_s", s.phases.timeout_s},
          {"idle_timeout_s", s.phases.idle_timeout_s}}},
        {"measurement",
         {{"enabled", s.measurement.enabled},
          {"tick_ms", s.measurement.tick_ms},
          {"statistics_interval_ms", s.measurement.statistics_interval_ms}}},
    };
    if (s.reference.present) { // left out when absent, like faults
        const auto& f = s.reference;
        out["reference"] = {{"source", f.source},
                            {"assumed_poll_interval_s", f.assumed_poll_interval_s},
                            {"produce_msgs_per_s", f.produce_msgs_per_s},
                            {"consume_msgs_per_s", f.consume_msgs_per_s},
                            {"polls", f.polls},
                            {"messages_per_poll", f.messages_per_poll}};
    }
    if (!s.faults.empty()) { // left out when empty, so records without faults stay as they were
        nlohmann::json faults = nlohmann::json::array();
        for (const auto& f : s.faults)
            faults.push_back(
                {{"at_s", f.at_s}, {"broker", f.broker}, {"action", to_string(f.action)}});
        out["faults"] = faults;
    }
    if (!s.sweep.is_null()) // kept as given, so an editor does not drop it
        out["sweep"] = s.sweep;
    return out;
}

const char* to_string(FaultAction v) {
    return name_of(kFaultActions, v);
}
const char* to_string(ClusterKind v) {
    return name_of(kClusterKinds, v);
}
const char* to_string(TopicMode v) {
    return name_of(kTopicModes, v);
}
const char* to_string(KeyMode v) {
    return name_of(kKeyModes, v);
}
const char* to_string(ConsumerMode v) {
    return name_of(kConsumerModes, v);
}
const char* to_string(CommitMode v) {
    return name_of(kCommitModes, v);
}
const char* to_string(PhaseMode v) {
    return name_of(kPhaseModes, v);
}

} // namespace ktw
