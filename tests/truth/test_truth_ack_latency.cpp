// Truth suite: the workbench's acknowledgement latency against independent measurements, on
// the embedded cluster, over the grid of issue 11: rates 100, 1,000, 5,000, 20,000 msgs/s and
// unlimited, by broker round trip 0, 20 and 50 ms. Two witnesses, neither sharing our code:
//
// - An observer of the same run's messages. This executable is linked with
//   --wrap=rd_kafka_new, so each workbench producer is created with two librdkafka
//   interceptors of the test's: on_send (in produce(), on the producer's thread) and
//   on_acknowledgement (where librdkafka handles the broker's response, on its broker
//   thread), each reading the test's own clock. It sees an acknowledgement a little before
//   any application can (the report still has to be handed to the application's thread: 0.2
//   ms at p50 here), so ours, timed when the report is served, may be later by that, and at
//   p50 by no more than max(1 ms, 5 %): the defect of issue 11 (33 ms late at p50) shows
//   here at any rate, unpaced included. At p99 it is a lower bound (see the test).
// - A separate probe (independent_probe.h): its own mock cluster with the same round trip,
//   properties and messages, paced the same way, timing each report when it serves it, as
//   we do. It checks the conditions as well as the timing. Unpaced, latency is the queue a
//   producer builds, which depends on how fast each program produces: there only the
//   observer applies.
//
// Figures agree when within max(1 ms, 5 %), compared as medians of kRounds rounds.
#include "ack_observer.h"
#include "independent_probe.h"
#include "support/engine_test_support.h"

#include <QtTest>

using namespace ktw;
using namespace ktw::test;

namespace {

// Both sides use these explicitly, so neither depends on a default the other lacks.
const std::vector<std::pair<std::string, std::string>> kProducerProps = {{"acks", "1"},
                                                                         {"linger.ms", "0"}};
constexpr int kMessageBytes = 100;

// About a second of sending per paced cell, but at least 500 messages, so that p99 is not
// decided by two or three of them (with 300 at 100 msgs/s it moved by 2 ms between rounds);
// 20,000 messages unpaced.
int64_t messages_for(double rate) {
    return rate > 0 ? std::max<int64_t>(static_cast<int64_t>(rate), 500) : 20000;
}

// Each cell runs this many rounds, the workbench and the probe alternating, and compares the
// medians: one run's p99 on a shared 2-core machine moves by milliseconds with scheduling
// alone (seen: 1.5 and 6.3 ms in two rounds of the same cell).
constexpr int kRounds = 3;

int64_t median(std::vector<int64_t> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

nlohmann::json spec_for(int rtt_ms, double rate, int64_t messages,
                        const std::vector<std::pair<std::string, std::string>>& props) {
    auto spec = base_spec(messages);
    spec["cluster"]["broker_rtt_ms"] = rtt_ms;
    spec["producer"]["message_bytes"] = kMessageBytes;
    spec["producer"]["target_rate"] = rate;
    for (const auto& [k, v] : props)
        spec["producer"]["properties"][k] = v;
    return spec;
}

RunRecord run_workbench(nlohmann::json spec) {
    g_observer.reset();
    CancelToken cancel;
    return execute_run(request_for(std::move(spec)), nullptr, cancel);
}

probe::AckLatencies run_probe(int rtt_ms, double rate, int64_t messages) {
    probe::MockCluster cluster(1, rtt_ms);
    if (rd_kafka_mock_topic_create(cluster.get(), "probe", 1, 1) != RD_KAFKA_RESP_ERR_NO_ERROR)
        qFatal("probe: cannot create its topic");
    return probe::produce_and_time(cluster.bootstraps(), "probe", rate, messages, kMessageBytes,
                                   kProducerProps);
}

// Within max(1 ms, 5 %) of the witness's figure.
bool agrees(int64_t ktw_us, int64_t witness_us) {
    const double tolerance = std::max(1000.0, 0.05 * static_cast<double>(witness_us));
    return std::abs(static_cast<double>(ktw_us) - static_cast<double>(witness_us)) <= tolerance;
}

} // namespace

class TestTruthAckLatency : public QObject {
    Q_OBJECT
  private slots:
    void ack_percentiles_agree_with_the_probe_data() {
        QTest::addColumn<int>("rtt_ms");
        QTest::addColumn<double>("rate");
        for (int rtt : {0, 20, 50})
            for (double rate : {100.0, 1000.0, 5000.0, 20000.0, 0.0}) {
                const std::string name =
                    "rtt " + std::to_string(rtt) + " ms, " +
                    (rate > 0 ? std::to_string(static_cast<int>(rate)) + " msgs/s" : "unlimited");
                QTest::newRow(name.c_str()) << rtt << rate;
            }
    }

