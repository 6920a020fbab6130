// Kafka .properties files in and out of a spec, and the shipped presets.
#include "core/spec/client_presets.h"
#include "core/spec/experiment_spec.h"
#include "core/spec/properties_file.h"

#include <QtTest>

using namespace ktw;

class TestPropertiesFile : public QObject {
    Q_OBJECT
  private slots:
    void parses_java_properties_syntax() {
        const auto entries = parse_properties_text("# comment\n! also\n\n"
                                                   "linger.ms=20\n"
                                                   "  acks : all\n"
                                                   "compression.type lz4\n"
                                                   "sasl.jaas.config=a \\\n    b\n"
                                                   "key\\=with\\:sep=v\r\n"
                                                   "empty=\n");
        QCOMPARE(entries.size(), std::size_t{6});
        QCOMPARE(entries[0], (std::pair<std::string, std::string>{"linger.ms", "20"}));
        QCOMPARE(entries[1], (std::pair<std::string, std::string>{"acks", "all"}));
        QCOMPARE(entries[2], (std::pair<std::string, std::string>{"compression.type", "lz4"}));
        QCOMPARE(entries[3], (std::pair<std::string, std::string>{"sasl.jaas.config", "a b"}));
        QCOMPARE(entries[4], (std::pair<std::string, std::string>{"key=with:sep", "v"}));
        QCOMPARE(entries[5], (std::pair<std::string, std::string>{"empty", ""}));
    }

    void java_names_are_mapped_and_explained() {
        nlohmann::json spec = {
            {"name", "x"}, {"topic", {{"name", "t"}}}, {"producer", {{"messages", 10}}}};
        const auto result = import_properties(
            spec, ClientRole::Consumer,
            {{"fetch.max.wait.ms", "250"},
             {"max.poll.records", "100"},
             {"group.id", "g1"},
             {"enable.auto.commit", "false"},
             {"key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"},
             {"bootstrap.servers", "broker:9092"},
             {"fetch.min.bytes", "1024"}});
        QCOMPARE(spec["consumer"]["properties"]["fetch.wait.max.ms"], nlohmann::json("250"));
        QCOMPARE(spec["consumer"]["max_poll_records"], nlohmann::json(100));
        QCOMPARE(spec["consumer"]["group_id"], nlohmann::json("g1"));
        QCOMPARE(spec["consumer"]["commit"], nlohmann::json("sync"));
        QCOMPARE(spec["consumer"]["properties"]["fetch.min.bytes"], nlohmann::json("1024"));
        QVERIFY(!spec["consumer"]["properties"].contains("key.deserializer"));
        QVERIFY(!spec.contains("cluster")); // embedded cluster: bootstrap skipped, with a note
        QCOMPARE(result.applied, 5);
        QCOMPARE(result.notes.size(), std::size_t{6});
        // What was imported is a valid spec.
        const auto parsed = parse_experiment_spec(spec);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.errors[0].to_string().c_str());

        nlohmann::json producer = {{"cluster", {{"kind", "external"}}}};
        import_properties(producer, ClientRole::Producer,
                          {{"buffer.memory", "67108864"}, {"bootstrap.servers", "b:9092"}});
        QCOMPARE(producer["producer"]["properties"]["queue.buffering.max.kbytes"],
                 nlohmann::json("65536"));
        QCOMPARE(producer["cluster"]["bootstrap_servers"], nlohmann::json("b:9092"));
    }

    void export_writes_what_import_reads() {
        nlohmann::json spec = {
            {"name", "exp"},
            {"cluster", {{"properties", {{"security.protocol", "plaintext"}}}}},
            {"producer", {{"properties", {{"linger.ms", 20}, {"acks", "all"}}}}}};
        const std::string text = export_properties(spec, ClientRole::Producer);
        QVERIFY(text.starts_with("# producer properties of experiment 'exp'"));
        const auto entries = parse_properties_text(text);
        QCOMPARE(entries.size(), std::size_t{3});
        nlohmann::json back = nlohmann::json::object();
        import_properties(back, ClientRole::Producer, entries);
        QCOMPARE(back["producer"]["properties"]["linger.ms"], nlohmann::json("20"));
        QCOMPARE(back["producer"]["properties"]["acks"], nlohmann::json("all"));
    }

    void presets_are_valid_specs() {
        QCOMPARE(client_presets().size(), std::size_t{3});
        for (const auto& p : client_presets()) {
            nlohmann::json spec = {
                {"name", "preset"}, {"topic", {{"name", "t"}}}, {"producer", {{"messages", 10}}}};
            for (const auto& [k, v] : p.producer)
                spec["producer"]["properties"][k] = v;
            for (const auto& [k, v] : p.consumer)
                spec["consumer"]["properties"][k] = v;
            const auto parsed = parse_experiment_spec(spec);
            QVERIFY2(parsed.ok(), p.name.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestPropertiesFile)
#include "test_properties_file.moc"
