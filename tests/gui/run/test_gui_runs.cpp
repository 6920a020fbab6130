// The main window end to end on the embedded cluster (offscreen): a run feeds the live plots
// and lands in the library as a valid record; cancel returns to idle with a cancelled record;
// comparing two runs shows the right deltas (and warns of different librdkafka versions); a
// corrupt run file is reported, the rest load.
#include "gui/compare/compare_page.h"
#include "gui/compare/compare_table_model.h"
#include "gui/editor/experiment_editor_page.h"
#include "gui/app/main_window.h"
#include "gui/report/report_dialog.h"
#include "gui/run/run_controller.h"
#include "gui/library/run_library_page.h"
#include "gui/run/run_page.h"
#include "gui/run/run_plots.h"
#include "gui/editor/spec_document.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>
#include <qcustomplot.h>

using namespace ktw;
using namespace ktw::gui;

class TestGuiRuns : public QObject {
    Q_OBJECT
    QTemporaryDir workspace_;

    static bool waitIdle(MainWindow& w, int ms) {
        QElapsedTimer t;
        t.start();
        while (w.controller()->running() && t.elapsed() < ms)
            QTest::qWait(20);
        return !w.controller()->running();
    }
    static void useSmallRun(MainWindow& w, const char* name, int linger) {
        // The quickstart, shorter: 60,000 messages at 30,000 msgs/s (about 2 s of producing).
        auto* doc = w.editor()->document();
        QVERIFY(
            w.editor()->openFile(QString(KTW_SOURCE_DIR) + "/experiments/quickstart.json", true));
        doc->setValue("name", name);
        doc->setValue("producer.messages", 60000);
        doc->setValue("producer.target_rate", 30000);
        doc->setValue("phases.warmup_s", 0.5);
        doc->setValue("producer.properties.linger.ms", linger);
    }

