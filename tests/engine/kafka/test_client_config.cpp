// Client properties are checked by librdkafka itself; messages name the spec field.
#include "engine/kafka/client_config.h"

#include <QtTest>

using namespace ktw;

namespace {

ExperimentSpec spec_with(PropertyMap producer, PropertyMap consumer = {}) {
    ExperimentSpec s;
    s.producer.properties = std::move(producer);
    s.consumer.properties = std::move(consumer);
    return s;
}

} // namespace

class TestClientConfig : public QObject {
    Q_OBJECT
  private slots:
    void good_properties_pass() {
        const auto errors = validate_client_properties(
            spec_with({{"linger.ms", "20"}, {"compression.codec", "lz4"}, {"acks", "all"}},
                      {{"fetch.min.bytes", "1024"}, {"fetch.wait.max.ms", "100"}}));
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().to_string().c_str());
    }

    void unknown_key_names_the_field_with_librdkafkas_message() {
        // The diary's typo: receive.buffer.bytes for socket.receive.buffer.bytes.
        const auto errors =
            validate_client_properties(spec_with({}, {{"receive.buffer.bytes", "100000000"}}));
        QCOMPARE(errors.size(), std::size_t{1});
        QCOMPARE(errors[0].path, std::string("consumer.properties.receive.buffer.bytes"));
        QVERIFY2(errors[0].message.find("No such configuration property") != std::string::npos,
                 errors[0].message.c_str());
    }

    void bad_value_is_rejected_with_the_allowed_range() {
        const auto errors = validate_client_properties(spec_with({{"linger.ms", "-5"}}));
        QCOMPARE(errors.size(), std::size_t{1});
        QCOMPARE(errors[0].path, std::string("producer.properties.linger.ms"));
        QVERIFY2(errors[0].message.find("range") != std::string::npos, errors[0].message.c_str());
        const auto codec = validate_client_properties(spec_with({{"compression.codec", "brotli"}}));
        QCOMPARE(codec.size(), std::size_t{1});
        QVERIFY2(codec[0].message.find("Invalid value \"brotli\"") != std::string::npos,
                 codec[0].message.c_str());
    }

    void conflicting_combination_is_caught() {
        const auto errors =
            validate_client_properties(spec_with({{"enable.idempotence", "true"}, {"acks", "1"}}));
        QCOMPARE(errors.size(), std::size_t{1});
        QCOMPARE(errors[0].path, std::string("producer.properties"));
        QVERIFY2(errors[0].message.find("acks") != std::string::npos, errors[0].message.c_str());
    }

    void effective_config_has_defaults_and_redacts_secrets() {
        std::vector<SpecError> errors;
        const PropertyMap props = {
            {"sasl.password", "hunter2"}, {"ssl.key.password", "secret"}, {"linger.ms", "7"}};
        KafkaConf conf = build_conf({{"producer.properties", &props}}, errors);
        QVERIFY(errors.empty());
        const auto effective = effective_config(conf.get());
        QCOMPARE(effective.at("linger.ms"), std::string("7"));
        QCOMPARE(effective.at("batch.num.messages"), std::string("10000")); // librdkafka default
        QCOMPARE(effective.at("acks"), std::string("-1")); // topic-level, shown by its common name
        QVERIFY(!effective.count("queue.buffering.max.ms")); // shown as linger.ms
        QVERIFY(!effective.count("default_topic_conf"));     // a pointer, not a setting
        QCOMPARE(effective.at("sasl.password"), std::string("[redacted]"));
        QCOMPARE(effective.at("ssl.key.password"), std::string("[redacted]"));
        for (const auto& [key, value] : effective)
            QVERIFY2(value.find("hunter2") == std::string::npos, key.c_str());
    }

    void version_is_reported() { QVERIFY(librdkafka_version().rfind("2.", 0) == 0); }
};

QTEST_GUILESS_MAIN(TestClientConfig)
#include "test_client_config.moc"
