// Spec parsing, defaults, every validation rule, and --set overrides.
#include "core/spec/experiment_spec.h"
#include "core/spec/spec_overrides.h"

#include <QtTest>
#include <filesystem>
#include <fstream>

using nlohmann::json;
using namespace ktw;

namespace {

json minimal_spec() {
    return json::parse(R"({"name":"t","topic":{"name":"t1"},"producer":{"messages":1000}})");
}

// The first error's "path: message", or "" when the spec is accepted.
std::string first_error(const json& j) {
    const auto r = parse_experiment_spec(j);
    return r.errors.empty() ? "" : r.errors.front().to_string();
}

} // namespace

class TestExperimentSpec : public QObject {
    Q_OBJECT
  private slots:
    void every_experiment_parses() {
        int count = 0;
        for (const auto& entry :
             std::filesystem::recursive_directory_iterator(KTW_SOURCE_DIR "/experiments")) {
            if (entry.path().extension() != ".json")
                continue;
            std::ifstream in(entry.path());
            // the sweep section is kept here; its points are checked in test_shipped_experiments
            const auto r = parse_experiment_spec(json::parse(in));
            QVERIFY2(r.ok(), (entry.path().filename().string() + ": " +
                              (r.ok() ? "" : r.errors.front().to_string()))
                                 .c_str());
            ++count;
        }
        QVERIFY(count >= 3);
    }

    void transactions_parse_serialise_and_their_rules() {
        auto j = minimal_spec();
        j["producer"]["transactions"] = {{"messages_per_transaction", 500}};
        auto r = parse_experiment_spec(j);
        QVERIFY(r.ok());
        QVERIFY(r.spec.producer.transactions.enabled);
        QCOMPARE(r.spec.producer.transactions.messages_per_transaction, int64_t{500});
        QCOMPARE(r.spec.producer.transactions.timeout_ms, 30000);
        const auto back = parse_experiment_spec(experiment_spec_to_json(r.spec));
        QVERIFY(back.ok());
        QCOMPARE(back.spec.producer.transactions.messages_per_transaction, int64_t{500});
        QVERIFY(!experiment_spec_to_json(parse_experiment_spec(minimal_spec()).spec)["producer"]
                     .contains("transactions"));

        auto error_with = [&](const std::string& assignment) {
            auto k = j;
            if (const auto err = apply_spec_override(k, assignment))
                return *err;
            return first_error(k);
        };
        QVERIFY(error_with("producer.transactions.messages_per_transaction=0")
                    .starts_with("producer.transactions.messages_per_transaction: and "
                                 "producer.transactions.interval_ms are both 0"));
        QVERIFY(error_with("producer.properties.enable.idempotence=false")
                    .starts_with("producer.properties.enable.idempotence: is false, but "
                                 "producer.transactions needs an idempotent producer"));
        QVERIFY(error_with("producer.properties.acks=1")
                    .starts_with("producer.properties.acks: is 1, but producer.transactions "
                                 "needs acks=all"));
        QVERIFY(error_with("consumer.properties.isolation.level=read_uncommitted")
                    .starts_with("consumer.properties.isolation.level: is read_uncommitted, "
                                 "but with producer.transactions consumers must read committed"));
        QVERIFY(error_with("producer.properties.transactional.id=\"x\"")
                    .starts_with("producer.properties.transactional.id: is set by the "
                                 "workbench; use producer.transactions"));
        QVERIFY(error_with("producer.transactions.flush=1")
                    .starts_with("producer.transactions.flush: unknown field"));
    }

