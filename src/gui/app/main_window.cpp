#include "gui/app/main_window.h"

#include "gui/app/app_settings.h"
#include "gui/compare/compare_page.h"
#include "gui/editor/experiment_editor_page.h"
#include "gui/editor/experiment_library_panel.h"
#include "gui/report/report_dialog.h"
#include "gui/run/run_controller.h"
#include "gui/library/run_library_page.h"
#include "gui/run/run_page.h"
#include "core/util/version.h"
#include "engine/kafka/client_config.h"
#include "core/sweep/sweep_results.h"
#include "engine/sweep/sweep_runner.h"
#include "gui/sweeps/sweeps_page.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <filesystem>

namespace ktw::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new RunController(this)) {
    setWindowTitle(tr("Kafka Tuning Workbench"));
    editor_ = new ExperimentEditorPage;
    runPage_ = new RunPage(controller_);
    library_ = new RunLibraryPage;
    compare_ = new ComparePage;
    sweeps_ = new SweepsPage;
    pages_ = new QTabWidget;
    pages_->setDocumentMode(true);
    pages_->addTab(editor_, tr("Experiment"));
    pages_->addTab(runPage_, tr("Run"));
    pages_->addTab(library_, tr("Library"));
    pages_->addTab(compare_, tr("Compare"));
    pages_->addTab(sweeps_, tr("Sweeps"));
    setCentralWidget(pages_);
    workspaceLabel_ = new QLabel;
    statusBar()->addPermanentWidget(workspaceLabel_);
    buildMenus();

