// ktw-cli as a user runs it: exit codes, one-line reasons, run/show/compare/report on a
// workspace.
#include "support/report_content.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <memory>

namespace {

struct CliResult {
    int code = -1;
    QString out, err;
};

CliResult run_cli(const QStringList& args, int timeout_ms = 120000) {
    QProcess p;
    p.start(KTW_CLI_PATH, args);
    CliResult r;
    if (!p.waitForFinished(timeout_ms)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = "ktw-cli did not finish in time";
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString write_file(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

const QByteArray kSmallSpec = R"({
  "name": "cli-small",
  "topic": {"name": "cli", "auto_unique": true, "partitions": 2},
  "producer": {"messages": 3000, "properties": {"linger.ms": 1}},
  "consumer": {"properties": {"fetch.wait.max.ms": 10}},
  "measurement": {"statistics_interval_ms": 200}
})";

} // namespace

class TestCli : public QObject {
    Q_OBJECT
  private slots:
    // A fresh workspace for every test: none depends on what another left behind, so each
    // passes alone (./test_cli TEST_NAME) and in any order.
    void init() {
        tmp_ = std::make_unique<QTemporaryDir>();
        QVERIFY(tmp_->isValid());
    }

    void bad_input_exits_2_with_one_line_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{"launch"} << "unknown command \"launch\"";
        QTest::newRow("unknown option")
            << QStringList{"run", "x.json", "--fast"} << "unknown option --fast";
        QTest::newRow("missing spec file") << QStringList{"run", "/nonexistent/spec.json"}
                                           << "cannot read experiment spec /nonexistent/spec.json";
        QTest::newRow("run without spec")
            << QStringList{"run"} << "run takes one experiment spec file";
        QTest::newRow("bad override")
            << QStringList{"run", KTW_SOURCE_DIR "/experiments/quickstart.json", "--set",
                           "nonsense"}
            << "must look like field.path=value";
        QTest::newRow("invalid field via override")
            << QStringList{"run", KTW_SOURCE_DIR "/experiments/quickstart.json", "--set",
                           "topic.partitions=0"}
            << "topic.partitions: is 0; allowed: 1 to 10000";
        QTest::newRow("librdkafka rejects property")
            << QStringList{"run", KTW_SOURCE_DIR "/experiments/quickstart.json", "--set",
                           "producer.properties.lingerms=5"}
            << "producer.properties.lingerms: No such configuration property";
        QTest::newRow("show unknown run")
            << QStringList{"show", "no-such-run"} << "no run \"no-such-run\"";
        QTest::newRow("compare one run")
            << QStringList{"compare", "a"} << "compare takes two or more runs";
        QTest::newRow("set without value")
            << QStringList{"run", "x.json", "--set"} << "--set needs a value";
        QTest::newRow("report unknown format")
            << QStringList{"report", "x", "--format", "docx"}
            << "unknown report format \"docx\"; formats: html, md, pdf, csv, json";
        QTest::newRow("report without runs")
            << QStringList{"report", "--format", "pdf"} << "report takes one or more runs";
        QTest::newRow("report unknown run") << QStringList{"report", "no-such-run", "--format",
                                                           "pdf",    "--workspace", "/nonexistent"}
                                            << "no run \"no-such-run\"";
    }