    void faults_parse_and_serialise() {
        json j = minimal_spec();
        j["cluster"] = {{"kind", "local"}, {"brokers", 3}};
        j["faults"] = json::parse(
            R"([{"at_s": 2, "broker": 3, "action": "stop"}, {"at_s": 4.5, "broker": 3, "action": "kill"}])");
        const auto r = parse_experiment_spec(j);
        QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().to_string().c_str());
        QCOMPARE(r.spec.faults.size(), std::size_t{2});
        QCOMPARE(r.spec.faults[1].action, FaultAction::Kill);
        QCOMPARE(r.spec.faults[1].at_s, 4.5);
        const json out = experiment_spec_to_json(r.spec);
        QCOMPARE(out["faults"][0]["action"].get<std::string>(), std::string("stop"));
        QVERIFY(!experiment_spec_to_json(parse_experiment_spec(minimal_spec()).spec)
                     .contains("faults"));
        j["cluster"] = {{"kind", "external"}, {"bootstrap_servers", "h:1"}};
        const auto external = parse_experiment_spec(j);
        QVERIFY(!external.ok());
        QCOMPARE(external.errors.front().path, std::string("faults"));
    }

    void quickstart_parses() {
        std::ifstream in(KTW_SOURCE_DIR "/experiments/quickstart.json");
        QVERIFY(in.good());
        const auto r = parse_experiment_spec(json::parse(in));
        QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().to_string().c_str());
        QCOMPARE(r.spec.producer.threads, 2);
        QCOMPARE(r.spec.producer.key_mode, KeyMode::Distinct);
        QCOMPARE(r.spec.producer.key_count, 1000);
        QCOMPARE(r.spec.producer.properties.at("linger.ms"), std::string("5")); // number -> string
        QCOMPARE(r.spec.consumer.threads, 2);
        QVERIFY(r.spec.topic.auto_unique);
    }

    void defaults_are_filled_in() {
        const auto r = parse_experiment_spec(minimal_spec());
        QVERIFY(r.ok());
        const auto& s = r.spec;
        QCOMPARE(s.cluster.kind, ClusterKind::Embedded);
        QCOMPARE(s.cluster.brokers, 1);
        QCOMPARE(s.topic.partitions, 1);
        QCOMPARE(s.topic.mode, TopicMode::Create);
        QCOMPARE(s.producer.threads, 1);
        QCOMPARE(s.producer.message_bytes, 100);
        QCOMPARE(s.producer.random_fraction, 1.0);
        QCOMPARE(s.consumer.threads, 1);
        QCOMPARE(s.consumer.mode, ConsumerMode::Group);
        QCOMPARE(s.consumer.commit, CommitMode::Auto);
        QCOMPARE(s.consumer.max_poll_records, 500);
        QCOMPARE(s.phases.mode, PhaseMode::Concurrent);
        QCOMPARE(s.phases.timeout_s, 120.0);
        QVERIFY(s.measurement.enabled);
    }

    void serialised_spec_parses_back_identically() {
        json j = minimal_spec();
        j["producer"]["keys"] = {{"mode", "distinct"}, {"count", 50}};
        j["consumer"]["properties"] = {{"fetch.min.bytes", 1024}};
        const auto first = parse_experiment_spec(j);
        QVERIFY(first.ok());
        const json out = experiment_spec_to_json(first.spec);
        const auto second = parse_experiment_spec(out);
        QVERIFY2(second.ok(), second.ok() ? "" : second.errors.front().to_string().c_str());
        QCOMPARE(experiment_spec_to_json(second.spec), out);
    }

    void local_cluster_spec_parses_back_identically() {
        json j = minimal_spec();
        j["cluster"] = {{"kind", "local"}, {"brokers", 3}, {"port", 29092}};
        j["topic"]["replication_factor"] = 3;
        const auto first = parse_experiment_spec(j);
        QVERIFY2(first.ok(), first.ok() ? "" : first.errors.front().to_string().c_str());
        QCOMPARE(first.spec.cluster.kind, ClusterKind::Local);
        const json out = experiment_spec_to_json(first.spec);
        QCOMPARE(out["cluster"]["port"].get<int>(), 29092);
        const auto second = parse_experiment_spec(out);
        QVERIFY(second.ok());
        QCOMPARE(experiment_spec_to_json(second.spec), out);
    }

    void validation_names_field_and_rule_data() {
        QTest::addColumn<QString>("override"); // applied with apply_spec_override
        QTest::addColumn<QString>("expected"); // start of the first error
        QTest::newRow("unknown top-level field") << "colour=\"red\""
                                                 << "colour: unknown field";
        QTest::newRow("unknown nested field") << "producer.lingerms=5"
                                              << "producer.lingerms: unknown field";
        QTest::newRow("wrong type") << "producer.threads=\"two\""
                                    << "producer.threads: must be a whole number from 0 to 64";
        QTest::newRow("fraction") << "producer.threads=1.5"
                                  << "producer.threads: must be a whole number";
        QTest::newRow("out of range") << "topic.partitions=0"
                                      << "topic.partitions: is 0; allowed: 1 to 10000";
        QTest::newRow("message too small") << "producer.message_bytes=8"
                                           << "producer.message_bytes: is 8; allowed: 32 to";
        QTest::newRow("random fraction") << "producer.random_fraction=1.5"
                                         << "producer.random_fraction: is 1.5; allowed: 0 to 1";
        QTest::newRow("bad enum")
            << "cluster.kind=\"docker\""
            << "cluster.kind: is \"docker\"; allowed: embedded, external, local";
        QTest::newRow("bad phase mode")
            << "phases.mode=\"sequential\""
            << "phases.mode: is \"sequential\"; allowed: concurrent, produce_then_consume";
        QTest::newRow("bad topic name") << "topic.name=\"a b\""
                                        << "topic.name: \"a b\" is not a valid topic name";
        QTest::newRow("replication above brokers")
            << "topic.replication_factor=3"
            << "topic.replication_factor: is 3 but the embedded cluster has 1 broker(s)";
        QTest::newRow("both count and duration")
            << "producer.duration_s=5"
            << "producer.messages: and producer.duration_s are both set";
        QTest::newRow("neither count nor duration")
            << "producer.messages=0"
            << "producer.messages: or producer.duration_s is required";
        QTest::newRow("distinct keys need count") << "producer.keys={\"mode\":\"distinct\"}"
                                                  << "producer.keys.count: is required";
        QTest::newRow("count without distinct") << "producer.keys={\"mode\":\"none\",\"count\":5}"
                                                << "producer.keys.count: only applies";
        QTest::newRow("round robin on one partition")
            << "producer.keys={\"mode\":\"round_robin\"}"
            << "producer.keys.mode: \"round_robin\" spreads messages over partitions; the topic "
               "has 1";
        QTest::newRow("reserved group.id")
            << "consumer.properties.group.id=g"
            << "consumer.properties.group.id: is set by the workbench; use consumer.group_id";
        QTest::newRow("reserved auto commit")
            << "consumer.properties.enable.auto.commit=false"
            << "consumer.properties.enable.auto.commit: is set by the workbench";
        QTest::newRow("reserved bootstrap")
            << "producer.properties.bootstrap.servers=x:1"
            << "producer.properties.bootstrap.servers: is set by the workbench";
        QTest::newRow("property value object")
            << "producer.properties.acks={\"a\":1}"
            << "producer.properties.acks: must be a string, number or true/false";
        QTest::newRow("external needs bootstrap")
            << "cluster.kind=\"external\""
            << "cluster.bootstrap_servers: is required for an external cluster";
        QTest::newRow("embedded has no bootstrap")
            << "cluster.bootstrap_servers=\"h:9092\""
            << "cluster.bootstrap_servers: is only for an external cluster";
        QTest::newRow("local cluster of 1 or 3 brokers")
            << "cluster={\"kind\":\"local\",\"brokers\":2}"
            << "cluster.brokers: is 2; allowed for a local cluster: 1, 3";
        QTest::newRow("local cluster without round-trip delay")
            << "cluster={\"kind\":\"local\",\"broker_rtt_ms\":5}"
            << "cluster.broker_rtt_ms: is only for the embedded cluster";
        QTest::newRow("local cluster has no bootstrap")
            << "cluster={\"kind\":\"local\",\"bootstrap_servers\":\"h:9092\"}"
            << "cluster.bootstrap_servers: is only for an external cluster; the local one";
        QTest::newRow("port only for a local cluster")
            << "cluster.port=29092"
            << "cluster.port: is only for a local cluster";
        QTest::newRow("local cluster of 3 on another port")
            << "cluster={\"kind\":\"local\",\"brokers\":3,\"port\":29092}"
            << "";
        QTest::newRow("faults must be an array") << "faults={\"at_s\":1}"
                                                 << "faults: must be an array";
        QTest::newRow("fault on a broker the cluster lacks")
            << "faults=[{\"at_s\":1,\"broker\":2,\"action\":\"kill\"}]"
            << "faults[0].broker: is 2 but the cluster has 1 broker(s)";
        QTest::newRow("fault action")
            << "faults=[{\"at_s\":1,\"broker\":1,\"action\":\"reboot\"}]"
            << "faults[0].action: is \"reboot\"; allowed: stop, resume, kill, start";
        QTest::newRow("fault needs its time") << "faults=[{\"broker\":1,\"action\":\"kill\"}]"
                                              << "faults[0].at_s: is required";
        QTest::newRow("nothing to run") << "producer.threads=0"
                                        << "producer.threads: is 0 but consumers need";
        QTest::newRow("section not an object") << "phases=3"
                                               << "phases: must be an object";
        QTest::newRow("reuse with auto unique")
            << "topic={\"name\":\"x\",\"auto_unique\":true,\"mode\":\"reuse\"}"
            << "topic.mode: \"reuse\" needs a fixed topic name";
        QTest::newRow("fewer messages than threads") << "producer.threads=4"
                                                     << ""; // 1000 >= 4: fine
        QTest::newRow("timeout too small") << "phases.timeout_s=0"
                                           << "phases.timeout_s: is 0; allowed: 1 to";
    }

    void validation_names_field_and_rule() {
        QFETCH(QString, override);
        QFETCH(QString, expected);
        json j = minimal_spec();
        const auto err = apply_spec_override(j, override.toStdString());
        QVERIFY2(!err, err ? err->c_str() : "");
        const std::string got = first_error(j);
        if (expected.isEmpty())
            QVERIFY2(got.empty(), got.c_str());
        else
            QVERIFY2(got.rfind(expected.toStdString(), 0) == 0,
                     qPrintable(QString("got \"%1\"").arg(QString::fromStdString(got))));
    }

    void every_error_is_reported_not_just_the_first() {
        json j = minimal_spec();
        j["producer"]["threads"] = -1;
        j["consumer"]["commit"] = "never";
        j["bogus"] = true;
        const auto r = parse_experiment_spec(j);
        QCOMPARE(r.errors.size(), std::size_t{3});
    }

    void non_object_spec_is_rejected() {
        QCOMPARE(first_error(json::array()),
                 std::string("an experiment spec must be a JSON object"));
    }

    void overrides_set_nested_fields_and_dotted_property_keys() {
        json j = minimal_spec();
        QVERIFY(!apply_spec_override(j, "producer.properties.linger.ms=20"));
        QVERIFY(!apply_spec_override(j, "producer.properties.compression.codec=lz4"));
        QVERIFY(!apply_spec_override(j, "topic.partitions=6"));
        QVERIFY(!apply_spec_override(j, "phases.mode=produce_then_consume"));
        QCOMPARE(j["producer"]["properties"]["linger.ms"], json(20));
        QCOMPARE(j["producer"]["properties"]["compression.codec"], json("lz4"));
        QCOMPARE(j["topic"]["partitions"], json(6));
        const auto r = parse_experiment_spec(j);
        QVERIFY(r.ok());
        QCOMPARE(r.spec.phases.mode, PhaseMode::ProduceThenConsume);
        QCOMPARE(r.spec.producer.properties.at("compression.codec"), std::string("lz4"));
    }

    void malformed_overrides_are_refused() {
        json j = minimal_spec();
        QVERIFY(apply_spec_override(j, "no-equals-sign"));
        QVERIFY(apply_spec_override(j, "=5"));
        QVERIFY(apply_spec_override(j, "producer..threads=2"));
        QVERIFY(apply_spec_override(j, "producer.properties=5"));
        QVERIFY(apply_spec_override(j, "topic.name.x=5")); // topic.name is a string
    }
};

QTEST_GUILESS_MAIN(TestExperimentSpec)
#include "test_experiment_spec.moc"
