// The sweep editor and the sweep results, offscreen: the Sweep tab edits the spec's "sweep"
// section (and shows its problems), and a small sweep run from the window on the embedded
// cluster lands on the Sweeps page as a table and a throughput vs p99 plot.
#include "gui/editor/experiment_editor_page.h"
#include "gui/editor/experiment_form.h"
#include "gui/app/main_window.h"
#include "gui/report/report_dialog.h"
#include "gui/run/run_controller.h"
#include "gui/editor/spec_document.h"
#include "gui/editor/sweep_editor.h"
#include "gui/sweeps/sweep_results_view.h"
#include "gui/sweeps/sweeps_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <qcustomplot.h>

using namespace ktw;
using namespace ktw::gui;

namespace {

// A PNG of what the user sees, for a person to look at (KTW_SCREENSHOT_DIR set).
void save_screenshot(QWidget* w, const QString& name) {
    const QString dir = qEnvironmentVariable("KTW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + "/" + name);
}

} // namespace

class TestSweepGui : public QObject {
    Q_OBJECT
    QTemporaryDir workspace_;

    static void useSmallSweep(MainWindow& w) {
        auto* doc = w.editor()->document();
        QVERIFY(
            w.editor()->openFile(QString(KTW_SOURCE_DIR) + "/experiments/quickstart.json", true));
        doc->setValue("name", "gui-sweep");
        doc->setValue("producer.messages", 4000);
        doc->setValue("producer.target_rate", 0);
        doc->setValue("phases.warmup_s", 0);
    }

  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("KTW_WORKSPACE", workspace_.path().toUtf8());
    }

    void the_sweep_tab_edits_the_sweep_section() {
        MainWindow w;
        w.resize(1280, 820);
        w.show();
        useSmallSweep(w);
        auto* doc = w.editor()->document();
        SweepEditor* editor = w.editor()->form()->sweepEditor();
        QVERIFY(!editor->enabledBox()->isChecked());
        QVERIFY(!doc->json().contains("sweep"));

        editor->enabledBox()->setChecked(true); // starts with a linger.ms axis
        QCOMPARE(doc->json()["sweep"]["axes"]["producer.properties.linger.ms"],
                 nlohmann::json::parse("[0, 5, 20]"));
        editor->fieldChooser()->setCurrentText("topic.partitions");
        editor->addButton()->click();
        QTableWidget* axes = editor->axesTable();
        QCOMPARE(axes->rowCount(), 2);
        axes->item(1, SweepEditor::ValuesColumn)->setText("1, 3");
        editor->repeatsBox()->setValue(2);
        editor->warmupBox()->setValue(1);
        editor->targetBox("max_e2e_p99_ms")->setValue(25);
        const auto sweep = doc->json()["sweep"];
        QCOMPARE(sweep["axes"]["topic.partitions"], nlohmann::json::parse("[1, 3]"));
        QCOMPARE(sweep["repeats"].get<int>(), 2);
        QCOMPARE(sweep["warmup_runs"].get<int>(), 1);
        QCOMPARE(sweep["targets"]["max_e2e_p99_ms"].get<double>(), 25.0);
        doc->validateNow();
        QVERIFY2(doc->errors().empty(),
                 doc->errors().empty() ? "" : doc->errors().front().to_string().c_str());
        QCOMPARE(editor->summaryLabel()->text(),
                 QString("6 point(s) × 2 repeat(s) = 12 run(s), plus 1 warm-up run(s). "
                         "Targets: e2e p99 <= 25.0 ms."));
        QCOMPARE(w.editor()->runButton()->text(), QString("Run sweep"));

        // A refused value is a problem of the spec, named at the axis, and blocks the run.
        axes->item(1, SweepEditor::ValuesColumn)->setText("1, 0");
        doc->validateNow();
        QVERIFY(!doc->errors().empty());
        QCOMPARE(QString::fromStdString(doc->errors().front().to_string()),
                 QString("sweep.axes.topic.partitions: value 0 is refused: topic.partitions: is 0; "
                         "allowed: 1 to 10000"));
        QVERIFY(editor->summaryLabel()->text().contains("value 0 is refused"));
        QVERIFY(!w.editor()->runButton()->isEnabled());
        w.editor()->form()->setCurrentWidget(editor);
        save_screenshot(&w, "sweep-editor.png");

        // The JSON text drives the form too, and switching the sweep off removes the section.
        auto spec = doc->json();
        spec["sweep"]["axes"] = {{"consumer.threads", {1, 2}}};
        doc->setJson(spec);
        QCOMPARE(axes->rowCount(), 1);
        QCOMPARE(axes->item(0, SweepEditor::FieldColumn)->text(), QString("consumer.threads"));
        QCOMPARE(axes->item(0, SweepEditor::ValuesColumn)->text(), QString("1, 2"));
        editor->enabledBox()->setChecked(false);
        QVERIFY(!doc->json().contains("sweep"));
        QCOMPARE(w.editor()->runButton()->text(), QString("Run"));
    }

