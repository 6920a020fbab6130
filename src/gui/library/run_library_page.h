#pragma once
// The run library: every run in the workspace (the GUI's and ktw-cli's), filter and sort,
// open, compare, rename, tag, annotate, delete (with confirmation), export a report. Files
// that cannot be read are reported above the list and skipped.

#include "gui/library/run_library_model.h"
#include "core/record/run_store.h"

#include <QTimer>
#include <QWidget>

class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ktw::gui {

class RunLibraryPage : public QWidget {
    Q_OBJECT
  public:
    explicit RunLibraryPage(QWidget* parent = nullptr);

    void setWorkspace(const QString& path);
    QString workspace() const;
    const RunStore& store() const { return *store_; }

    RunLibraryModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QLineEdit* filterBox() const { return filter_; }
    QLabel* problemBanner() const { return banner_; }
    /// Selected runs in view order (sorted and filtered as shown).
    std::vector<RunPtr> selectedRuns() const;
    void selectRun(const std::string& id);

    /// Stores changed user fields (name, tags, notes) of a run; false with a message on failure.
    bool saveUserFields(const RunPtr& run, const nlohmann::json& user);

  public slots:
    void reload();
    void renameSelected();
    void editTagsSelected();
    void editNotesSelected();
    void deleteSelected();

  signals:
    void openRun(const ktw::gui::RunPtr& run);
    void compareRuns(const std::vector<ktw::gui::RunPtr>& runs);
    void exportReport(const std::vector<ktw::gui::RunPtr>& runs);
    void selectionChanged();

  private:
    void updateWidgets();

    std::unique_ptr<RunStore> store_;
    RunLibraryModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
    QLineEdit* filter_;
    QLabel* banner_;
    QLabel* count_;
    QFileSystemWatcher* watcher_;
    QTimer reloadTimer_;
    std::vector<QWidget*> needsSelection_;
    std::vector<QWidget*> needsTwo_;
};

} // namespace ktw::gui