    connect(editor_, &ExperimentEditorPage::runRequested, this, &MainWindow::startRun);
    connect(editor_, &ExperimentEditorPage::titleChanged, this, [this](const QString& title) {
        setWindowTitle(tr("%1 — Kafka Tuning Workbench").arg(title));
    });
    connect(controller_, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(library_, &RunLibraryPage::openRun, this, [this](const RunPtr& run) {
        if (controller_->running()) {
            statusBar()->showMessage(tr("A run is going on: the run page follows it; open the "
                                        "saved run when it has ended."),
                                     5000);
            return;
        }
        runPage_->showRecord(*run);
        pages_->setCurrentWidget(runPage_);
    });
    connect(library_, &RunLibraryPage::compareRuns, this, [this](const std::vector<RunPtr>& runs) {
        compare_->setRuns(runs);
        pages_->setCurrentWidget(compare_);
    });
    connect(library_, &RunLibraryPage::exportReport, this, &MainWindow::exportReport);
    connect(compare_, &ComparePage::exportReport, this, &MainWindow::exportReport);
    connect(library_, &RunLibraryPage::selectionChanged, this, &MainWindow::updateWidgets);
    // The Sweeps page groups the library's runs by sweep, whoever made them.
    connect(library_->model(), &QAbstractItemModel::modelReset, this,
            [this] { sweeps_->setRuns(library_->model()->runs()); });
    connect(sweeps_, &SweepsPage::resumeRequested, this, &MainWindow::resumeSweep);
    connect(sweeps_, &SweepsPage::reportRequested, this, &MainWindow::exportSweepReport);
    connect(controller_, &RunController::sweepRunStarted, this,
            [this](const QString& label, int ordinal, int total, bool warmup) {
                runPage_->beginLive(
                    tr("%1 [%2] — %3 %4 of %5")
                        .arg(sweepName_, label, warmup ? tr("warm-up run") : tr("run"))
                        .arg(ordinal)
                        .arg(total));
            });
    connect(controller_, &RunController::sweepRunSaved, this,
            [this](const std::shared_ptr<const RunRecord>& record, const QString& file) {
                lastRun_ = record;
                runPage_->endLive(*record, file);
                library_->reload();
                emit runFinished(record);
            });
    connect(controller_, &RunController::sweepFinished, this, &MainWindow::onSweepFinished);

    setWorkspace(AppSettings::workspace());
    resize(1280, 820);
    restoreGeometry(AppSettings::windowGeometry());
    restoreState(AppSettings::windowState());
    pages_->setCurrentIndex(std::clamp(AppSettings::currentPage(), 0, pages_->count() - 1));
    updateWidgets();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New experiment"), QKeySequence::New, editor_,
                    &ExperimentEditorPage::newExperiment);
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, editor_,
                    &ExperimentEditorPage::openDialog);
    file->addAction(tr("&Save experiment"), QKeySequence::Save, editor_,
                    &ExperimentEditorPage::save);
    file->addAction(tr("Save experiment &as…"), QKeySequence::SaveAs, editor_,
                    &ExperimentEditorPage::saveAsDialog);
    file->addAction(tr("Save as experiment in &library…"), editor_,
                    &ExperimentEditorPage::saveAsExperimentDialog);
    file->addSeparator();
    file->addAction(tr("&Import .properties…"), editor_,
                    &ExperimentEditorPage::importPropertiesDialog);
    file->addAction(tr("&Export .properties…"), editor_,
                    &ExperimentEditorPage::exportPropertiesDialog);
    file->addSeparator();
    file->addAction(tr("Choose &workspace…"), this, &MainWindow::chooseWorkspace);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    runAction_ = run->addAction(tr("&Start run"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                                &MainWindow::startRun);
    cancelAction_ = run->addAction(tr("&Cancel run"), QKeySequence(Qt::Key_Escape), this,
                                   &MainWindow::cancelRun);
    run->addSeparator();
    QMenu* presets = run->addMenu(tr("Apply &preset"));
    presets->addActions(editor_->presetMenu()->actions());

    QMenu* library = menuBar()->addMenu(tr("&Library"));
    compareAction_ = library->addAction(tr("&Compare selected runs"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                                        &MainWindow::compareSelected);
    library->addAction(tr("&Report of selected runs…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                       [this] { exportReport(library_->selectedRuns()); });
    library->addAction(tr("Re&fresh"), QKeySequence::Refresh, library_, &RunLibraryPage::reload);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList names = {tr("&Experiment"), tr("&Run"), tr("&Library"), tr("C&ompare"),
                               tr("&Sweeps")};
    for (int i = 0; i < names.size(); ++i)
        view->addAction(names[i], QKeySequence(Qt::ALT | (Qt::Key_1 + i)), this,
                        [this, i] { pages_->setCurrentIndex(i); });
    view->addSeparator();
    QAction* experiments = view->addAction(tr("E&xperiment library"));
    experiments->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    experiments->setCheckable(true);
    experiments->setChecked(true);
    experiments->setToolTip(tr("Show or hide the shipped and your experiments beside the editor"));
    connect(experiments, &QAction::toggled, this, [this](bool on) {
        editor_->library()->setVisible(on);
        if (on)
            pages_->setCurrentWidget(editor_);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About Kafka Tuning Workbench"),
                           tr("<b>Kafka Tuning Workbench</b> %1<br>librdkafka %2<br>Measured "
                              "experiments for Kafka producers, consumers and topics.<br>The "
                              "embedded cluster is librdkafka's mock cluster: its numbers "
                              "describe the client, not a real Kafka cluster.")
                               .arg(QString(workbench_version()),
                                    QString::fromStdString(librdkafka_version())));
    });
}

void MainWindow::setWorkspace(const QString& path) {
    library_->setWorkspace(path);
    editor_->setWorkspace(path);
    workspaceLabel_->setText(tr("Workspace: %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::chooseWorkspace() {
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Choose workspace"), library_->workspace());
    if (path.isEmpty())
        return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path.toStdString()) / "runs", ec);
    if (ec) {
        QMessageBox::warning(
            this, tr("Workspace"),
            tr("Cannot use %1: %2").arg(path, QString::fromStdString(ec.message())));
        return;
    }
    AppSettings::setWorkspace(path);
    setWorkspace(path);
}

void MainWindow::startRun() {
    if (controller_->running())
        return;
    auto* doc = editor_->document();
    doc->validateNow();
    if (!editor_->canRun()) {
        pages_->setCurrentWidget(editor_);
        statusBar()->showMessage(
            tr("The experiment has problems: fix the fields listed below the form."), 8000);
        return;
    }
    if (has_sweep(doc->json())) {
        startSweep(doc->json(), make_sweep_id(doc->parsed().name));
        return;
    }
    RunRequest request;
    request.spec = doc->parsed();
    request.given = doc->json();
    controller_->start(std::move(request));
    runPage_->beginLive(QString::fromStdString(doc->parsed().name));
    pages_->setCurrentWidget(runPage_);
    editor_->setRunning(true);
    updateWidgets();
}

void MainWindow::startSweep(const nlohmann::json& spec, const std::string& sweepId) {
    // librdkafka's checks of every point's properties (the editor checks the spec's own).
    const auto prepared = prepare_sweep(spec);
    if (!prepared.ok()) {
        pages_->setCurrentWidget(editor_);
        statusBar()->showMessage(
            tr("The sweep cannot run: %1")
                .arg(QString::fromStdString(prepared.errors.front().to_string())),
            15000);
        return;
    }
    if (!controller_->startSweep(prepared.sweep, sweepId, library_->store().workspace()))
        return;
    sweepName_ = QString::fromStdString(prepared.sweep.plan.base.value("name", ""));
    runPage_->beginLive(tr("Sweep %1").arg(QString::fromStdString(sweepId)));
    pages_->setCurrentWidget(runPage_);
    editor_->setRunning(true);
    statusBar()->showMessage(tr("Sweep %1: %2 point(s) × %3 repeat(s)")
                                 .arg(QString::fromStdString(sweepId))
                                 .arg(prepared.sweep.points.size())
                                 .arg(prepared.sweep.plan.repeats));
    updateWidgets();
}

void MainWindow::resumeSweep(const QString& sweepId) {
    if (controller_->running())
        return;
    std::vector<RunRecord> runs;
    for (const auto& r : library_->model()->runs())
        runs.push_back(*r);
    const auto spec = saved_sweep_spec(runs, sweepId.toStdString());
    if (spec.is_null())
        return;
    startSweep(spec, sweepId.toStdString());
}

void MainWindow::onSweepFinished(const QString& sweepId, bool cancelled, const QString& error) {
    editor_->setRunning(false);
    library_->reload();
    sweeps_->setRuns(library_->model()->runs());
    sweeps_->showSweep(sweepId);
    pages_->setCurrentWidget(sweeps_);
    if (!error.isEmpty())
        statusBar()->showMessage(tr("Sweep %1 stopped: %2").arg(sweepId, error), 15000);
    else if (cancelled)
        statusBar()->showMessage(tr("Sweep %1 cancelled; its finished runs are saved. Resume it "
                                    "from the Sweeps page.")
                                     .arg(sweepId),
                                 15000);
    else
        statusBar()->showMessage(tr("Sweep %1 finished").arg(sweepId), 10000);
    updateWidgets();
}

void MainWindow::cancelRun() {
    if (controller_->running())
        runPage_->cancelButton()->click();
}

void MainWindow::onRunFinished(const std::shared_ptr<const RunRecord>& record) {
    QString savedTo;
    try {
        savedTo = QString::fromStdString(library_->store().save(*record).string());
    } catch (const std::exception& e) {
        // Keep the record: let the user pick a folder that can be written.
        QMessageBox::warning(
            this, tr("Run not saved"),
            tr("The run finished but could not be saved in the workspace:\n%1\n\n"
               "Choose a workspace folder you can write to; the run is saved there.")
                .arg(QString::fromStdString(e.what())));
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Save the run in workspace"));
        if (!folder.isEmpty()) {
            try {
                savedTo =
                    QString::fromStdString(RunStore(folder.toStdString()).save(*record).string());
                AppSettings::setWorkspace(folder);
                setWorkspace(folder);
            } catch (const std::exception& e2) {
                QMessageBox::warning(this, tr("Run not saved"), QString::fromStdString(e2.what()));
            }
        }
    }
    lastRun_ = record;
    runPage_->endLive(*record, savedTo);
    editor_->setRunning(false);
    library_->reload();
    library_->selectRun(record->id);
    statusBar()->showMessage(tr("Run %1 ended: %2")
                                 .arg(QString::fromStdString(record->id),
                                      record->verdict.valid ? tr("valid") : tr("INVALID")),
                             10000);
    updateWidgets();
    emit runFinished(record);
}

void MainWindow::compareSelected() {
    const auto runs = library_->selectedRuns();
    if (runs.size() < 2) {
        pages_->setCurrentWidget(library_);
        statusBar()->showMessage(tr("Select two or more runs in the library to compare them."),
                                 5000);
        return;
    }
    compare_->setRuns(runs);
    pages_->setCurrentWidget(compare_);
}

void MainWindow::exportReport(const std::vector<RunPtr>& runs) {
    if (runs.empty()) {
        statusBar()->showMessage(tr("Select one or more runs for a report."), 5000);
        return;
    }
    ReportDialog dialog(runs, QDir(library_->workspace()).filePath("reports"), this);
    dialog.exec();
}

void MainWindow::exportSweepReport(const SweepResults& results) {
    ReportDialog dialog(results, QDir(library_->workspace()).filePath("reports"), this);
    dialog.exec();
}

void MainWindow::updateWidgets() {
    const bool running = controller_->running();
    runAction_->setEnabled(!running);
    cancelAction_->setEnabled(running);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (controller_->running()) {
        if (QMessageBox::question(this, tr("Quit"),
                                  tr("A run is going on. Cancel it and quit? Its partial record "
                                     "is saved as cancelled."),
                                  QMessageBox::Yes | QMessageBox::No,
                                  QMessageBox::No) != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        // Wait (bounded) for the cancelled run to end so its record is saved like any other.
        QEventLoop loop;
        connect(this, &MainWindow::runFinished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        controller_->cancel();
        loop.exec();
    }
    if (editor_->document()->modified() &&
        QMessageBox::question(
            this, tr("Quit"), tr("The experiment has unsaved changes. Quit anyway?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    AppSettings::setWindow(saveGeometry(), saveState());
    AppSettings::setCurrentPage(pages_->currentIndex());
    if (!editor_->currentFile().isEmpty())
        AppSettings::setLastExperiment(editor_->currentFile());
    event->accept();
}

} // namespace ktw::gui