    // The two runs the comparison, report and library tests read, made by the first of them
    // that runs, so that each test also passes alone (./test_gui_runs TEST_NAME) and in any
    // order. Returns false when a run could not be made valid.
    static bool ensureComparisonRuns(MainWindow& w) {
        for (int linger : {5, 40}) {
            const QString name = QString("cmp-linger-%1").arg(linger);
            w.library()->filterBox()->setText(name);
            const bool present = w.library()->view()->model()->rowCount() > 0;
            w.library()->filterBox()->clear();
            if (present)
                continue;
            useSmallRun(w, qPrintable(name), linger);
            QSignalSpy finished(&w, &MainWindow::runFinished);
            w.startRun();
            if (!finished.wait(60000) || !w.lastRun() || !w.lastRun()->verdict.valid)
                return false;
        }
        return true;
    }

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("KTW_WORKSPACE", workspace_.path().toUtf8());
    }

    void quickstart_feeds_the_plots_and_lands_in_the_library() {
        MainWindow w;
        w.show();
        QVERIFY(
            w.editor()->openFile(QString(KTW_SOURCE_DIR) + "/experiments/quickstart.json", true));
        QSignalSpy finished(&w, &MainWindow::runFinished);
        w.startRun();
        QVERIFY(w.controller()->running());
        QCOMPARE(w.pages()->currentWidget(), static_cast<QWidget*>(w.runPage()));
        QVERIFY(!w.editor()->runButton()->isEnabled()); // one run at a time
        // Live: intervals reach the plots and the visible plot is redrawn while the run goes on.
        QTRY_VERIFY_WITH_TIMEOUT(w.runPage()->plots()->points() > 10 &&
                                     w.runPage()->frames() > 10 &&
                                     w.runPage()->progressBar()->value() > 0,
                                 30000);
        QVERIFY(w.controller()->running());
        QVERIFY(finished.wait(60000));
        QVERIFY(!w.controller()->running());

        const RunPtr run = w.lastRun();
        QVERIFY(run);
        QVERIFY2(run->verdict.valid,
                 run->verdict.reasons.empty() ? "" : run->verdict.reasons[0].c_str());
        QCOMPARE(run->summary.consumed, uint64_t{200000});
        // At the end the plots hold every interval of the saved record.
        RunPlots* plots = w.runPage()->plots();
        QCOMPARE(plots->points(), static_cast<int>(run->intervals.size()));
        QVERIFY(plots->replots() > 10);
        QCPGraph* consumed = plots->plot(RunPlots::Throughput)->graph(1);
        QCOMPARE(consumed->dataCount(), static_cast<int>(run->intervals.size()));
        double sum = 0;
        for (auto it = consumed->data()->constBegin(); it != consumed->data()->constEnd(); ++it)
            sum = std::max(sum, it->value);
        QVERIFY2(sum > 10000, "the consumed rate curve shows the run's throughput");
        QVERIFY(w.runPage()->summary()->toPlainText().contains("Verdict: VALID"));
        QVERIFY(w.runPage()->summary()->toPlainText().contains("Poll and fetch breakdown"));

        // In the library (and on disk) as a valid run.
        QCOMPARE(w.library()->model()->rowCount(), 1);
        QVERIFY(
            QFile::exists(QString::fromStdString(w.library()->store().path_of(run->id).string())));
        const auto selected = w.library()->selectedRuns();
        QCOMPARE(selected.size(), std::size_t{1});
        QCOMPARE(selected[0]->id, run->id);
        const QString verdict =
            w.library()->model()->index(0, RunLibraryModel::Verdict).data().toString();
        QCOMPARE(verdict, QString("valid"));

        // Opening it again shows the same plots.
        w.runPage()->showRecord(*run);
        QCOMPARE(w.runPage()->plots()->points(), static_cast<int>(run->intervals.size()));
    }

    void cancel_mid_run_returns_to_idle_and_keeps_a_cancelled_record() {
        MainWindow w;
        w.show();
        useSmallRun(w, "to-cancel", 5);
        w.editor()->document()->setValue("producer.messages", 2000000); // long enough to cancel
        w.editor()->document()->setValue("producer.target_rate", 20000);
        QSignalSpy finished(&w, &MainWindow::runFinished);
        w.startRun();
        QTRY_VERIFY_WITH_TIMEOUT(w.runPage()->plots()->points() > 5 &&
                                     w.runPage()->phaseLabel()->text() == "producing",
                                 30000);
        QElapsedTimer t;
        t.start();
        w.cancelRun();
        QVERIFY(finished.wait(10000));
        QVERIFY2(t.elapsed() < 5000, "cancel ends the run within seconds");
        QVERIFY(!w.controller()->running());
        QVERIFY(w.editor()->runButton()->isEnabled());
        QCOMPARE(w.lastRun()->status, RunStatus::Cancelled);
        QVERIFY(!w.lastRun()->verdict.valid);
        const RunRecord saved = w.library()->store().load(w.lastRun()->id);
        QCOMPARE(saved.status, RunStatus::Cancelled);
        QVERIFY(saved.summary.produced > 0); // the numbers measured so far are kept
    }

    void comparing_two_runs_shows_correct_deltas() {
        MainWindow w;
        // Both item models checked by Qt's model tester for every signal they emit: the
        // library while runs land in it and it reloads, the comparison when it is filled.
        QAbstractItemModelTester libraryTester(
            w.library()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester compareTester(
            w.comparePage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(ensureComparisonRuns(w));
        w.library()->reload();
        auto* lib = w.library();
        lib->filterBox()->setText("cmp-linger");
        QCOMPARE(lib->view()->model()->rowCount(), 2);
        lib->view()->selectAll();
        w.compareSelected();
        ComparePage* page = w.comparePage();
        QCOMPARE(w.pages()->currentWidget(), static_cast<QWidget*>(page));
        const auto& runs = page->runs();
        QCOMPARE(runs.size(), std::size_t{2});
        QCOMPARE(runs[0]->name, std::string("cmp-linger-5")); // oldest first: the baseline

        CompareTableModel* m = page->model();
        const int row = m->metricRow("latency", "ack p99");
        QVERIFY(row >= 0);
        const double base = runs[0]->summary.ack_us.p99_us, other = runs[1]->summary.ack_us.p99_us;
        QCOMPARE(*m->deltaPercent(row, 1), (other - base) / base * 100.0);
        // linger.ms 40 waits longer before sending: its ack p99 is higher, so run 0 is best.
        QVERIFY(other > base);
        QVERIFY(m->isBest(row, 0) && !m->isBest(row, 1));
        const QString cell = m->index(row, 2).data().toString();
        QVERIFY2(cell.contains("(+"), qPrintable(cell));
        const int consumed = m->metricRow("throughput", "consume rate", "msgs/s");
        const double c0 = runs[0]->summary.consumer.msgs_per_s,
                     c1 = runs[1]->summary.consumer.msgs_per_s;
        QCOMPARE(*m->deltaPercent(consumed, 1), (c1 - c0) / c0 * 100.0);
        // The settings that differ include linger.ms; a new baseline turns the deltas around.
        bool lingerRow = false;
        for (const auto& s : m->comparison().settings)
            lingerRow = lingerRow || s.key == "producer.properties.linger.ms";
        QVERIFY(lingerRow);
        page->baselineBox()->setCurrentIndex(1);
        QCOMPARE(*m->deltaPercent(row, 0), (base - other) / other * 100.0);
        QCOMPARE(page->throughputPlot()->graphCount(), 2);
        QVERIFY(page->latencyPlot()->graph(1)->dataCount() > 10);
    }

    void comparison_warns_when_librdkafka_versions_differ() {
        auto record = [](const char* id, const char* version, const char* started) {
            auto r = std::make_shared<RunRecord>();
            r->id = r->name = id;
            r->environment.librdkafka_version = version;
            r->environment.started_at = started;
            return RunPtr(std::move(r));
        };
        ComparePage page;
        page.setRuns({record("run-new", "2.14.2", "2026-12-02T10:00:00Z"),
                      record("run-old", "2.0.2", "2026-11-26T02:08:05Z")});
        QVERIFY(page.warningLabel()->isVisibleTo(&page));
        const QString text = page.warningLabel()->text();
        // Oldest first, as the columns are.
        QVERIFY2(text.contains("different librdkafka versions: 2.0.2 (run-old); 2.14.2 (run-new)"),
                 qPrintable(text));
        page.setRuns({record("a", "2.14.2", "2026-12-02T10:00:00Z"),
                      record("b", "2.14.2", "2026-12-02T11:00:00Z")});
        QVERIFY(!page.warningLabel()->isVisibleTo(&page));
    }

    void report_dialog_writes_every_format() {
        MainWindow w;
        QVERIFY(ensureComparisonRuns(w));
        auto* lib = w.library();
        lib->filterBox()->setText("cmp-linger");
        lib->view()->selectAll();
        const auto runs = lib->selectedRuns();
        QCOMPARE(runs.size(), std::size_t{2});
        QTemporaryDir out;
        ReportDialog dialog(runs, out.path());
        // The drafted conclusion is there to edit; what the user writes is what is exported.
        QVERIFY(!dialog.conclusionEdit()->toPlainText().isEmpty());
        dialog.conclusionEdit()->setPlainText("Our conclusion: linger.ms 40 costs latency.");
        const QStringList exts = {"html", "pdf", "md", "csv", "json"};
        for (int i = 0; i < exts.size(); ++i) {
            dialog.formatBox()->setCurrentIndex(i);
            QVERIFY2(dialog.fileEdit()->text().endsWith("." + exts[i]), qPrintable(dialog.fileEdit()->text()));
            QVERIFY2(dialog.exportReport(), qPrintable(dialog.statusLabel()->text()));
            QFile f(dialog.fileEdit()->text());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            if (exts[i] == "html") {
                QCOMPARE(bytes.count("data:image/svg+xml;base64,"), 2); // both charts embedded
                QVERIFY(bytes.contains("Our conclusion: linger.ms 40 costs latency."));
            } else if (exts[i] == "pdf") {
                QVERIFY(bytes.startsWith("%PDF"));
            } else if (exts[i] == "md") {
                QVERIFY(bytes.contains("Our conclusion"));
                QVERIFY(dialog.written().size() > 1); // the charts beside it
            } else if (exts[i] == "csv") {
                const QList<QByteArray> lines = bytes.trimmed().split('\n');
                QCOMPARE(lines.size(), 3); // header + one row per run
            } else {
                const auto j = nlohmann::json::parse(bytes.toStdString());
                QVERIFY(j.is_object());
                QVERIFY(bytes.contains(QByteArray::fromStdString(runs[0]->id)));
            }
        }
        // A folder that cannot be written: the dialog says so and nothing crashes.
        dialog.fileEdit()->setText("/proc/no-such-dir/report.html");
        QVERIFY(!dialog.exportReport());
        QVERIFY(dialog.statusLabel()->text().contains("Not written"));
    }

    void corrupt_run_file_is_reported_and_the_rest_load() {
        MainWindow w;
        QVERIFY(ensureComparisonRuns(w));
        const int before = w.library()->model()->rowCount();
        QVERIFY(before >= 2);
        QFile bad(workspace_.filePath("runs/20260101-000000-broken-0000.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format_version\": 1, \"id\": \"trunc");
        bad.close();
        w.library()->reload();
        QCOMPARE(w.library()->model()->rowCount(), before);
        QVERIFY(!w.library()->problemBanner()->isHidden());
        QVERIFY(w.library()->problemBanner()->text().contains("20260101-000000-broken-0000.json"));
        QVERIFY(bad.remove());
        w.library()->reload();
        QVERIFY(w.library()->problemBanner()->isHidden());
    }

    void user_fields_are_saved_with_the_run() {
        MainWindow w;
        QVERIFY(ensureComparisonRuns(w));
        auto* lib = w.library();
        QVERIFY(lib->model()->rowCount() >= 2);
        const RunPtr run = lib->model()->runAt(0);
        QVERIFY(lib->saveUserFields(
            run, {{"name", "renamed"}, {"tags", {"baseline", "lz4"}}, {"notes", "n"}}));
        const RunRecord again = lib->store().load(run->id);
        QCOMPARE(again.user["name"].get<std::string>(), std::string("renamed"));
        QCOMPARE(again.summary.produced, run->summary.produced); // nothing else changed
        lib->reload();
        lib->filterBox()->setText("lz4");
        QCOMPARE(lib->view()->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestGuiRuns)
#include "test_gui_runs.moc"