    void ack_percentiles_agree_with_the_probe() {
        QFETCH(int, rtt_ms);
        QFETCH(double, rate);
        const int64_t messages = messages_for(rate);
        auto spec = spec_for(rtt_ms, rate, messages, kProducerProps);
        spec["consumer"]["threads"] = 0;
        struct Figures {
            std::vector<int64_t> p50, p99;
            void add(int64_t a, int64_t b) { p50.push_back(a), p99.push_back(b); }
            std::string text(const char* who) const {
                return std::string(who) + " p50/p99 " + std::to_string(median(p50)) + "/" +
                       std::to_string(median(p99)) + " us";
            }
        } ktw, observer, probe_figures;
        for (int round = 0; round < kRounds; ++round) {
            const RunRecord r = run_workbench(spec);
            QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
            QCOMPARE(r.summary.ack_us.count, static_cast<uint64_t>(messages));
            ktw.add(static_cast<int64_t>(r.summary.ack_us.p50_us),
                    static_cast<int64_t>(r.summary.ack_us.p99_us));
            const probe::AckLatencies seen = g_observer.take();
            QCOMPARE(static_cast<int64_t>(seen.sorted_us.size()), messages);
            observer.add(seen.p50_us(), seen.p99_us());
            if (rate > 0) {
                const probe::AckLatencies p = run_probe(rtt_ms, rate, messages);
                QCOMPARE(p.failed, uint64_t{0});
                QCOMPARE(static_cast<int64_t>(p.sorted_us.size()), messages);
                probe_figures.add(p.p50_us(), p.p99_us());
            }
        }
        std::string figures = "medians of " + std::to_string(kRounds) +
                              " rounds: " + ktw.text("ktw") + ", " + observer.text("observer");
        if (rate > 0)
            figures += ", " + probe_figures.text("probe");
        qInfo("%s", figures.c_str());
        const int64_t k50 = median(ktw.p50), k99 = median(ktw.p99);
        QVERIFY2(agrees(k50, median(observer.p50)), ("p50 vs observer: " + figures).c_str());
        // At p99 the hand-over of reports to the application's thread has a tail of its own
        // (seen: 0.6 ms when librdkafka had them, 1.6-1.8 ms in both the probe and ours, at
        // 20,000 msgs/s on a 0 ms round trip): there the observer is a lower bound, and the
        // probe, which meets the same hand-over, the reference. Unpaced it is the only one.
        QVERIFY2(k99 + 1000 >= median(observer.p99),
                 ("p99 below the observer: " + figures).c_str());
        if (rate == 0)
            QVERIFY2(agrees(k99, median(observer.p99)), ("p99 vs observer: " + figures).c_str());
        if (rate > 0) {
            QVERIFY2(agrees(k50, median(probe_figures.p50)), ("p50 vs probe: " + figures).c_str());
            // p99 against the separate probe is printed, not asserted (open in issue 11): on
            // CI's shared 2-core machine the probe's own p99 moved from 0.4 to 3.5 ms for the
            // same cell, either side of ours, so the comparison measured the machine.
            if (!agrees(median(ktw.p99), median(probe_figures.p99)))
                qWarning("p99 outside max(1 ms, 5 %%) of the probe: %s", figures.c_str());
        }
        // Issue 11's figure: paced 1,000 msgs/s on a 0 ms round trip measured 33 ms p50.
        if (rtt_ms == 0 && rate == 1000.0)
            QVERIFY2(k50 < 3000, figures.c_str());
    }

    // A message cannot reach a consumer before the broker has it: with a round trip to the
    // broker, end-to-end latency is at least the acknowledgement's at every percentile (less
    // 1 ms: the two are timed by different threads). Both clocks start at the same intended
    // send time, so a consumer stamping too early, or a producer too late, shows here.
    void end_to_end_is_never_below_the_acknowledgement_data() {
        QTest::addColumn<double>("rate");
        QTest::newRow("1,000 msgs/s") << 1000.0;
        QTest::newRow("20,000 msgs/s") << 20000.0;
    }

    void end_to_end_is_never_below_the_acknowledgement() {
        QFETCH(double, rate);
        // The embedded cluster's fetch returns one batch per partition: with linger.ms above
        // the round trip, batches come less often than fetches, so the consumer keeps up.
        const RunRecord r = run_workbench(
            spec_for(20, rate, messages_for(rate), {{"acks", "1"}, {"linger.ms", "40"}}));
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        const auto& a = r.summary.ack_us;
        const auto& e = r.summary.e2e_us;
        const std::pair<const char*, std::pair<uint64_t, uint64_t>> percentiles[] = {
            {"p50", {a.p50_us, e.p50_us}},
            {"p90", {a.p90_us, e.p90_us}},
            {"p99", {a.p99_us, e.p99_us}},
            {"p99.9", {a.p999_us, e.p999_us}}};
        for (const auto& [name, v] : percentiles) {
            const std::string figures = std::string(name) + ": ack " + std::to_string(v.first) +
                                        " us, e2e " + std::to_string(v.second) + " us";
            qInfo("%s", figures.c_str());
            QVERIFY2(v.second + 1000 >= v.first, figures.c_str());
        }
        // And the round trip is in both: nothing reaches the consumer sooner than 20 ms.
        QVERIFY2(
            e.min_us >= 20000 && a.min_us >= 20000,
            ("min ack " + std::to_string(a.min_us) + " us, e2e " + std::to_string(e.min_us) + " us")
                .c_str());
    }
};

QTEST_GUILESS_MAIN(TestTruthAckLatency)
#include "test_truth_ack_latency.moc"
