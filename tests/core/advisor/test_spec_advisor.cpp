// The advisor before a run: every rule fires on a spec that has its problem, with the spec's
// numbers in the text, and stays silent on one that does not.
#include "core/spec/properties_file.h"
#include "core/advisor/spec_advisor.h"

#include <QtTest>
#include <set>

using namespace ktw;
using nlohmann::json;

namespace {

json base() {
    return json::parse(R"({
        "name": "advisor-test",
        "cluster": {"kind": "embedded", "brokers": 1},
        "topic": {"name": "t", "auto_unique": true, "partitions": 3},
        "producer": {"threads": 1, "messages": 10000000, "message_bytes": 100,
                     "keys": {"mode": "distinct", "count": 100}},
        "consumer": {"threads": 3},
        "phases": {"timeout_s": 60}
    })");
}

std::vector<Advice> with_rule(const std::vector<Advice>& all, const std::string& rule) {
    std::vector<Advice> out;
    for (const auto& a : all)
        if (a.rule == rule)
            out.push_back(a);
    return out;
}

// librdkafka's names as far as these tests need them (the engine's catalog in the real
// callers; test_cli checks that path).
bool known_to_librdkafka(const std::string& name) {
    static const std::set<std::string> names = {"fetch.max.bytes",
                                                "fetch.wait.max.ms",
                                                "max.poll.interval.ms",
                                                "max.in.flight.requests.per.connection",
                                                "socket.receive.buffer.bytes",
                                                "linger.ms"};
    return names.count(name) > 0;
}

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

} // namespace

class TestSpecAdvisor : public QObject {
    Q_OBJECT
  private slots:
    void a_sound_spec_gets_no_advice() {
        const auto advice = advise_spec(base(), known_to_librdkafka);
        QVERIFY2(advice.empty(), advice.empty() ? "" : advice.front().title.c_str());
    }

    void one_partition_with_several_consumers() {
        json j = base();
        j["topic"]["partitions"] = 1;
        auto hits = with_rule(advise_spec(j), "one-partition-several-consumers");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("topic.partitions"));
        QCOMPARE(hits[0].severity, AdviceSeverity::Warning);
        QVERIFY(contains(hits[0].title, "3 consumers"));
        QVERIFY(contains(hits[0].reason, "2 of them receive nothing"));
        QVERIFY(with_rule(advise_spec(j), "idle-consumers").empty()); // the specific one only

