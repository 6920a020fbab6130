// Integration: runs against real Apache Kafka brokers (cluster kind "local"), started once
// for this executable. Built twice: KTW_IT_BROKERS=1 and =3 (see tests/CMakeLists.txt).
// Every run must be valid, and the count it says was produced must equal the topic's end
// offsets, read independently.
#include "engine/clusters/local_kafka.h"
#include "engine/kafka/kafka_handles.h"
#include "support/engine_test_support.h"
#include "truth/ack_observer.h"

#include <QtTest>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <future>
#include <thread>

using namespace ktw;
using namespace ktw::test;
using Overrides = std::vector<std::string>;
Q_DECLARE_METATYPE(Overrides)

namespace {

// Sum over partitions of the end offsets, through a client of our own.
int64_t end_offsets(const std::string& bootstrap, const std::string& topic, int partitions) {
    KafkaConf conf(rd_kafka_conf_new());
    char err[512];
    rd_kafka_conf_set(conf.get(), "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf.get(), "group.id", "ktw-integration-offsets", err, sizeof err);
    KafkaHandle rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk)
        qFatal("consumer: %s", err);
    conf.release();
    int64_t sum = 0;
    for (int p = 0; p < partitions; ++p) {
        int64_t low = 0, high = 0;
        const auto e =
            rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high, 10000);
        if (e)
            qFatal("watermarks of %s [%d]: %s", topic.c_str(), p, rd_kafka_err2str(e));
        sum += high;
    }
    rd_kafka_consumer_close(rk.get());
    return sum;
}

// Notes when the producers were released, so a fault can be timed from there.
class ProducingObserver : public RunObserver {
  public:
    std::atomic<bool> producing{false};
    void on_phase(RunPhase phase) override {
        if (phase == RunPhase::Producing)
            producing = true;
    }
    void on_snapshot(const LiveSnapshot&) override {}
    void on_log(const LogEntry&) override {}
};

} // namespace

class TestIntegrationKafka : public QObject {
    Q_OBJECT

    std::unique_ptr<LocalKafka> kafka_;
    CancelToken cancel_;

    nlohmann::json spec() const {
        auto j = nlohmann::json::parse(R"({
            "name": "integration",
            "cluster": {"kind": "local"},
            "topic": {"name": "it", "auto_unique": true, "partitions": 3},
            "producer": {"threads": 2, "messages": 3000, "message_bytes": 200,
                         "random_fraction": 0.5},
            "consumer": {"threads": 2, "properties": {"fetch.wait.max.ms": 100}},
            "phases": {"timeout_s": 90, "idle_timeout_s": 20},
            "measurement": {"statistics_interval_ms": 500}
        })");
        j["cluster"]["brokers"] = KTW_IT_BROKERS;
        j["cluster"]["port"] = KTW_IT_PORT;
        j["topic"]["replication_factor"] = KTW_IT_BROKERS;
        if (KTW_IT_BROKERS == 3)
            j["topic"]["configs"] = {{"min.insync.replicas", "2"}, {"retention.ms", "3600000"}};
        return j;
    }

  private slots:
    void initTestCase() {
        try {
            LocalKafka::java();
            LocalKafka::kafka_libs();
        } catch (const std::exception& e) {
            if (std::getenv("KTW_REQUIRE_INTEGRATION"))
                QFAIL(e.what());
            QSKIP(e.what());
        }
        LocalKafkaOptions options;
        options.brokers = KTW_IT_BROKERS;
        options.port = KTW_IT_PORT;
        kafka_ = LocalKafka::start(options, std::chrono::seconds(180), {});
        QVERIFY(kafka_->started_here()); // a leftover cluster on the test's ports is suspicious
    }

    void cleanupTestCase() { kafka_.reset(); }

    void runs_are_valid_and_match_end_offsets_data() {
        QTest::addColumn<Overrides>("overrides");
        QTest::newRow("acks 0, no compression, unkeyed, group of 2, concurrent")
            << Overrides{"producer.properties.acks=0", "producer.properties.compression.type=none"};
        QTest::newRow("acks 1, gzip, keyed, manual assignment, produce then consume")
            << Overrides{"producer.properties.acks=1", "producer.properties.compression.type=gzip",
                         "producer.keys={\"mode\":\"distinct\",\"count\":100}",
                         "consumer.mode=assign", "phases.mode=produce_then_consume"};
        QTest::newRow("acks all, idempotent, snappy, keyed, group of 2, produce then consume")
            << Overrides{"producer.properties.acks=all",
                         "producer.properties.enable.idempotence=true",
                         "producer.properties.compression.type=snappy",
                         "producer.keys={\"mode\":\"distinct\",\"count\":100}",
                         "phases.mode=produce_then_consume"};
        QTest::newRow("acks all, idempotent, lz4, unkeyed, manual assignment, concurrent")
            << Overrides{"producer.properties.acks=all",
                         "producer.properties.enable.idempotence=true",
                         "producer.properties.compression.type=lz4", "consumer.mode=assign"};
        QTest::newRow("acks all, zstd, round robin, group of 3, concurrent, sync commits")
            << Overrides{"producer.properties.acks=all",
                         "producer.properties.compression.type=zstd",
                         "producer.keys={\"mode\":\"round_robin\"}", "consumer.threads=3",
                         "consumer.commit=sync"};
    }

    void runs_are_valid_and_match_end_offsets() {
        QFETCH(Overrides, overrides);
        const RunRecord r = execute_run(request_for(spec(), overrides), nullptr, cancel_);
        QVERIFY2(r.status == RunStatus::Completed, reasons_of(r).c_str());
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QCOMPARE(r.summary.produced, uint64_t{3000});
        QCOMPARE(r.summary.audit.lost, uint64_t{0});
        QCOMPARE(r.summary.audit.duplicates, uint64_t{0});
        QCOMPARE(end_offsets(kafka_->bootstrap_servers(), r.topic, r.topic_partitions),
                 static_cast<int64_t>(r.summary.produced));
    }