    void bad_input_exits_2_with_one_line() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QStringList full = args;
        full.insert(1, "--out"); // options may stand anywhere after the command
        full.insert(2, dir().path());
        const CliResult r = run_cli(full);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    void no_command_prints_usage_and_exits_2() {
        const CliResult r = run_cli({});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("usage:"));
        const CliResult help = run_cli({"--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("ktw-cli compare RUN RUN..."));
        QVERIFY(help.out.contains("ktw-cli report RUN [RUN...]"));
    }

    void invalid_json_names_the_position() {
        const QString spec = write_file(dir(), "broken.json", "{\"name\": \"x\",,}");
        const CliResult r = run_cli({"run", spec, "--out", dir().path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("is not valid JSON") && r.err.contains("line 1"),
                 qPrintable(r.err));
    }

    void several_spec_errors_are_all_listed() {
        const QString spec = write_file(
            dir(), "errors.json",
            R"({"name":"x","topic":{"name":"t","partitions":-1},"producer":{"messages":10,"threads":99}})");
        const CliResult r = run_cli({"run", spec, "--out", dir().path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("topic.partitions") && r.err.contains("producer.threads"),
                 qPrintable(r.err));
    }

    void run_show_and_compare_on_one_workspace() {
        const QString spec = write_file(dir(), "small.json", kSmallSpec);
        const CliResult first = run_cli({"run", spec, "--out", dir().path()});
        QVERIFY2(first.code == 0, qPrintable(first.out + first.err));
        QVERIFY(first.out.contains("Producer: 3,000 records acknowledged"));
        QVERIFY(first.out.contains("Poll and fetch breakdown"));
        QVERIFY(first.out.contains("poll interval (ms)"));
        QVERIFY(first.out.contains("Verdict: VALID"));
        QVERIFY2(first.err.contains("acked"), qPrintable(first.err)); // the progress line
        const CliResult second =
            run_cli({"run", spec, "--out", dir().path(), "--set", "producer.properties.linger.ms=20",
                     "--set", "consumer.max_poll_records=100", "--quiet"});
        QCOMPARE(second.code, 0);

        const QStringList runs =
            QDir(dir().filePath("runs")).entryList({"*.json"}, QDir::Files, QDir::Name);
        QCOMPARE(runs.size(), 2);
        const QString a = QFileInfo(runs[0]).completeBaseName(),
                      b = QFileInfo(runs[1]).completeBaseName();

        const CliResult show = run_cli({"show", a, "--out", dir().path(), "--json"});
        QCOMPARE(show.code, 0);
        const auto record = nlohmann::json::parse(show.out.toStdString());
        QCOMPARE(record["summary"]["produced"].get<int>(), 3000);
        QCOMPARE(record["summary"]["consumed"].get<int>(), 3000);
        QVERIFY(record["verdict"]["valid"].get<bool>());
        QVERIFY(record["summary"]["consumer"]["polls"].get<int>() > 0);

        // One version everywhere: CMake's project version in the record and in --version,
        // with the librdkafka the run actually used.
        const std::string version = KTW_PROJECT_VERSION;
        QCOMPARE(record["environment"]["workbench_version"].get<std::string>(), version);
        const CliResult v = run_cli({"--version"});
        QCOMPARE(v.code, 0);
        const std::string librdkafka =
            record["environment"]["librdkafka_version"].get<std::string>();
        QVERIFY(!librdkafka.empty());
        QCOMPARE(v.out.trimmed().toStdString(),
                 "ktw-cli " + version + " (librdkafka " + librdkafka + ")");

        const CliResult compare = run_cli({"compare", a, b, "--out", dir().path()});
        QCOMPARE(compare.code, 0);
        QVERIFY2(compare.out.contains("client.producer.linger.ms") &&
                     compare.out.contains("consumer.max_poll_records"),
                 qPrintable(compare.out));
        QVERIFY(compare.out.contains("messages per poll"));
        QVERIFY(compare.out.contains("fetch requests"));
        const CliResult as_json = run_cli({"compare", a, b, "--out", dir().path(), "--json"});
        const auto c = nlohmann::json::parse(as_json.out.toStdString());
        QCOMPARE(c["runs"].size(), std::size_t{2});
        bool linger_differs = false;
        for (const auto& s : c["settings_that_differ"])
            linger_differs = linger_differs ||
                             (s["key"] == "client.producer.linger.ms" && s["values"][1] == "20");
        QVERIFY(linger_differs);
        QVERIFY2(!compare.out.contains("warning:"), qPrintable(compare.out)); // one librdkafka
        QVERIFY(compare.out.contains(QString::fromStdString("librdkafka " + librdkafka)));

        // A record of another librdkafka: compare says so above the figures.
        const QString path = dir().filePath("runs/" + runs[1]);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto other = nlohmann::json::parse(file.readAll().toStdString());
        file.close();
        other["environment"]["librdkafka_version"] = "2.0.2";
        write_file(dir(), "runs/" + runs[1], QByteArray::fromStdString(other.dump(2)));
        const CliResult mixed = run_cli({"compare", a, b, "--out", dir().path()});
        QCOMPARE(mixed.code, 0);
        const QString expected =
            QString::fromStdString(
                "warning: the runs used different librdkafka versions: " + librdkafka + " (") +
            a + "); 2.0.2 (" + b + ")";
        QVERIFY2(mixed.out.contains(expected), qPrintable(mixed.out));
        QVERIFY(mixed.out.indexOf("warning:") < mixed.out.indexOf("Results"));
    }

    void advisor_before_and_after_a_run() {
        QTemporaryDir ws;
        const QString spec = write_file(ws, "two-consumers.json", R"({
          "name": "cli-advice",
          "topic": {"name": "cli", "auto_unique": true, "partitions": 1},
          "producer": {"messages": 3000},
          "consumer": {"threads": 2, "properties": {"fetch.wait.max.ms": 10}},
          "measurement": {"statistics_interval_ms": 200}
        })");
        const CliResult run = run_cli({"run", spec, "--out", ws.path(), "--quiet"});
        QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
        const auto before = run.out.indexOf("Advisor, before the run: 1");
        const auto verdict = run.out.indexOf("Verdict: VALID");
        const auto after = run.out.indexOf("Advisor, diagnosis of the run");
        QVERIFY2(before >= 0 && verdict > before && after > verdict, qPrintable(run.out));
        QVERIFY(run.out.contains("1 partition for 2 consumers"));

        const QString id =
            QFileInfo(QDir(ws.filePath("runs")).entryList({"*.json"}).front()).completeBaseName();
        const CliResult saved = run_cli({"advise", id, "--out", ws.path()});
        QCOMPARE(saved.code, 0);
        QVERIFY2(saved.out.contains("Advisor, before the run (its spec): 1") &&
                     saved.out.contains("Advisor, diagnosis of the run"),
                 qPrintable(saved.out));

        const CliResult as_json = run_cli({"advise", spec, "--json"});
        QCOMPARE(as_json.code, 0);
        const auto j = nlohmann::json::parse(as_json.out.toStdString());
        QVERIFY(j["problems"].empty());
        QCOMPARE(j["advice"].size(), std::size_t{1});
        QCOMPARE(j["advice"][0]["rule"], "one-partition-several-consumers");
        QCOMPARE(j["advice"][0]["field"], "topic.partitions");

        // A Java name is refused by librdkafka; the advisor says what to write instead.
        const CliResult refused = run_cli(
            {"run", spec, "--out", ws.path(), "--set", "consumer.properties.max.poll.records=800"});
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains("consumer.properties.max.poll.records: No such "
                                      "configuration property") &&
                     refused.err.contains("advisor: librdkafka has no max.poll.records") &&
                     refused.err.contains("set consumer.max_poll_records to 800"),
                 qPrintable(refused.err));
    }

    void report_writes_every_format() {
        QTemporaryDir ws;
        const QString spec = write_file(ws, "small.json", kSmallSpec);
        for (const char* linger : {"1", "50"}) {
            const CliResult r = run_cli({"run", spec, "--out", ws.path(), "--quiet", "--set",
                                         "producer.properties.linger.ms=" + QString(linger)});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        const QStringList runs =
            QDir(ws.filePath("runs")).entryList({"*.json"}, QDir::Files, QDir::Name);
        QCOMPARE(runs.size(), 2);
        const QString a = QFileInfo(runs[0]).completeBaseName(),
                      b = QFileInfo(runs[1]).completeBaseName();
        for (const char* ext : {"html", "md", "pdf", "csv", "json"}) {
            const QString file = ws.filePath(QString("cmp.") + ext);
            const CliResult r = run_cli({"report", a, b, "--workspace", ws.path(), "--out", file});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains("wrote " + file), qPrintable(r.out));
            // Both runs in every format; the human-readable ones with their conclusion.
            std::vector<std::string> expected = {a.toStdString(), b.toStdString()};
            if (QString(ext) == "html")
                expected.push_back("<h2>Conclusion</h2>");
            if (QString(ext) == "md")
                expected.push_back("## Conclusion");
            const std::string problem =
                ktw::test::report_content_problem(file.toStdString(), ext, expected);
            QVERIFY2(problem.empty(), problem.c_str());
        }
        QFile json(ws.filePath("cmp.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const auto j = nlohmann::json::parse(json.readAll().toStdString());
        QCOMPARE(j["runs"][1]["id"].get<std::string>(), b.toStdString());

        // A single run with an edited conclusion, the workspace from KTW_WORKSPACE and the
        // default file name in the current folder.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("KTW_WORKSPACE", ws.path());
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(ws.path());
        p.start(KTW_CLI_PATH, {"report", a, "--format", "md", "--conclusion", "Keep linger.ms=1."});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QFile md(ws.filePath("report-" + a + ".md"));
        QVERIFY(md.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(md.readAll());
        QVERIFY(text.contains("## Conclusion\n\nKeep linger.ms=1."));
        QVERIFY(QFileInfo::exists(ws.filePath("report-" + a + "-throughput.svg")));

        const CliResult mismatch =
            run_cli({"report", a, "--workspace", ws.path(), "--format", "pdf", "--out", "x.html"});
        QCOMPARE(mismatch.code, 2);
        QVERIFY2(mismatch.err.contains("--format pdf does not match the --out file"),
                 qPrintable(mismatch.err));
    }

    // Two steps in name order, each saved, then one table with measured and estimated polls.
    void series_runs_a_folder_and_prints_one_table() {
        QTemporaryDir specs, ws;
        QByteArray second = kSmallSpec;
        second.replace("\"cli-small\"", "\"cli-step-b\"");
        second.replace("\"measurement\"", "\"reference\": {\"source\": \"test\", "
                                          "\"assumed_poll_interval_s\": 0.005, "
                                          "\"consume_msgs_per_s\": 1234},\n  \"measurement\"");
        QByteArray first = kSmallSpec;
        first.replace("\"cli-small\"", "\"cli-step-a\"");
        write_file(specs, "02-b.json", second);
        write_file(specs, "01-a.json", first);
        write_file(specs, "notes.txt", "not a spec");
        const CliResult r = run_cli({"series", specs.path(), "--out", ws.path(), "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        const QStringList runs =
            QDir(ws.filePath("runs")).entryList({"*.json"}, QDir::Files, QDir::Name);
        QCOMPARE(runs.size(), 2);
        QVERIFY(r.err.indexOf("[1/2] 01-a.json") < r.err.indexOf("[2/2] 02-b.json"));
        QVERIFY2(r.out.contains("est. polls") && r.out.contains("diary cons/s"), qPrintable(r.out));
        QVERIFY(r.out.contains("ESTIMATES by the diary's method"));
        const qsizetype a = r.out.lastIndexOf("cli-step-a"), b = r.out.lastIndexOf("cli-step-b");
        QVERIFY(a > 0 && b > a);
        QCOMPARE(r.out.count("VALID"), 2);
        QVERIFY(r.out.mid(b).section(QChar(10), 0, 0).contains("1,234")); // the reference
    }

    void series_checks_every_spec_before_running_any() {
        QTemporaryDir specs, ws;
        write_file(specs, "01-good.json", kSmallSpec);
        write_file(specs, "02-bad.json", R"({"name": "x", "topic": {"name": "t"},
            "producer": {"messages": 10, "properties": {"linger.ms": "soon"}}})");
        const CliResult r = run_cli({"series", specs.path(), "--out", ws.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("02-bad.json: producer.properties.linger.ms"), qPrintable(r.err));
        QVERIFY(r.err.contains("the series was not started"));
        QVERIFY(!QDir(ws.filePath("runs")).exists());
    }

    void sweep_bad_input_exits_2() {
        QTemporaryDir ws;
        const QString plain = write_file(ws, "plain.json", kSmallSpec);
        CliResult r = run_cli({"sweep", plain, "--out", ws.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("has no \"sweep\" section"), qPrintable(r.err));
        auto j = nlohmann::json::parse(kSmallSpec.toStdString());
        j["sweep"] = {{"axes", {{"producer.threds", {1, 2}}}}};
        const QString bad = write_file(ws, "bad.json", QByteArray::fromStdString(j.dump()));
        r = run_cli({"sweep", bad, "--out", ws.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("sweep.axes.producer.threds: value 1 is refused"),
                 qPrintable(r.err));
        r = run_cli({"sweep", bad, "--repeats", "0"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--repeats is \"0\"; allowed: 1 to 100"), qPrintable(r.err));
        r = run_cli({"show-sweep", "sweep-nothing", "--out", ws.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("no run of sweep \"sweep-nothing\""), qPrintable(r.err));
    }

    // Interrupted with SIGTERM (as Ctrl-C) during the second run, then resumed with the
    // command it printed: only the missing runs run, and the results cover every point.
    void sweep_interrupt_and_resume() {
        QTemporaryDir ws;
        auto j = nlohmann::json::parse(kSmallSpec.toStdString());
        j["sweep"] = {{"axes", {{"producer.properties.linger.ms", {1, 20}}}},
                      {"repeats", 2},
                      {"targets", {{"min_produce_msgs_per_s", 1}}}};
        const QString spec = write_file(ws, "sweep.json", QByteArray::fromStdString(j.dump()));
        QProcess p;
        p.start(KTW_CLI_PATH, {"sweep", spec, "--out", ws.path()});
        QVERIFY(p.waitForStarted(10000));
        QString err;
        QDeadlineTimer deadline(120000);
        while (!err.contains("[2/4]") && !deadline.hasExpired() && p.state() == QProcess::Running) {
            p.waitForReadyRead(1000);
            err += QString::fromUtf8(p.readAllStandardError());
        }
        QVERIFY2(err.contains("[2/4]"), qPrintable(err));
        p.terminate(); // SIGTERM, handled like Ctrl-C
        QVERIFY(p.waitForFinished(60000));
        err += QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        const auto at = err.indexOf("ktw-cli sweep ");
        QVERIFY2(err.contains("Resume it with:") && at >= 0, qPrintable(err));
        const QStringList resume =
            err.mid(at).section('\n', 0, 0).split(' ', Qt::SkipEmptyParts).mid(1);
        QVERIFY2(resume.contains("--resume"), qPrintable(resume.join(' ')));
        const QString id = resume[resume.indexOf("--resume") + 1];

        const CliResult r = run_cli(resume);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("1 of 4 runs were already saved and were skipped"),
                 qPrintable(r.err));
        QVERIFY2(r.out.contains("Best: #"), qPrintable(r.out));

        const CliResult list = run_cli({"show-sweep", "--out", ws.path()});
        QVERIFY2(list.out.contains(id + "  5 run(s)"), qPrintable(list.out)); // 1 cancelled
        const CliResult shown = run_cli({"show-sweep", id, "--out", ws.path(), "--json"});
        QCOMPARE(shown.code, 0);
        const auto results = nlohmann::json::parse(shown.out.toStdString());
        QCOMPARE(results["points"].size(), std::size_t{2});
        for (const auto& point : results["points"])
            QCOMPARE(point["valid_runs"].get<int>(), 2);
        QCOMPARE(results["invalid_runs"].get<int>(), 1); // the interrupted run
        QVERIFY(!results["best"].is_null());

        const QString report = ws.filePath("sweep.html");
        const CliResult written =
            run_cli({"report", "--sweep", id, "--workspace", ws.path(), "--out", report});
        QVERIFY2(written.code == 0, qPrintable(written.err));
        // The sweep's id, its chart (embedded) and the point labels of the two settings.
        const std::string problem = ktw::test::report_content_problem(
            report.toStdString(), "html", {id.toStdString(), "data:image/svg+xml;base64,"});
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void corrupt_run_file_is_reported_by_show() {
        QDir().mkpath(dir().filePath("runs"));
        write_file(dir(), "runs/broken-run.json", "{\"format\":\"ktw-run\",");
        const CliResult r = run_cli({"show", "broken-run", "--out", dir().path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not valid JSON (truncated or corrupt file)"), qPrintable(r.err));
    }

  private:
    QTemporaryDir& dir() { return *tmp_; }
    std::unique_ptr<QTemporaryDir> tmp_;
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
