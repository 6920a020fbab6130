// ktw-cli as a user runs it: exit codes, one-line reasons, run/show/compare/report on a
// workspace.
#include <QtTest>
#include <nlohmann/json.hpp>

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
    void init() { QVERIFY(dir_.isValid()); }

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
        full.insert(2, dir_.path());
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
        const QString spec = write_file(dir_, "broken.json", "{\"name\": \"x\",,}");
        const CliResult r = run_cli({"run", spec, "--out", dir_.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("is not valid JSON") && r.err.contains("line 1"),
                 qPrintable(r.err));
    }

    void several_spec_errors_are_all_listed() {
        const QString spec = write_file(
            dir_, "errors.json",
            R"({"name":"x","topic":{"name":"t","partitions":-1},"producer":{"messages":10,"threads":99}})");
        const CliResult r = run_cli({"run", spec, "--out", dir_.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("topic.partitions") && r.err.contains("producer.threads"),
                 qPrintable(r.err));
    }

    void run_show_and_compare_on_one_workspace() {
        const QString spec = write_file(dir_, "small.json", kSmallSpec);
        const CliResult first = run_cli({"run", spec, "--out", dir_.path()});
        QVERIFY2(first.code == 0, qPrintable(first.out + first.err));
        QVERIFY(first.out.contains("Producer: 3,000 records acknowledged"));
        QVERIFY(first.out.contains("poll and fetch breakdown"));
        QVERIFY(first.out.contains("Verdict: VALID"));
        QVERIFY2(first.err.contains("acked"), qPrintable(first.err)); // the progress line
        const CliResult second =
            run_cli({"run", spec, "--out", dir_.path(), "--set", "producer.properties.linger.ms=20",
                     "--set", "consumer.max_poll_records=100", "--quiet"});
        QCOMPARE(second.code, 0);

        const QStringList runs =
            QDir(dir_.filePath("runs")).entryList({"*.json"}, QDir::Files, QDir::Name);
        QCOMPARE(runs.size(), 2);
        const QString a = QFileInfo(runs[0]).completeBaseName(),
                      b = QFileInfo(runs[1]).completeBaseName();

        const CliResult show = run_cli({"show", a, "--out", dir_.path(), "--json"});
        QCOMPARE(show.code, 0);
        const auto record = nlohmann::json::parse(show.out.toStdString());
        QCOMPARE(record["summary"]["produced"].get<int>(), 3000);
        QCOMPARE(record["summary"]["consumed"].get<int>(), 3000);
        QVERIFY(record["verdict"]["valid"].get<bool>());
        QVERIFY(record["summary"]["consumer"]["polls"].get<int>() > 0);

        const CliResult compare = run_cli({"compare", a, b, "--out", dir_.path()});
        QCOMPARE(compare.code, 0);
        QVERIFY2(compare.out.contains("client.producer.linger.ms") &&
                     compare.out.contains("consumer.max_poll_records"),
                 qPrintable(compare.out));
        QVERIFY(compare.out.contains("messages per poll"));
        QVERIFY(compare.out.contains("fetch requests"));
        const CliResult as_json = run_cli({"compare", a, b, "--out", dir_.path(), "--json"});
        const auto c = nlohmann::json::parse(as_json.out.toStdString());
        QCOMPARE(c["runs"].size(), std::size_t{2});
        bool linger_differs = false;
        for (const auto& s : c["settings_that_differ"])
            linger_differs = linger_differs ||
                             (s["key"] == "client.producer.linger.ms" && s["values"][1] == "20");
        QVERIFY(linger_differs);
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
            QVERIFY(QFileInfo(file).size() > 0);
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

    void corrupt_run_file_is_reported_by_show() {
        QDir().mkpath(dir_.filePath("runs"));
        write_file(dir_, "runs/broken-run.json", "{\"format\":\"ktw-run\",");
        const CliResult r = run_cli({"show", "broken-run", "--out", dir_.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not valid JSON (truncated or corrupt file)"), qPrintable(r.err));
    }

  private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
