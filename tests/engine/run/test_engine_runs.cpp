// End-to-end runs on the embedded (mock) cluster: counts, verification and measurements.
#include "engine/clusters/embedded_cluster.h"
#include "support/engine_test_support.h"

#include <QtTest>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h> // after rdkafka.h, as it requires

using namespace ktw;
using namespace ktw::test;
using Overrides = std::vector<std::string>;
Q_DECLARE_METATYPE(Overrides)

class TestEngineRuns : public QObject {
    Q_OBJECT
  private slots:
    void runs_are_complete_and_measured_data() {
        QTest::addColumn<Overrides>("overrides");
        QTest::addColumn<int64_t>("messages");
        QTest::newRow("1 broker, 1 partition, 1 consumer, unkeyed, concurrent")
            << Overrides{} << int64_t{20000};
        QTest::newRow("3 brokers, 6 partitions, 3 consumers, keyed, produce then consume")
            << Overrides{"cluster.brokers=3",
                         "topic.partitions=6",
                         "topic.replication_factor=3",
                         "consumer.threads=3",
                         "producer.keys={\"mode\":\"distinct\",\"count\":100}",
                         "phases.mode=produce_then_consume"}
            << int64_t{30000};
        QTest::newRow("manual assignment, 2 consumers, 2 producers, round robin")
            << Overrides{"topic.partitions=4", "consumer.threads=2", "consumer.mode=assign",
                         "producer.threads=2", "producer.keys={\"mode\":\"round_robin\"}"}
            << int64_t{20000};
        QTest::newRow("3 partitions, 1 consumer, sync commits, small polls")
            << Overrides{"topic.partitions=3", "consumer.commit=sync",
                         "consumer.max_poll_records=50"}
            << int64_t{10000};
        QTest::newRow("idempotent producer, lz4, 1 KiB half-random payloads, async commits")
            << Overrides{"producer.properties.enable.idempotence=true",
                         "producer.properties.compression.codec=lz4", "producer.message_bytes=1024",
                         "producer.random_fraction=0.5", "consumer.commit=async"}
            << int64_t{4000};
        QTest::newRow("3 brokers, keyed, 2 consumers with processing time, warm-up")
            << Overrides{"cluster.brokers=3",
                         "topic.partitions=4",
                         "consumer.threads=2",
                         "producer.keys={\"mode\":\"distinct\",\"count\":7}",
                         "consumer.processing_us=20",
                         "producer.target_rate=10000",
                         "phases.warmup_s=0.5"}
            << int64_t{15000};
    }

