#pragma once
// The main window: the four pages (experiment, run, library, compare), menus with keyboard
// shortcuts, and the run's life cycle (start, finish, save to the workspace).

#include "run_library_model.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QTabWidget;

namespace ktw::gui {

class ComparePage;
class ExperimentEditorPage;
class RunController;
class RunLibraryPage;
class RunPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    enum Page { EditorPage, LivePage, LibraryPage, ComparisonPage };
    ExperimentEditorPage* editor() const { return editor_; }
    RunPage* runPage() const { return runPage_; }
    RunLibraryPage* library() const { return library_; }
    ComparePage* comparePage() const { return compare_; }
    RunController* controller() const { return controller_; }
    QTabWidget* pages() const { return pages_; }

    void setWorkspace(const QString& path);
    /// The record of the last run that ended in this window (nullptr before).
    RunPtr lastRun() const { return lastRun_; }

  public slots:
    void startRun();
    void cancelRun();
    void compareSelected();
    void chooseWorkspace();
    void exportReport(const std::vector<ktw::gui::RunPtr>& runs);

  signals:
    void runFinished(const ktw::gui::RunPtr& record);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildMenus();
    void onRunFinished(const std::shared_ptr<const RunRecord>& record);
    void updateWidgets();

    RunController* controller_;
    QTabWidget* pages_;
    ExperimentEditorPage* editor_;
    RunPage* runPage_;
    RunLibraryPage* library_;
    ComparePage* compare_;
    QLabel* workspaceLabel_;
    QAction* runAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* compareAction_ = nullptr;
    RunPtr lastRun_;
};

} // namespace ktw::gui