#if KTW_IT_BROKERS == 1
    // Only on 1 broker: with 3 replicating brokers on 2 cores the broker's own p50 moved by
    // 1.5 ms between the two sides' rounds (7.5 vs 5.9 ms), which measures the machine.
    // The truth suite's ack latency check on real brokers (tests/truth/): a producer-only run
    // and the independent probe, alternating, each 3 rounds; the probe produces to partition
    // 0 of the topic the run just used, so both meet the same broker, partition and log.
    void ack_latency_agrees_with_the_probe_data() {
        QTest::addColumn<double>("rate");
        QTest::newRow("1,000 msgs/s") << 1000.0;
        QTest::newRow("20,000 msgs/s") << 20000.0;
    }

    void ack_latency_agrees_with_the_probe() {
        QFETCH(double, rate);
        // 2 s of sending: on a JVM broker sharing 2 cores, p99 of one second's messages moved
        // by 3 ms between rounds. linger.ms 5 (librdkafka's default): without batching the
        // broker cannot take 20,000 requests/s here and both sides measure its queue instead.
        const auto messages = static_cast<int64_t>(rate * 2);
        const std::vector<std::pair<std::string, std::string>> props = {{"acks", "1"},
                                                                        {"linger.ms", "5"}};
        auto j = spec();
        j["topic"]["partitions"] = 1;
        j["consumer"]["threads"] = 0;
        j["producer"]["threads"] = 1;
        j["producer"]["messages"] = messages;
        j["producer"]["message_bytes"] = 100;
        j["producer"]["random_fraction"] = 0;
        j["producer"]["target_rate"] = rate;
        for (const auto& [k, v] : props)
            j["producer"]["properties"][k] = v;
        std::vector<int64_t> k50, k99, o50, o99, p50, p99;
        for (int round = 0; round < 3; ++round) {
            g_observer.reset();
            const RunRecord r = execute_run(request_for(j), nullptr, cancel_);
            QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
            k50.push_back(static_cast<int64_t>(r.summary.ack_us.p50_us));
            k99.push_back(static_cast<int64_t>(r.summary.ack_us.p99_us));
            const probe::AckLatencies seen = g_observer.take();
            QCOMPARE(static_cast<int64_t>(seen.sorted_us.size()), messages);
            o50.push_back(seen.p50_us());
            o99.push_back(seen.p99_us());
            const probe::AckLatencies p = probe::produce_and_time(
                kafka_->bootstrap_servers(), r.topic, rate, messages, 100, props);
            QCOMPARE(p.failed, uint64_t{0});
            p50.push_back(p.p50_us());
            p99.push_back(p.p99_us());
        }
        auto median = [](std::vector<int64_t> v) {
            std::sort(v.begin(), v.end());
            return v[1];
        };
        auto agrees = [](int64_t ours, int64_t probe_us) {
            return std::abs(ours - probe_us) <=
                   std::max<int64_t>(1000,
                                     static_cast<int64_t>(0.05 * static_cast<double>(probe_us)));
        };
        const std::string figures =
            "medians of 3 rounds: ktw p50/p99 " + std::to_string(median(k50)) + "/" +
            std::to_string(median(k99)) + " us, probe " + std::to_string(median(p50)) + "/" +
            std::to_string(median(p99)) + " us, observer " + std::to_string(median(o50)) + "/" +
            std::to_string(median(o99)) + " us";
        qInfo("%s", figures.c_str());
        QVERIFY2(agrees(median(k50), median(p50)), figures.c_str());
        QVERIFY2(agrees(median(k50), median(o50)), figures.c_str());
        QVERIFY2(median(k99) + 1000 >= median(o99), figures.c_str());
        // Not asserted yet, and open in issue 11: ktw's p99 here runs 0.1-1.3 ms above the
        // probe's (seen 10.1 vs 9.1 ms at 1,000 msgs/s; 8.7 vs 7.3 at 20,000), more than
        // max(1 ms, 5 %) in some rounds. The observer puts part of it in the run itself
        // (librdkafka saw 9.2 and 9.9 ms in ours against the probe's 9.1 and 9.5) and part in
        // handing reports to our thread (0.7-0.9 ms at p99, as on the embedded cluster).
    }
