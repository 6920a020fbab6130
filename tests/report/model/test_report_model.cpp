// The report model: sections, per-client figures, metric keys and the drafted conclusion.
#include "report/model/report_model.h"
#include "support/report_test_support.h"

#include <QtTest>
#include <set>

using namespace ktw;
using namespace ktw::report;

namespace {

std::vector<std::string> section_ids(const ReportModel& m) {
    std::vector<std::string> ids;
    for (const auto& s : m.sections)
        ids.push_back(s.id);
    return ids;
}

const ReportSection& section(const ReportModel& m, const std::string& id) {
    for (const auto& s : m.sections)
        if (s.id == id)
            return s;
    qFatal("no section %s", id.c_str());
}

bool has_table_with_header(const ReportSection& s, const std::string& column) {
    for (const auto& b : s.blocks)
        if (b.kind == ReportBlock::Kind::Table)
            for (const auto& h : b.table.header)
                if (h == column)
                    return true;
    return false;
}

} // namespace

class TestReportModel : public QObject {
    Q_OBJECT
  private slots:
    void single_run_has_every_section() {
        const auto& run = test::paced_and_unpaced_runs()[0];
        const ReportModel m = build_run_report(run);
        QVERIFY(!m.is_comparison);
        const std::vector<std::string> expected = {"environment", "topic",   "workload", "tuning",
                                                   "clients",     "results", "validity"};
        QCOMPARE(section_ids(m), expected);
        QVERIFY(has_table_with_header(section(m, "clients"), "msgs/fetch"));
        QVERIFY(has_table_with_header(section(m, "clients"), "poll interval (ms)"));
        QCOMPARE(m.charts.size(), std::size_t{2});
        QCOMPARE(m.charts[0].id, std::string("throughput"));
        // produced and consumed; ack and end-to-end p50 and p99
        QCOMPARE(m.charts[0].series.size(), std::size_t{2});
        QCOMPARE(m.charts[1].series.size(), std::size_t{4});
        QVERIFY(!m.charts[0].series[0].points.empty());
        QVERIFY(m.conclusion.find("valid") != std::string::npos);
        QVERIFY(m.conclusion.find("embedded cluster") != std::string::npos);
    }

    void metric_keys_are_stable() {
        const ReportModel m = build_run_report(test::paced_and_unpaced_runs()[0]);
        std::set<std::string> keys;
        for (const auto& row : m.comparison.metrics)
            QVERIFY2(keys.insert(metric_key(row)).second, metric_key(row).c_str());
        for (const char* k :
             {"produce_rate_msgs_per_s", "consume_rate_mib_per_s", "ack_p99_ms", "e2e_p999_ms",
              "polls", "messages_per_fetch", "mean_poll_interval_ms", "lost"})
            QVERIFY2(keys.count(k), k);
    }

    void comparison_names_the_faster_run() {
        const auto& runs = test::paced_and_unpaced_runs();
        const ReportModel m = build_report(runs);
        QVERIFY(m.is_comparison);
        QVERIFY(runs[1].summary.producer.msgs_per_s > 1.5 * runs[0].summary.producer.msgs_per_s);
        QCOMPARE(run_label(m, 1), std::string("[2] producer.target_rate=0.0"));
        QVERIFY2(m.conclusion.starts_with("[2] producer.target_rate=0.0 was the fastest"),
                 m.conclusion.c_str());
        QVERIFY2(m.conclusion.find("more than [1] producer.target_rate=4000.0") !=
                     std::string::npos,
                 m.conclusion.c_str());
        // Best values are flagged in the results tables.
        bool flagged = false;
        for (const auto& b : section(m, "results").blocks)
            for (const auto& row : b.table.rows)
                for (const auto& cell : row)
                    flagged = flagged || cell.best;
        QVERIFY(flagged);
    }

    void invalid_run_is_left_out_with_its_reason() {
        auto runs = test::paced_and_unpaced_runs();
        runs[1].verdict.valid = false;
        runs[1].verdict.reasons = {"12 acknowledged messages were never consumed"};
        const ReportModel m = build_report(runs);
        QVERIFY2(m.conclusion.find("[2] producer.target_rate=0.0 is left out") !=
                         std::string::npos &&
                     m.conclusion.find("12 acknowledged messages were never consumed") !=
                         std::string::npos,
                 m.conclusion.c_str());
        QVERIFY2(m.conclusion.find("Only [1]") != std::string::npos, m.conclusion.c_str());
    }

    void empty_input_is_refused() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, build_report({}));
    }
};

QTEST_GUILESS_MAIN(TestReportModel)
#include "test_report_model.moc"