        j["consumer"]["threads"] = 1;
        QVERIFY(with_rule(advise_spec(j), "one-partition-several-consumers").empty());
    }

    void more_consumers_than_partitions() {
        json j = base();
        j["topic"]["partitions"] = 4;
        j["consumer"]["threads"] = 6;
        auto hits = with_rule(advise_spec(j), "idle-consumers");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].title, std::string("2 of 6 consumers will be idle"));
        QCOMPARE(hits[0].field, std::string("consumer.threads"));
        QVERIFY(contains(hits[0].suggestion, "consumer.threads to 4"));

        j["consumer"]["threads"] = 4;
        QVERIFY(with_rule(advise_spec(j), "idle-consumers").empty());
        // A reused topic has whatever partitions it has: the spec's number says nothing.
        j["consumer"]["threads"] = 6;
        j["topic"] = {{"name", "existing"}, {"mode", "reuse"}, {"partitions", 4}};
        j["cluster"] = {{"kind", "external"}, {"bootstrap_servers", "h:9092"}};
        QVERIFY(with_rule(advise_spec(j), "idle-consumers").empty());
    }

    void linger_high_without_a_target() {
        json j = base();
        j["producer"]["properties"]["linger.ms"] = 200;
        auto hits = with_rule(advise_spec(j), "linger-vs-latency");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Info);
        QVERIFY(contains(hits[0].title, "200"));
        QCOMPARE(hits[0].field, std::string("producer.properties.linger.ms"));

        j["producer"]["properties"]["linger.ms"] = 100; // the threshold itself is fine
        QVERIFY(with_rule(advise_spec(j), "linger-vs-latency").empty());
        j["producer"]["properties"] = {{"queue.buffering.max.ms", "150"}}; // librdkafka's alias
        QCOMPARE(with_rule(advise_spec(j), "linger-vs-latency").size(), std::size_t{1});
    }

    void linger_against_a_latency_target() {
        json j = base();
        j["producer"]["properties"]["linger.ms"] = 20;
        j["sweep"] = {{"targets", {{"max_e2e_p99_ms", 30}, {"min_produce_msgs_per_s", 1000}}}};
        auto hits = with_rule(advise_spec(j), "linger-vs-latency");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Warning);
        QVERIFY(contains(hits[0].reason, "max_e2e_p99_ms is 30 ms"));
        QVERIFY(contains(hits[0].suggestion, "at or below 15 ms"));

        j["producer"]["properties"]["linger.ms"] = 10;
        QVERIFY(with_rule(advise_spec(j), "linger-vs-latency").empty());

        // The sweep's own axis is judged value by value; the tightest target counts.
        j["sweep"]["targets"]["max_ack_p99_ms"] = 20;
        j["sweep"]["axes"] = {{"producer.properties.linger.ms", {0, 5, 20, 100}}};
        hits = with_rule(advise_spec(j), "linger-vs-latency");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY(contains(hits[0].title, "linger.ms 20, 100 ms"));
        QVERIFY(contains(hits[0].suggestion, "drop 20, 100"));
    }

    void linger_does_not_matter_when_batches_fill_first() {
        json j = base();
        j["producer"]["properties"]["linger.ms"] = 200;
        j["producer"]["target_rate"] = 1000000; // 1 M/s over 3 partitions fills 10,000 in 30 ms
        QVERIFY(with_rule(advise_spec(j), "linger-vs-latency").empty());
        j["producer"]["target_rate"] = 1000; // 333/s per partition: 67 messages in 200 ms
        auto hits = with_rule(advise_spec(j), "linger-vs-latency");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY2(contains(hits[0].reason, "collects about 67 messages in 200 ms"),
                 hits[0].reason.c_str());
    }

    void acks_all_with_a_single_replica() {
        json j = base();
        j["producer"]["properties"]["acks"] = "all";
        // Not on the embedded cluster, which enforces no acks at all (acks-on-embedded).
        QVERIFY(with_rule(advise_spec(j), "acks-all-single-replica").empty());
        j["cluster"] = {{"kind", "local"}, {"brokers", 1}};
        auto hits = with_rule(advise_spec(j), "acks-all-single-replica");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("topic.replication_factor"));
        QVERIFY(contains(hits[0].reason, "replication_factor 1 on 1 broker(s)"));

        j["producer"]["properties"]["acks"] = "1";
        QVERIFY(with_rule(advise_spec(j), "acks-all-single-replica").empty());
        j["producer"]["properties"]["acks"] = "-1";
        j["cluster"] = {{"kind", "external"}, {"bootstrap_servers", "h:9092"}};
        hits = with_rule(advise_spec(j), "acks-all-single-replica");
        QCOMPARE(hits.size(), std::size_t{1}); // "-1" is all; an external topic with 1 replica
        QVERIFY(contains(hits[0].reason, "replication_factor 1 the leader"));
        j["cluster"] = {{"kind", "local"}, {"brokers", 3}};
        j["topic"]["replication_factor"] = 3;
        QVERIFY(with_rule(advise_spec(j), "acks-all-single-replica").empty());
    }

    void acks_on_the_embedded_cluster() {
        json j = base();
        j["producer"]["properties"]["acks"] = "all";
        j["topic"]["replication_factor"] = 1;
        auto hits = with_rule(advise_spec(j), "acks-on-embedded");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Info);
        QCOMPARE(hits[0].field, std::string("cluster.kind"));

        j["sweep"] = {{"axes", {{"producer.properties.acks", {"1", "all"}}}}};
        hits = with_rule(advise_spec(j), "acks-on-embedded");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Warning);
        QVERIFY(contains(hits[0].title, "Comparing acks"));

        j["cluster"] = {{"kind", "local"}, {"brokers", 1}};
        QVERIFY(with_rule(advise_spec(j), "acks-on-embedded").empty());
        j = base(); // acks not set at all
        QVERIFY(with_rule(advise_spec(j), "acks-on-embedded").empty());
    }

    void max_poll_interval_against_processing() {
        json j = base();
        j["consumer"]["processing_us"] = 1000000; // 1 s per message
        j["consumer"]["max_poll_records"] = 500;  // 500 s per full poll > 300 s
        auto hits = with_rule(advise_spec(j), "max-poll-interval-vs-processing");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Warning);
        QVERIFY2(contains(hits[0].reason, "for 500,000 ms; max.poll.interval.ms is 300,000 ms"),
                 hits[0].reason.c_str());
        QVERIFY(contains(hits[0].suggestion, "at most 150"));

        j["consumer"]["max_poll_records"] = 200; // 200 s: 67% of the limit
        hits = with_rule(advise_spec(j), "max-poll-interval-vs-processing");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Info);

        j["consumer"]["max_poll_records"] = 100; // 100 s: a third
        QVERIFY(with_rule(advise_spec(j), "max-poll-interval-vs-processing").empty());
        j["consumer"]["max_poll_records"] = 500;
        j["consumer"]["properties"]["max.poll.interval.ms"] = "1200000";
        QVERIFY(with_rule(advise_spec(j), "max-poll-interval-vs-processing").empty());
        j["consumer"]["properties"].erase("max.poll.interval.ms");
        j["consumer"]["mode"] = "assign"; // no group, no eviction
        QVERIFY(with_rule(advise_spec(j), "max-poll-interval-vs-processing").empty());
    }

    void max_poll_interval_read_as_a_poll_interval() {
        json j = base();
        j["consumer"]["properties"]["max.poll.interval.ms"] = "100"; // the diary's v2
        auto hits = with_rule(advise_spec(j), "max-poll-interval-misread");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("consumer.properties.max.poll.interval.ms"));
        QVERIFY(contains(hits[0].suggestion, "consumer.poll_timeout_ms (now 100 ms)"));

        // The Python spelling: one item for the field (remove it), not also "rename it".
        j["consumer"]["properties"] = {{"max_poll_interval_ms", 50}};
        const auto all = advise_spec(j, known_to_librdkafka);
        hits = with_rule(all, "max-poll-interval-misread");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("consumer.properties.max_poll_interval_ms"));
        QVERIFY(with_rule(all, "java-property-name").empty());

        j["consumer"]["properties"] = {{"max.poll.interval.ms", "600000"}};
        QVERIFY(with_rule(advise_spec(j), "max-poll-interval-misread").empty());
    }

    void short_unkeyed_runs_stick_to_few_partitions() {
        json j = base();
        j["producer"]["keys"] = {{"mode", "none"}};
        j["producer"]["messages"] = 10000; // the diary's v3: 10,000 messages, 4 partitions
        j["topic"]["partitions"] = 4;
        j["consumer"]["threads"] = 1;
        auto hits = with_rule(advise_spec(j), "sticky-unkeyed-short-run");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("producer.keys.mode"));
        QVERIFY2(contains(hits[0].reason, "about 10 sticky period(s) for 4 partitions"),
                 hits[0].reason.c_str());
        QVERIFY(contains(hits[0].reason, "an estimate at an assumed 100,000 msgs/s"));

        j["producer"]["messages"] = 10000000;
        QVERIFY(with_rule(advise_spec(j), "sticky-unkeyed-short-run").empty());
        j["producer"]["messages"] = 10000;
        j["producer"]["target_rate"] = 1000; // 10 s: 1,000 periods
        QVERIFY(with_rule(advise_spec(j), "sticky-unkeyed-short-run").empty());
        j["producer"]["target_rate"] = 0;
        j["producer"]["properties"]["sticky.partitioning.linger.ms"] = "0"; // switched off
        QVERIFY(with_rule(advise_spec(j), "sticky-unkeyed-short-run").empty());
        j["producer"]["properties"].erase("sticky.partitioning.linger.ms");
        j["producer"]["keys"] = {{"mode", "round_robin"}};
        QVERIFY(with_rule(advise_spec(j), "sticky-unkeyed-short-run").empty());
        j["producer"]["keys"] = {{"mode", "none"}};
        j["topic"]["partitions"] = 1;
        QVERIFY(with_rule(advise_spec(j), "sticky-unkeyed-short-run").empty());

        // A duration is exact: 0.1 s is 10 periods for 6 partitions.
        j["topic"]["partitions"] = 6;
        j["producer"].erase("messages");
        j["producer"]["duration_s"] = 0.1;
        hits = with_rule(advise_spec(j), "sticky-unkeyed-short-run");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY(contains(hits[0].reason, "producing for 0.10 s"));
    }

    void java_and_python_property_names() {
        json j = base();
        j["consumer"]["properties"] = {{"max.poll.records", "5000"},
                                       {"fetch.max.wait.ms", "100"},
                                       {"receive_buffer_bytes", "104857600"},
                                       {"fetch_max_bytes", "524288000"},
                                       {"consumer_buffer_size", "1"},
                                       {"max.in.flight.requests.per.connection", "5"},
                                       {"linger.ms", "5"}};
        j["producer"]["properties"] = {{"buffer.memory", "33554432"},
                                       {"key.serializer", "StringSerializer"}};
        const auto all = advise_spec(j, known_to_librdkafka);
        const auto hits = with_rule(all, "java-property-name");
        std::map<std::string, Advice> by_field;
        for (const auto& a : hits)
            by_field[a.field] = a;
        QCOMPARE(by_field.size(), std::size_t{7});
        QCOMPARE(by_field["consumer.properties.max.poll.records"].title,
                 std::string("librdkafka has no max.poll.records"));
        QVERIFY(contains(by_field["consumer.properties.max.poll.records"].suggestion,
                         "set consumer.max_poll_records to 5000"));
        QCOMPARE(by_field["consumer.properties.fetch.max.wait.ms"].title,
                 std::string("fetch.max.wait.ms: librdkafka calls it fetch.wait.max.ms"));
        QVERIFY(contains(by_field["consumer.properties.receive_buffer_bytes"].reason,
                         "Python spelling of the Java client's receive.buffer.bytes"));
        QVERIFY(contains(by_field["consumer.properties.receive_buffer_bytes"].suggestion,
                         "socket.receive.buffer.bytes"));
        QCOMPARE(by_field["consumer.properties.fetch_max_bytes"].title,
                 std::string("fetch_max_bytes: librdkafka spells it fetch.max.bytes"));
        QCOMPARE(by_field["consumer.properties.consumer_buffer_size"].title,
                 std::string("consumer_buffer_size: librdkafka has no consumer.buffer.size"));
        QVERIFY(contains(by_field["producer.properties.buffer.memory"].suggestion,
                         "queue.buffering.max.kbytes = 33554432 / 1024"));
        QVERIFY(contains(by_field["producer.properties.key.serializer"].title,
                         "a Java client setting"));
        // Names librdkafka takes as they are get nothing (an alias, a plain name).
        QVERIFY(!by_field.count("consumer.properties.max.in.flight.requests.per.connection"));
        QVERIFY(!by_field.count("consumer.properties.linger.ms"));
        // The refusal of a name gets its item; a section-wide refusal gets all of them.
        QCOMPARE(advice_for_field(all, "consumer.properties.fetch.max.wait.ms").size(),
                 std::size_t{1});
        QCOMPARE(advice_for_field(all, "consumer.properties").size(), std::size_t{5});
        QVERIFY(advice_for_field(all, "topic.partitions").empty());
    }

    void names_are_judged_even_when_the_spec_does_not_parse() {
        json j = base();
        j["consumer"]["properties"] = {{"max_poll_records", 5000}};
        j["topic"]["partitions"] = 1;       // would be "one partition, several consumers"
        j["producer"]["message_bytes"] = 1; // invalid: below 32
        const auto all = advise_spec(j, known_to_librdkafka);
        QCOMPARE(all.size(), std::size_t{1});
        QCOMPARE(all[0].rule, std::string("java-property-name"));
        QVERIFY(contains(all[0].reason, "Python spelling of the Java client's max.poll.records"));
    }

    void the_java_table_is_shared_with_the_properties_import() {
        // One table: what the advisor explains is what import_properties does.
        const auto java = find_java_client_name("fetch.max.wait.ms", ClientRole::Consumer);
        QVERIFY(java.has_value());
        json spec = base();
        import_properties(spec, ClientRole::Consumer, {{"fetch.max.wait.ms", "250"}});
        QCOMPARE(spec["consumer"]["properties"][java->target], json("250"));
        QVERIFY(!find_java_client_name("max.poll.records", ClientRole::Producer).has_value());
        QVERIFY(!find_java_client_name("linger.ms", ClientRole::Producer).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSpecAdvisor)
#include "test_spec_advisor.moc"