    void runs_are_complete_and_measured() {
        QFETCH(Overrides, overrides);
        QFETCH(int64_t, messages);
        CancelToken cancel;
        const RunRecord r =
            execute_run(request_for(base_spec(messages), overrides), nullptr, cancel);
        const auto& s = r.summary;
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QCOMPARE(r.status, RunStatus::Completed);
        QCOMPARE(s.produced, static_cast<uint64_t>(messages));
        QCOMPARE(s.consumed, static_cast<uint64_t>(messages));
        QCOMPARE(s.audit.acknowledged, static_cast<uint64_t>(messages));
        QCOMPARE(s.audit.consumed_unique, static_cast<uint64_t>(messages));
        QCOMPARE(s.audit.lost + s.audit.duplicates + s.audit.out_of_order + s.audit.foreign,
                 uint64_t{0});
        const bool keyed = r.effective_spec["producer"]["keys"]["mode"] == "distinct";
        QCOMPARE(s.audit.key_order_checked, keyed);

        // Throughput over the measured window, and latency for every measured message.
        QVERIFY(s.producer.seconds > 0 && s.producer.msgs_per_s > 0);
        QVERIFY(s.consumer.seconds > 0 && s.consumer.msgs_per_s > 0);
        QCOMPARE(s.ack_us.count, s.producer.messages);
        QCOMPARE(s.e2e_us.count, s.consumer.messages);
        QVERIFY(s.ack_us.p50_us <= s.ack_us.p99_us && s.ack_us.p99_us <= s.ack_us.max_us);
        QVERIFY(s.e2e_us.p50_us > 0);
        if (r.effective_spec["phases"]["warmup_s"].get<double>() == 0) {
            QCOMPARE(s.producer.messages, s.produced);
            QCOMPARE(s.consumer.messages, s.consumed);
        } else {
            QVERIFY(s.producer.messages < s.produced); // warm-up excluded
        }

        // The measured breakdown: polls counted by the workers, fetches from statistics.
        uint64_t per_consumer = 0;
        for (const auto& c : s.consumers) {
            per_consumer += c.messages;
            QVERIFY(c.nonempty_polls <= c.polls);
        }
        QCOMPARE(per_consumer, s.consumed);
        QVERIFY(s.nonempty_polls > 0);
        QVERIFY(s.fetches > 0);
        QCOMPARE(s.messages_per_poll,
                 static_cast<double>(s.consumed) / static_cast<double>(s.nonempty_polls));
        QVERIFY(s.messages_per_poll <=
                r.effective_spec["consumer"]["max_poll_records"].get<double>());
        QVERIFY(s.mean_poll_interval_ms > 0);

        // Produce, then consume: the paused fetchers' wake-up after the resume is reported on
        // its own and each consumer's window starts at its first message, inside the total.
        if (r.effective_spec["phases"]["mode"] == "produce_then_consume") {
            QVERIFY2(s.consume_start_delay_ms > 0, "the wait for the first message is measured");
            for (const auto& c : s.consumers)
                QVERIFY(c.seconds <= s.consumer.seconds + 1e-6);
        } else {
            QCOMPARE(s.consume_start_delay_ms, 0.0);
        }

        // The record carries the time series, statistics and the effective configuration.
        QVERIFY(r.intervals.size() >= 2);
        uint64_t interval_sum = 0;
        for (const auto& p : r.intervals)
            interval_sum += p.produced;
        QCOMPARE(interval_sum, s.produced);
        QVERIFY(!r.statistics.empty());
        QVERIFY(r.client_config.at("producer").count("linger.ms"));
        QVERIFY(r.client_config.at("consumer").count("fetch.wait.max.ms"));
        QVERIFY(!r.environment.cluster_notes.empty());
        uint64_t partition_bytes = 0;
        for (const auto& [p, b] : s.bytes_per_partition)
            partition_bytes += b;
        QVERIFY(partition_bytes >= s.produced * 100);
    }