#endif

    // Consumers slower than the producers (2 x 2 ms per message against 4,000 msgs/s): the
    // backlog grows while producing, is reported in the time series, and is worked off.
    void slow_consumer_group_lag_is_reported_and_recovered() {
        const RunRecord r = execute_run(
            request_for(spec(), {"producer.messages=4000", "producer.target_rate=4000",
                                 "consumer.processing_us=2000", "consumer.max_poll_records=50"}),
            nullptr, cancel_);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        int64_t peak = 0;
        for (const auto& point : r.intervals)
            peak = std::max(peak, point.backlog);
        QVERIFY2(peak >= 300, std::to_string(peak).c_str());
        QVERIFY(!r.intervals.empty());
        QCOMPARE(r.intervals.back().backlog, int64_t{0});
        QCOMPARE(r.summary.consumed, uint64_t{4000});
    }

    // Issue 2's hang, as first seen: two group consumers, partitions paused until the consume
    // phase, the topic deleted at the end (librdkafka 2.0.2 then never freed the consumers'
    // partitions when they were destroyed after the deletion). Every client must be
    // destroyed, none abandoned.
    void produce_then_consume_with_delete_after_ends_cleanly() {
        auto j = spec();
        j["topic"]["delete_after"] = true;
        j["measurement"]["statistics_interval_ms"] = 1000;
        j["consumer"]["properties"] = nlohmann::json::object();
        for (int round = 0; round < 3; ++round) {
            const auto start = std::chrono::steady_clock::now();
            const RunRecord r = execute_run(
                request_for(j, {"producer.properties.acks=all",
                                "producer.properties.enable.idempotence=true",
                                "producer.messages=50000", "producer.message_bytes=100",
                                "producer.target_rate=50000", "phases.mode=produce_then_consume"}),
                nullptr, cancel_);
            QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
            for (const auto& e : r.log)
                QVERIFY2(e.message.find("did not finish destroying") == std::string::npos,
                         e.message.c_str());
            QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
        }
    }

    // One of 3 brokers is frozen (SIGSTOP), killed and started again while a run produces
    // and consumes. A run must end within its timeout whatever happens; with acks=all,
    // idempotence and min.insync.replicas=2 it must lose and duplicate nothing; with acks=1
    // its verdict must show whatever was lost.
    void broker_failure_mid_run_data() {
        QTest::addColumn<Overrides>("overrides");
        QTest::addColumn<bool>("must_be_lossless");
        QTest::newRow("acks all, idempotent, min.insync.replicas 2")
            << Overrides{"producer.properties.acks=all",
                         "producer.properties.enable.idempotence=true"}
            << true;
        QTest::newRow("acks 1") << Overrides{"producer.properties.acks=1"} << false;
    }

    void broker_failure_mid_run() {
        if (KTW_IT_BROKERS != 3)
            QSKIP("needs 3 brokers");
        QFETCH(Overrides, overrides);
        QFETCH(bool, must_be_lossless);
        overrides.insert(overrides.end(), {"producer.messages=20000", "producer.target_rate=4000",
                                           "consumer.mode=assign", "phases.timeout_s=120",
                                           "phases.idle_timeout_s=15"});
        ProducingObserver observer;
        const auto start = std::chrono::steady_clock::now();
        auto run = std::async(std::launch::async, [&] {
            return execute_run(request_for(spec(), overrides), &observer, cancel_);
        });
        while (!observer.producing &&
               run.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        }
        const int victim = 2; // broker 3
        std::this_thread::sleep_for(std::chrono::seconds(1));
        kafka_->signal_broker(victim, SIGSTOP);
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        kafka_->signal_broker(victim, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        kafka_->restart_broker(victim);
        const RunRecord r = run.get();
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(130));
        const auto& a = r.summary.audit;
        QCOMPARE(a.lost, a.acknowledged - a.consumed_unique); // the audit adds up
        if (a.lost > 0 || a.duplicates > 0)
            QVERIFY2(!r.verdict.valid, "a run that lost or duplicated messages passed as valid");
        if (must_be_lossless) {
            QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
            QCOMPARE(a.acknowledged, uint64_t{20000});
            QCOMPARE(a.lost, uint64_t{0});
            QCOMPARE(a.duplicates, uint64_t{0});
        }
        qInfo("acknowledged %llu, lost %llu, duplicates %llu, valid %d, %.1f s",
              static_cast<unsigned long long>(a.acknowledged),
              static_cast<unsigned long long>(a.lost),
              static_cast<unsigned long long>(a.duplicates), int(r.verdict.valid),
              r.summary.elapsed_s);
        // the cluster is whole again for what follows
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (LocalKafka::brokers_answering(kafka_->bootstrap_servers(),
                                             std::chrono::seconds(1)) != 3 &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
};

QTEST_GUILESS_MAIN(TestIntegrationKafka)
#include "test_integration_kafka.moc"
