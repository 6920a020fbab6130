// The run summary model: exact sections, headers and rows for a synthetic record.
#include "core/summary/run_summary_model.h"

#include <QtTest>

using namespace ktw;

namespace {

RunRecord synthetic_run() {
    RunRecord r;
    r.id = "20260101-000000-synthetic-0001";
    r.topic = "t";
    r.topic_partitions = 2;
    r.environment.cluster_kind = "embedded";
    r.environment.brokers = 1;
    r.environment.librdkafka_version = "2.0.2";
    auto& s = r.summary;
    s.produced = 3000;
    s.produce_failed = 2;
    s.consumed = 3000;
    s.producer = {3000, 300000, 1.5, 2000.0, 0.19};
    s.consumer = {3000, 300000, 1.25, 2400.0, 0.23};
    s.ack_us = {};
    s.ack_us.count = 3000;
    s.ack_us.mean_us = 1234.0;
    s.ack_us.p50_us = 1000, s.ack_us.p90_us = 2000, s.ack_us.p99_us = 3000;
    s.ack_us.p999_us = 4000, s.ack_us.max_us = 5500;
    s.consumers = {{0, 1000, 10, 9, 111.1, 5, 200.0, 2.5, 1.25, 800.0},
                   {1, 2000, 20, 19, 105.3, 6, 333.3, 1.5, 1.25, 1600.0}};
    s.polls = 30, s.nonempty_polls = 28, s.messages_per_poll = 107.1, s.fetches = 11;
    s.messages_per_fetch = 272.7, s.mean_poll_interval_ms = 1.75;
    s.audit.acknowledged = 3000;
    r.verdict.valid = true;
    return r;
}

std::vector<std::string> headers(const SummarySection& s) {
    std::vector<std::string> h;
    for (const auto& c : s.columns)
        h.push_back(c.header);
    return h;
}

} // namespace

class TestRunSummaryModel : public QObject {
    Q_OBJECT
  private slots:
    void sections_rows_and_headers() {
        const RunSummaryModel m = build_run_summary_model(synthetic_run());
        QCOMPARE(m.status, std::string("completed"));
        QCOMPARE(m.facts[1].value, std::string("t, 2 partition(s)"));
        // No send delay, no transactions, no wire statistics, no producer figures: left out.
        std::vector<std::string> ids;
        for (const auto& s : m.sections)
            ids.push_back(s.id);
        QCOMPARE(ids, (std::vector<std::string>{"throughput", "latency", "consumers"}));

        const auto& t = *m.section("throughput");
        QCOMPARE(headers(t), (std::vector<std::string>{"", "messages", "msgs/s", "MiB/s",
                                                       "measured (s)", "failed"}));
        QCOMPARE(t.rows[0].cells, (std::vector<std::string>{"produced (acknowledged)", "3,000",
                                                            "2,000.0", "0.19", "1.50", "2"}));
        QCOMPARE(t.rows[1].cells,
                 (std::vector<std::string>{"consumed", "3,000", "2,400.0", "0.23", "1.25", "-"}));

        const auto& l = *m.section("latency");
        QCOMPARE(headers(l), (std::vector<std::string>{"latency (ms)", "avg", "p50", "p90", "p99",
                                                       "p99.9", "max", "samples"}));
        QCOMPARE(l.rows.size(), std::size_t{1}); // end-to-end not measured here
        QCOMPARE(l.rows[0].cells, (std::vector<std::string>{"ack", "1.23", "1.00", "2.00", "3.00",
                                                            "4.00", "5.50", "3,000"}));
        QCOMPARE(l.rows[0].client, std::string("producer"));

        const auto& c = *m.section("consumers");
        QCOMPARE(headers(c).at(7), std::string("poll interval (ms)"));
        QCOMPARE(c.rows.size(), std::size_t{3});
        QVERIFY(c.rows[2].total);
        QCOMPARE(c.rows[2].cells, (std::vector<std::string>{"all", "3,000", "30", "28", "107.1",
                                                            "11", "272.7", "1.75", "2,400.0"}));
        QCOMPARE(c.cell("1", "msgs/fetch"), std::string("333.3"));
        QCOMPARE(c.cell("9", "msgs/fetch"), std::string());

        QCOMPARE(m.verdict.headline, std::string("VALID"));
        QCOMPARE(m.verdict.audit,
                 std::string("all 3,000 acknowledged messages consumed exactly once and in order "
                             "(per partition)"));
    }

    void one_consumer_has_no_total_and_a_delay_note() {
        RunRecord r = synthetic_run();
        r.summary.consumers.pop_back();
        r.summary.consume_start_delay_ms = 12.34;
        const RunSummaryModel m = build_run_summary_model(r);
        QCOMPARE(m.section("consumers")->rows.size(), std::size_t{1});
        QCOMPARE(m.section("throughput")->notes.size(), std::size_t{1});
        QVERIFY(m.section("throughput")->notes[0].starts_with("first message 12.3 ms after"));
    }
};

QTEST_APPLESS_MAIN(TestRunSummaryModel)
#include "test_run_summary_model.moc"