    void a_sweep_runs_from_the_window_and_shows_its_results() {
        MainWindow w;
        w.resize(1280, 820);
        w.show();
        useSmallSweep(w);
        auto* doc = w.editor()->document();
        doc->setValue("sweep", nlohmann::json::parse(R"({
            "axes": {"producer.properties.linger.ms": [0, 20]},
            "repeats": 2,
            "targets": {"min_produce_msgs_per_s": 1}})"));
        doc->validateNow();
        QVERIFY(w.editor()->canRun());
        QSignalSpy finished(w.controller(), &RunController::sweepFinished);
        QSignalSpy started(w.controller(), &RunController::sweepRunStarted);
        w.startRun();
        QVERIFY(w.controller()->running());
        QVERIFY(finished.wait(300000));
        QCOMPARE(started.size(), 4);
        QCOMPARE(finished.first().at(1).toBool(), false); // not cancelled
        QCOMPARE(finished.first().at(2).toString(), QString());
        QVERIFY(!w.controller()->running());
        QVERIFY(w.editor()->runButton()->isEnabled());

        // The Sweeps page shows it: every point with its 2 valid runs, plotted.
        QCOMPARE(w.pages()->currentWidget(), static_cast<QWidget*>(w.sweepsPage()));
        SweepsPage* page = w.sweepsPage();
        QCOMPARE(page->sweepList()->count(), 1);
        const QString id = finished.first().at(0).toString();
        QVERIFY(page->sweepList()->item(0)->text().startsWith(id));
        SweepResultsView* view = page->resultsView();
        QCOMPARE(view->results().id, id.toStdString());
        QTableWidget* table = view->table();
        QCOMPARE(table->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(table->item(row, SweepResultsView::RunsColumn)->text(), QString("2 (2)"));
            QVERIFY(table->item(row, SweepResultsView::ProduceColumn)->text().contains("±"));
            QCOMPARE(table->item(row, SweepResultsView::TargetsColumn)->text(), QString("met"));
        }
        QVERIFY(view->results().best.has_value());
        QVERIFY(view->header()->text().contains("Best: #"));
        QCustomPlot* plot = view->plot();
        QCOMPARE(plot->graph(0)->dataCount(), 2);    // every point
        QVERIFY(plot->graphCount() >= 3);            // + meeting targets, frontier, best
        QVERIFY(!page->resumeButton()->isEnabled()); // nothing missing
        save_screenshot(&w, "sweep-results.png");

        // Export report…: the dialog the user gets writes the sweep's report (HTML with the
        // trade-off chart, CSV with a row per point).
        QVERIFY(page->reportButton()->isEnabled());
        QTemporaryDir out;
        QStringList written;
        QString status;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<ReportDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            status = dialog->windowTitle();
            save_screenshot(dialog, "sweep-report-dialog.png");
            dialog->fileEdit()->setText(out.filePath("sweep.html"));
            if (dialog->exportReport())
                written << dialog->written();
            dialog->formatBox()->setCurrentIndex(3); // CSV
            if (dialog->exportReport())
                written << dialog->written();
            else
                status = dialog->statusLabel()->text();
            dialog->reject();
        });
        page->reportButton()->click(); // returns when the dialog is closed
        QVERIFY2(status.contains(id), qPrintable(status));
        QCOMPARE(written.size(), 2);
        QFile html(out.filePath("sweep.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray page_html = html.readAll();
        QVERIFY(page_html.contains("data:image/svg+xml;base64,")); // the chart, embedded
        QVERIFY(page_html.contains("linger.ms"));
        QFile csv(out.filePath("sweep.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 3); // header + 2 points
    }
};

QTEST_MAIN(TestSweepGui)
#include "test_sweep_gui.moc"
