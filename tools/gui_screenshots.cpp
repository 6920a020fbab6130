// Renders the main views of the desktop application into PNG files (README screenshots):
// the editor, a live run, the finished run, the library, a comparison and the report dialog.
// It drives the real window: two quickstart runs on the embedded cluster.
//   gui_screenshots OUTPUT_DIR [SPEC.json]     (scripts/screenshots.sh runs it offscreen)

#include "gui/widgets/advisor_panel.h"
#include "gui/compare/compare_page.h"
#include "gui/editor/experiment_editor_page.h"
#include "gui/editor/experiment_form.h"
#include "gui/editor/experiment_library_panel.h"
#include "gui/app/main_window.h"
#include "gui/report/report_dialog.h"
#include "gui/run/run_controller.h"
#include "gui/library/run_library_page.h"
#include "gui/run/run_page.h"
#include "gui/run/run_plots.h"
#include "gui/editor/spec_document.h"
#include "gui/editor/sweep_editor.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPalette>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <cstdio>
#include <fstream>

using namespace ktw::gui;

namespace {

void wait_ms(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool wait_for_run(MainWindow& w, int timeout_ms) {
    QElapsedTimer t;
    t.start();
    while (w.controller()->running() && t.elapsed() < timeout_ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    wait_ms(200);
    return !w.controller()->running();
}

void save(QWidget* widget, const QString& dir, const char* name) {
    const QString path = dir + "/" + name;
    if (!widget->grab().save(path))
        std::fprintf(stderr, "gui_screenshots: cannot write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("kafka-tuning-workbench-screenshots");
    if (qEnvironmentVariableIsSet("KTW_SCREENSHOTS_DARK")) {
        // A dark theme, to check that plots and tables stay readable on one.
        QApplication::setStyle("Fusion");
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(45, 45, 48));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        dark.setColor(QPalette::Button, QColor(60, 60, 64));
        dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
        dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
        QApplication::setPalette(dark);
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: gui_screenshots OUTPUT_DIR [SPEC.json]\n");
        return 2;
    }
    const QString out = QDir(argv[1]).absolutePath();
    QDir().mkpath(out);
    QTemporaryDir workspace;
    MainWindow w;
    w.setWorkspace(workspace.path());
    w.resize(1400, 900);
    w.show();
    if (argc > 2)
        w.editor()->openFile(argv[2], true);
    w.pages()->setCurrentIndex(MainWindow::EditorPage);
    const char* tabs[] = {"editor-cluster.png", "editor.png", "editor-consumer.png",
                          "editor-phases.png"};
    for (int i = 3; i >= 0; --i) { // the producer page (index 1) is the README's
        w.editor()->form()->setCurrentIndex(i);
        wait_ms(300);
        save(&w, out, tabs[i]);
    }

    // The advisor on a spec with the tuning diary's mistakes, and the experiment library with
    // one experiment of the user's and a file that is not valid JSON.
    QDir().mkpath(workspace.filePath("experiments"));
    std::ofstream(workspace.filePath("experiments/linger-50.json").toStdString())
        << R"({"name": "linger-50", "description": "The quickstart with linger.ms 50"})";
    std::ofstream(workspace.filePath("experiments/half-written.json").toStdString())
        << R"({"name": "half-written", "producer": {)";
    w.editor()->library()->reload();
    auto* doc = w.editor()->document();
    const nlohmann::json before = doc->json();
    doc->setValue("topic.partitions", 1);
    doc->setValue("consumer.properties.max_poll_records", 5000);
    doc->setValue("producer.properties.linger.ms", 200);
    doc->validateNow();
    w.editor()->form()->setCurrentIndex(0);
    w.editor()->library()->selectFile(workspace.filePath("experiments/half-written.json"));
    wait_ms(300);
    save(&w, out, "editor-advisor.png");
    doc->setJson(before);
    doc->validateNow();

    w.startRun();
    wait_ms(6500);
    save(&w, out, "live-run.png");
    if (!wait_for_run(w, 90000))
        return 1;
    save(&w, out, "run-finished.png");
    w.runPage()->plots()->setCurrentIndex(RunPlots::Latency);
    wait_ms(300);
    save(&w, out, "run-latency.png");
    w.runPage()->plots()->setCurrentIndex(RunPlots::Throughput);

    w.editor()->document()->setValue("producer.properties.linger.ms", 50);
    w.editor()->document()->setValue("name", "linger-50");
    w.startRun();
    if (!wait_for_run(w, 90000))
        return 1;

    w.pages()->setCurrentIndex(MainWindow::LibraryPage);
    w.library()->view()->selectAll();
    wait_ms(300);
    save(&w, out, "library.png");
    w.compareSelected();
    wait_ms(500);
    save(&w, out, "compare.png");

    ReportDialog dialog(w.comparePage()->runs(), workspace.filePath("reports"), &w);
    dialog.resize(900, 650);
    dialog.show();
    wait_ms(300);
    save(&dialog, out, "report-dialog.png");
    dialog.formatBox()->setCurrentIndex(1); // PDF: scripts/screenshots.sh renders its pages
    dialog.fileEdit()->setText(out + "/report.pdf");
    if (!dialog.exportReport())
        return 1;
    dialog.close();

    // A small sweep: the Sweep tab, then its results on the Sweeps page.
    doc->setJson(before);
    doc->setValue("name", "linger-sweep");
    doc->setValue("producer.messages", 20000);
    doc->setValue("producer.target_rate", 0);
    doc->setValue("phases.warmup_s", 0);
    doc->setValue("sweep", nlohmann::json::parse(R"({
        "axes": {"producer.properties.linger.ms": [0, 5, 20]},
        "repeats": 2,
        "targets": {"max_e2e_p99_ms": 100}})"));
    doc->validateNow();
    w.pages()->setCurrentIndex(MainWindow::EditorPage);
    w.editor()->form()->setCurrentWidget(w.editor()->form()->sweepEditor());
    wait_ms(300);
    save(&w, out, "sweep-editor.png");
    w.startRun();
    if (!wait_for_run(w, 300000))
        return 1;
    wait_ms(500);
    save(&w, out, "sweep-results.png");
    return 0;
}
