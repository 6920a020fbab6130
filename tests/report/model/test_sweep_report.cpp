// The sweep report: every format written, the table, chart and best point in it.
#include "report/writers/report_writer.h"
#include "report/model/sweep_report.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

using nlohmann::json;
using namespace ktw;
using namespace ktw::report;

namespace {

RunRecord run(const json& spec, int point, int repeat, double msgs_per_s, double e2e_ms) {
    const auto points = expand_sweep(parse_sweep_plan(spec).plan);
    RunRecord r;
    r.id = "run-" + std::to_string(point) + "-" + std::to_string(repeat);
    r.verdict.valid = true;
    r.summary.producer.msgs_per_s = msgs_per_s;
    r.summary.e2e_us.count = 100;
    r.summary.e2e_us.p99_us = static_cast<uint64_t>(e2e_ms * 1000);
    r.sweep = RunSweepInfo{"sweep-r",
                           point,
                           static_cast<int>(points.size()),
                           points[point].label,
                           points[point].values,
                           repeat,
                           false,
                           spec};
    return r;
}

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

class TestSweepReport : public QObject {
    Q_OBJECT
  private slots:
    void every_format() {
        const json spec = json::parse(R"({"name": "rep", "topic": {"name": "t"},
            "producer": {"messages": 100},
            "sweep": {"axes": {"producer.properties.linger.ms": [0, 5]}, "repeats": 2,
                      "targets": {"max_e2e_p99_ms": 10}}})");
        const std::vector<RunRecord> runs = {run(spec, 0, 0, 1000, 4), run(spec, 0, 1, 1100, 5),
                                             run(spec, 1, 0, 3000, 8), run(spec, 1, 1, 3300, 9)};
        const ReportModel m = build_sweep_report(summarize_sweep(runs, "sweep-r"));
        QVERIFY(m.sweep.has_value());
        QCOMPARE(m.charts.size(), std::size_t{1});
        QVERIFY(m.conclusion.starts_with("Best: #1 linger.ms=5"));
        QCOMPARE(default_report_file_name(m, ReportFormat::Html),
                 std::string("report-sweep-r.html"));

        QTemporaryDir dir;
        const std::filesystem::path base = dir.path().toStdString();
        for (auto f : {ReportFormat::Html, ReportFormat::Markdown, ReportFormat::Pdf,
                       ReportFormat::Csv, ReportFormat::Json}) {
            const auto files = write_report(m, f, base / (std::string("s.") + extension_of(f)));
            for (const auto& file : files)
                QVERIFY(std::filesystem::file_size(file) > 0);
        }
        const std::string md = read(base / "s.md");
        QVERIFY(md.find("| **#1 linger.ms=5 (best)** | 2 (2) | 3,150 ± 1,906 |") !=
                std::string::npos);
        QVERIFY(std::filesystem::exists(base / "s-tradeoff.svg"));
        QVERIFY(read(base / "s.html").find("<figure id=\"chart-tradeoff\"><img") !=
                std::string::npos);
        const std::string csv = read(base / "s.csv");
        QVERIFY(csv.starts_with("point,label,axis:producer.properties.linger.ms,runs,valid_runs,"
                                "produce_msgs_per_s_mean,produce_msgs_per_s_ci95"));
        QVERIFY(csv.find("\r\n1,linger.ms=5,5,2,2,3150,") != std::string::npos);
        const json j = json::parse(read(base / "s.json"));
        QCOMPARE(j["kind"].get<std::string>(), std::string("sweep"));
        QCOMPARE(j["sweep"]["best"]["point"].get<int>(), 1);
        QCOMPARE(read(base / "s.pdf").substr(0, 5), std::string("%PDF-"));
    }
};

QTEST_GUILESS_MAIN(TestSweepReport)
#include "test_sweep_report.moc"
