#pragma once
// The main window: the five pages (experiment, run, library, compare, sweeps), menus with keyboard
// shortcuts, and the run's life cycle (start, finish, save to the workspace).

#include "gui/library/run_library_model.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QTabWidget;

namespace ktw {
struct SweepResults;
}

namespace ktw::gui {

class ComparePage;
class ExperimentEditorPage;
class RunController;
class RunLibraryPage;
class RunPage;
class SweepsPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    enum Page { EditorPage, LivePage, LibraryPage, ComparisonPage, SweepPage };
    ExperimentEditorPage* editor() const { return editor_; }
    RunPage* runPage() const { return runPage_; }
    RunLibraryPage* library() const { return library_; }
    ComparePage* comparePage() const { return compare_; }
    SweepsPage* sweepsPage() const { return sweeps_; }
    RunController* controller() const { return controller_; }
    QTabWidget* pages() const { return pages_; }

    void setWorkspace(const QString& path);
    /// The record of the last run that ended in this window (nullptr before).
    RunPtr lastRun() const { return lastRun_; }

  public slots:
    /// Runs the editor's experiment: a single run, or its sweep when it has one.
    void startRun();
    /// Resumes a saved sweep with the spec its runs saved (its finished runs are skipped).
    void resumeSweep(const QString& sweepId);
    void cancelRun();
    void compareSelected();
    void chooseWorkspace();
    void exportReport(const std::vector<ktw::gui::RunPtr>& runs);
    void exportSweepReport(const ktw::SweepResults& results);

  signals:
    void runFinished(const ktw::gui::RunPtr& record);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildMenus();
    void onRunFinished(const std::shared_ptr<const RunRecord>& record);
    void startSweep(const nlohmann::json& spec, const std::string& sweepId);
    void onSweepFinished(const QString& sweepId, bool cancelled, const QString& error);
    void updateWidgets();

    RunController* controller_;
    QTabWidget* pages_;
    ExperimentEditorPage* editor_;
    RunPage* runPage_;
    RunLibraryPage* library_;
    ComparePage* compare_;
    SweepsPage* sweeps_;
    QLabel* workspaceLabel_;
    QAction* runAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* compareAction_ = nullptr;
    RunPtr lastRun_;
    QString sweepName_; ///< the running sweep's experiment name (the editor may change)
};

} // namespace ktw::gui
