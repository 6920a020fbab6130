// The series table's row: measured figures, the diary-method estimate and the reference.
#include "core/spec/experiment_spec.h"
#include "core/analysis/series_rows.h"

#include <QtTest>

using nlohmann::json;
using namespace ktw;

class TestSeriesRows : public QObject {
    Q_OBJECT
  private slots:
    void estimate_uses_the_reference_poll_interval() {
        auto spec = json::parse(R"({"name":"s","topic":{"name":"t"},"producer":{"messages":1000},
            "reference":{"source":"diary","assumed_poll_interval_s":0.05,
                         "consume_msgs_per_s":158.54,"polls":63,"messages_per_poll":16}})");
        const auto parsed = parse_experiment_spec(spec);
        QVERIFY(parsed.ok());
        RunRecord run;
        run.name = std::string("s"); // not = "s": GCC 12 warns falsely (-Wrestrict)
        run.effective_spec = experiment_spec_to_json(parsed.spec);
        run.summary.consumer.seconds = 2.0;
        run.summary.consumer.messages = 1000;
        run.summary.polls = 7;
        run.verdict.valid = true;
        const SeriesRow r = series_row(run);
        QCOMPARE(r.assumed_poll_interval_s, 0.05);
        QCOMPARE(r.estimated_polls, 40.0);             // 2 s / 0.05 s
        QCOMPARE(r.estimated_messages_per_poll, 25.0); // 1000 / 40
        QCOMPARE(r.polls, uint64_t{7});                // the measured count, unchanged
        QCOMPARE(r.reference_consume_msgs_per_s, 158.54);
        QCOMPARE(r.reference_polls, 63.0);
        QCOMPARE(r.reference_source, std::string("diary"));
    }

    void without_reference_the_diary_default_applies() {
        const auto parsed = parse_experiment_spec(
            json::parse(R"({"name":"s","topic":{"name":"t"},"producer":{"messages":10}})"));
        RunRecord run;
        run.effective_spec = experiment_spec_to_json(parsed.spec);
        QVERIFY(!run.effective_spec.contains("reference"));
        run.summary.consumer.seconds = 1.0;
        run.summary.consumer.messages = 10;
        const SeriesRow r = series_row(run);
        QCOMPARE(r.assumed_poll_interval_s, 0.1);
        QCOMPARE(r.estimated_polls, 10.0);
        QCOMPARE(r.reference_produce_msgs_per_s, 0.0);
    }

    void reference_errors_name_the_field() {
        const auto r = parse_experiment_spec(json::parse(
            R"({"name":"s","topic":{"name":"t"},"producer":{"messages":10},
                "reference":{"assumed_poll_interval_s":0,"polls_made":3}})"));
        QCOMPARE(r.errors.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(r.errors[0].path),
                 QString("reference.assumed_poll_interval_s"));
        QCOMPARE(QString::fromStdString(r.errors[1].path), QString("reference.polls_made"));
    }
};

QTEST_GUILESS_MAIN(TestSeriesRows)
#include "test_series_rows.moc"
