// Each report format written to disk and read back: CSV and JSON parse to the record's
// numbers, the PDF is a PDF with pages, HTML holds its charts and sections, Markdown its tables.
#include "report/charts/chart_renderer.h"
#include "support/report_content.h"
#include "support/report_test_support.h"
#include "report/writers/report_writer.h"

#include <QtTest>
#include <fstream>
#include <sstream>

using namespace ktw;
using namespace ktw::report;

namespace {

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// RFC 4180 reader: quoted fields with doubled quotes, CRLF or LF line ends.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    if (!field.empty() || was_quoted)
        rows.back().push_back(field);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
        ++n;
    return n;
}

} // namespace

class TestReportFormats : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void csv_reads_back_the_records_numbers() {
        const auto& runs = test::paced_and_unpaced_runs();
        ReportModel m = build_report(runs);
        m.conclusion = "edited, with \"quotes\", commas";
        const auto path = out("cmp.csv");
        write_report(m, ReportFormat::Csv, path);
        const auto rows = parse_csv(read(path));
        QCOMPARE(rows.size(), runs.size() + 1);
        const auto& header = rows[0];
        auto column = [&](const std::string& name) {
            const auto it = std::find(header.begin(), header.end(), name);
            if (it == header.end())
                qFatal("no column %s", name.c_str());
            return static_cast<std::size_t>(it - header.begin());
        };
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const auto& row = rows[i + 1];
            const auto& s = runs[i].summary;
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row[column("id")], runs[i].id);
            QCOMPARE(row[column("valid")], std::string("true"));
            QCOMPARE(std::stod(row[column("produce_rate_msgs_per_s")]), s.producer.msgs_per_s);
            QCOMPARE(std::stod(row[column("consume_rate_msgs_per_s")]), s.consumer.msgs_per_s);
            QCOMPARE(std::stod(row[column("ack_p99_ms")]), s.ack_us.p99_us / 1000.0);
            QCOMPARE(std::stod(row[column("e2e_p99_ms")]), s.e2e_us.p99_us / 1000.0);
            QCOMPARE(std::stoull(row[column("polls")]), s.polls);
            QCOMPARE(std::stoull(row[column("fetch_requests")]), s.fetches);
        }
        // The setting that tells the runs apart is a column too.
        QCOMPARE(rows[2][column("setting:producer.target_rate")], std::string("0.0"));
    }

    void json_reads_back_the_records_numbers() {
        const auto& run = test::paced_and_unpaced_runs()[0];
        const auto path = out("run.json");
        write_report(build_run_report(run), ReportFormat::Json, path);
        const auto j = nlohmann::json::parse(read(path));
        QCOMPARE(j["format"].get<std::string>(), std::string("ktw-report"));
        QCOMPARE(j["kind"].get<std::string>(), std::string("run"));
        const auto& metrics = j["runs"][0]["metrics"];
        QCOMPARE(metrics["produce_rate_msgs_per_s"].get<double>(), run.summary.producer.msgs_per_s);
        QCOMPARE(metrics["ack_p99_ms"].get<double>(), run.summary.ack_us.p99_us / 1000.0);
        QCOMPARE(metrics["polls"].get<double>(), static_cast<double>(run.summary.polls));
        // The single run's headline summary, as in the run record.
        QCOMPARE(j["summary"]["consumer"]["polls"].get<uint64_t>(), run.summary.polls);
        QCOMPARE(j["summary"]["latency"]["e2e_us"]["p99"].get<uint64_t>(),
                 run.summary.e2e_us.p99_us);
        QCOMPARE(j["sections"].size(), std::size_t{7});
        QCOMPARE(j["charts"].size(), std::size_t{2});
        QVERIFY(!j["conclusion"].get<std::string>().empty());

        const auto cmp = out("cmp.json");
        write_report(build_report(test::paced_and_unpaced_runs()), ReportFormat::Json, cmp);
        const auto c = nlohmann::json::parse(read(cmp));
        QCOMPARE(c["kind"].get<std::string>(), std::string("comparison"));
        QCOMPARE(c["comparison"]["runs"].size(), std::size_t{2});
    }

    void pdf_has_pages() {
        for (bool comparison : {false, true}) {
            const auto& runs = test::paced_and_unpaced_runs();
            const ReportModel m = comparison ? build_report(runs) : build_run_report(runs[0]);
            const auto path = out(comparison ? "cmp.pdf" : "run.pdf");
            write_report(m, ReportFormat::Pdf, path);
            const std::string pdf = read(path);
            QVERIFY(pdf.starts_with("%PDF-"));
            QVERIFY(pdf.find("%%EOF") != std::string::npos);
            // Page objects are "/Type /Page"; the page tree is "/Type /Pages" with "/Count N".
            const std::size_t pages = count(pdf, "/Type /Page") - count(pdf, "/Type /Pages");
            QVERIFY2(pages >= 2 && pages <= 12, std::to_string(pages).c_str());
            const auto at = pdf.find("/Count ");
            QVERIFY(at != std::string::npos);
            QCOMPARE(std::stoul(pdf.substr(at + 7, 8)), static_cast<unsigned long>(pages));
        }
    }

    void html_is_self_contained_with_charts_and_sections() {
        const auto path = out("cmp.html");
        ReportModel m = build_report(test::paced_and_unpaced_runs());
        m.conclusion = "Use <linger.ms> = 5 & move on.";
        write_report(m, ReportFormat::Html, path);
        const std::string html = read(path);
        QVERIFY(html.starts_with("<!DOCTYPE html>"));
        QCOMPARE(count(html, "data:image/svg+xml;base64,"), m.charts.size());
        for (const char* h : {"Environment", "Topic configuration", "Workload", "Tuning",
                              "Producers and consumers", "Results", "Validity", "Conclusion"})
            QVERIFY2(html.find(std::string("<h2>") + h + "</h2>") != std::string::npos, h);
        QVERIFY(html.find("Use &lt;linger.ms&gt; = 5 &amp; move on.") != std::string::npos);
        QVERIFY(html.find("class=\"num best\"") != std::string::npos);
        // Nothing loaded from elsewhere.
        QVERIFY(html.find("src=\"http") == std::string::npos);
        QVERIFY(html.find("<link") == std::string::npos);
    }

    void markdown_has_the_breakdown_and_chart_files() {
        const auto path = out("run.md");
        const auto files = write_report(build_run_report(test::paced_and_unpaced_runs()[0]),
                                        ReportFormat::Markdown, path);
        QCOMPARE(files.size(), std::size_t{3});
        const std::string md = read(path);
        QVERIFY(md.find("| consumer | messages | polls | non-empty | msgs/poll | fetches | "
                        "msgs/fetch | poll interval (ms) | msgs/s |") != std::string::npos);
        QVERIFY(md.find("## Conclusion") != std::string::npos);
        QVERIFY(md.find("](run-throughput.svg)") != std::string::npos);
        QVERIFY(read(out("run-latency.svg")).find("<svg") != std::string::npos);
    }

    void charts_render_to_png_and_svg() {
        const ReportModel m = build_run_report(test::paced_and_unpaced_runs()[1]);
        const std::string png = render_chart_png(m.charts[0], 720, 360, 2);
        QVERIFY(png.starts_with("\x89PNG\r\n"));
        // IHDR width and height, big-endian, at bytes 16..23
        auto be32 = [&](std::size_t at) {
            return (static_cast<unsigned char>(png[at]) << 24) |
                   (static_cast<unsigned char>(png[at + 1]) << 16) |
                   (static_cast<unsigned char>(png[at + 2]) << 8) |
                   static_cast<unsigned char>(png[at + 3]);
        };
        QCOMPARE(be32(16), 1440u);
        QCOMPARE(be32(20), 720u);
        const std::string svg = render_chart_svg(m.charts[1]);
        QVERIFY(svg.find("<svg") != std::string::npos && svg.find("</svg>") != std::string::npos);
    }

    void a_failed_run_renders_in_every_format() {
        // What a run that could not be set up leaves: no intervals, no figures, a reason.
        RunRecord failed;
        failed.id = "20250101-000000-failed-0000";
        failed.name = "failed";
        failed.status = RunStatus::Failed;
        failed.verdict.reasons = {"topic.mode reuse is not possible on the embedded cluster"};
        for (const auto& runs :
             {std::vector<RunRecord>{failed},
              std::vector<RunRecord>{test::paced_and_unpaced_runs()[0], failed}}) {
            const ReportModel m = build_report(runs);
            QVERIFY2(m.conclusion.find("topic.mode reuse is not possible") != std::string::npos,
                     m.conclusion.c_str());
            for (auto f : {ReportFormat::Html, ReportFormat::Markdown, ReportFormat::Pdf,
                           ReportFormat::Csv, ReportFormat::Json}) {
                const auto path = out((std::string("failed.") + extension_of(f)).c_str());
                write_report(m, f, path);
                // The reason is what such a report is for; CSV carries the status instead.
                const std::vector<std::string> expected =
                    f == ReportFormat::Csv
                        ? std::vector<std::string>{failed.id + ",failed,failed,false"}
                        : std::vector<std::string>{failed.id, "topic.mode reuse is not possible"};
                const std::string problem =
                    test::report_content_problem(path, extension_of(f), expected);
                QVERIFY2(problem.empty(), problem.c_str());
            }
        }
    }

    void formats_are_named_and_inferred() {
        QCOMPARE(report_format_from_name("MD"), std::optional(ReportFormat::Markdown));
        QCOMPARE(report_format_from_path("a/b.pdf"), std::optional(ReportFormat::Pdf));
        QCOMPARE(report_format_from_path("report"), std::nullopt);
        QCOMPARE(report_format_from_name("docx"), std::nullopt);
        const ReportModel m = build_report(test::paced_and_unpaced_runs());
        QCOMPARE(default_report_file_name(m, ReportFormat::Csv),
                 "comparison-" + m.runs[0].id + "-vs-" + m.runs[1].id + ".csv");
    }

  private:
    std::filesystem::path out(const char* name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestReportFormats)
#include "test_report_formats.moc"