    void consuming_starts_promptly_after_producing_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("group") << "group";
        QTest::newRow("manual assignment") << "assign";
    }

    // Produce, then consume, with long waits a consumer might sit in when the phase begins:
    // a 1 s poll timeout and a 1 s fetch.wait.max.ms (which the embedded cluster waits out on
    // an empty fetch). The first message must not wait for them (it did: 0.4-1 s with the
    // diary's 0.5 s and 1 s; now tens of ms). The bound leaves a wide margin for a busy machine.
    void consuming_starts_promptly_after_producing() {
        QFETCH(QString, mode);
        auto spec = base_spec(5000);
        spec["phases"]["mode"] = "produce_then_consume";
        spec["consumer"]["mode"] = mode.toStdString();
        spec["consumer"]["poll_timeout_ms"] = 1000;
        spec["consumer"]["properties"]["fetch.wait.max.ms"] = 1000;
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(spec), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        const double delay = r.summary.consume_start_delay_ms;
        QVERIFY2(delay > 0 && delay < 500, std::to_string(delay).c_str());
    }

    void rate_limited_duration_run_measures_send_delay() {
        CancelToken cancel;
        auto spec = base_spec(0);
        spec["producer"].erase("messages");
        const RunRecord r =
            execute_run(request_for(spec, {"producer.duration_s=2", "producer.target_rate=4000"}),
                        nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        // 2 s at 4,000 msgs/s on an absolute schedule: exactly 8,000 intended send times, and
        // never faster than the target (the window runs from the start to the last ack).
        QCOMPARE(r.summary.produced, uint64_t{8000});
        QCOMPARE(r.summary.send_delay_us.count, r.summary.produced);
        QVERIFY2(r.summary.producer.msgs_per_s <= 4000 * 1.01 &&
                     r.summary.producer.msgs_per_s > 3000,
                 qPrintable(QString::number(r.summary.producer.msgs_per_s)));
    }

    void producer_only_run_checks_delivery_reports() {
        CancelToken cancel;
        const RunRecord r =
            execute_run(request_for(base_spec(5000), {"consumer.threads=0"}), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QCOMPARE(r.summary.produced, uint64_t{5000});
        QCOMPARE(r.summary.consumed, uint64_t{0});
        QVERIFY(r.summary.consumers.empty());
        QCOMPARE(r.summary.audit.acknowledged, uint64_t{5000});
        QCOMPARE(r.summary.audit.lost, uint64_t{0});
    }

    void producer_only_run_beyond_retention_stays_valid() {
        // Nothing reads the data back, so the embedded cluster's 5 MiB retention loses nothing.
        CancelToken cancel;
        const RunRecord r =
            execute_run(request_for(base_spec(80000), {"consumer.threads=0"}), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QVERIFY(r.summary.bytes_per_partition.at(0) > 5 * 1048576);
    }

    // The spec's faults reach the cluster at their time: a mock broker leading partitions
    // goes down and comes back; the idempotent acks=all run still loses nothing.
    void faults_take_a_broker_down_and_up_again() {
        auto spec = base_spec(20000);
        spec["cluster"]["brokers"] = 3;
        spec["topic"]["partitions"] = 3;
        spec["topic"]["replication_factor"] = 3;
        spec["faults"] = nlohmann::json::parse(
            R"([{"at_s": 0.5, "broker": 2, "action": "kill"},
                {"at_s": 1.5, "broker": 2, "action": "start"}])");
        CancelToken cancel;
        const RunRecord r = execute_run(
            request_for(spec, {"producer.target_rate=10000", "producer.properties.acks=all",
                               "producer.properties.enable.idempotence=true"}),
            nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QCOMPARE(r.summary.audit.lost, uint64_t{0});
        int faults_done = 0;
        for (const auto& e : r.log)
            faults_done += e.source == "fault" && e.level == LogLevel::Info ? 1 : 0;
        QCOMPARE(faults_done, 2);
    }

    void external_cluster_reuses_a_topic_and_ignores_older_messages() {
        // A mock cluster stands in for the user's cluster: the run reaches it only through
        // bootstrap.servers, as it would a real one.
        EmbeddedCluster cluster(1, 0);
        QCOMPARE(rd_kafka_mock_topic_create(cluster.mock(), "existing", 2, 1),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
        {
            char err[512];
            rd_kafka_conf_t* conf = rd_kafka_conf_new();
            rd_kafka_conf_set(conf, "bootstrap.servers", cluster.bootstrap_servers().c_str(), err,
                              sizeof err);
            KafkaHandle p(rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err));
            QVERIFY(p);
            for (int i = 0; i < 300; ++i)
                rd_kafka_producev(p.get(), RD_KAFKA_V_TOPIC("existing"),
                                  RD_KAFKA_V_VALUE((void*)"older data", 10),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            QCOMPARE(rd_kafka_flush(p.get(), 10000), RD_KAFKA_RESP_ERR_NO_ERROR);
        }
        auto spec = base_spec(3000);
        use_as_external(spec, cluster.bootstrap_servers());
        spec["topic"] = {{"name", "existing"}, {"mode", "reuse"}, {"partitions", 1}};
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(spec, {"consumer.threads=2"}), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QCOMPARE(r.environment.cluster_kind, std::string("external"));
        QCOMPARE(r.summary.consumed, uint64_t{3000});
        QCOMPARE(r.summary.audit.foreign, uint64_t{0}); // started after the older messages
        bool warned_partitions = false;                 // the topic has 2, the spec said 1
        for (const auto& e : r.log)
            warned_partitions =
                warned_partitions || e.message.find("has 2 partitions") != std::string::npos;
        QVERIFY(warned_partitions);
    }
};

QTEST_GUILESS_MAIN(TestEngineRuns)
#include "test_engine_runs.moc"
