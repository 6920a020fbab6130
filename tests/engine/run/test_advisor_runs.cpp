// The advisor's diagnosis of real runs on the embedded cluster: a broker with an added round
// trip is diagnosed broker-bound, a long linger.ms at a low rate producer-queue-bound, and a
// consumer whose simulated processing cannot keep up consumer-bound; each from what the run
// measured (librdkafka statistics, counted polls), with the numbers in the text.
#include "support/engine_test_support.h"
#include "core/advisor/run_diagnosis.h"

#include <QtTest>

using namespace ktw;
using namespace ktw::test;

namespace {

std::vector<Advice> with_rule(const std::vector<Advice>& all, const std::string& rule) {
    std::vector<Advice> out;
    for (const auto& a : all)
        if (a.rule == rule)
            out.push_back(a);
    return out;
}

std::string titles(const std::vector<Advice>& all) {
    std::string s;
    for (const auto& a : all)
        s += a.rule + ": " + a.title + " | " + a.reason + "\n";
    return s;
}

double max_producer_window(const RunRecord& r, double StatisticsSample::*field) {
    double m = 0;
    for (const auto& s : r.statistics)
        if (s.client.starts_with("producer-"))
            m = std::max(m, s.*field);
    return m;
}

} // namespace

class TestAdvisorRuns : public QObject {
    Q_OBJECT
  private slots:
    void a_slow_broker_is_diagnosed_broker_bound() {
        auto j = base_spec(3000);
        j["cluster"]["broker_rtt_ms"] = 50;
        j["producer"]["target_rate"] = 1500; // 2 s, paced: the queue stays short
        j["measurement"]["statistics_interval_ms"] = 500;
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(j), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QVERIFY2(max_producer_window(r, &StatisticsSample::rtt_avg_us) >= 40000,
                 "librdkafka measured the added 50 ms round trip");
        const auto d = diagnose_run(r);
        const auto hits = with_rule(d, "broker-bound");
        QVERIFY2(hits.size() == 1, titles(d).c_str());
        QCOMPARE(hits[0].field, std::string("cluster.broker_rtt_ms"));
        QVERIFY(hits[0].reason.find("cluster.broker_rtt_ms = 50 ms") != std::string::npos);
        QVERIFY(with_rule(d, "producer-queue-bound").empty());
    }

    void long_linger_and_slow_processing_are_diagnosed() {
        auto j = base_spec(4000);
        j["producer"]["target_rate"] = 2000; // 2 s; a batch collects 200 in 100 ms: it lingers
        j["producer"]["properties"]["linger.ms"] = 100;
        j["consumer"]["processing_us"] = 600; // 1.2 s of work per second of messages
        j["measurement"]["statistics_interval_ms"] = 500;
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(j), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QVERIFY2(max_producer_window(r, &StatisticsSample::int_latency_avg_us) >= 20000,
                 "messages waited tens of milliseconds in the producer's queue");
        const auto d = diagnose_run(r);
        auto hits = with_rule(d, "producer-queue-bound");
        QVERIFY2(hits.size() == 1, titles(d).c_str());
        QVERIFY(hits[0].reason.find("linger.ms is 100 ms: most of the wait") != std::string::npos);
        hits = with_rule(d, "consumer-poll-bound");
        QVERIFY2(hits.size() == 1, titles(d).c_str());
        QCOMPARE(hits[0].field, std::string("consumer.processing_us"));
        QVERIFY(hits[0].reason.find("4,000 messages × 600 µs = 2.40 s") != std::string::npos);
        QVERIFY(with_rule(d, "broker-bound").empty());
    }
};

QTEST_GUILESS_MAIN(TestAdvisorRuns)
#include "test_advisor_runs.moc"
