#pragma once
// The Sweeps page: the workspace's sweeps (runs grouped by sweep id, the GUI's and
// ktw-cli's) and the results of the chosen one.

#include "gui/library/run_library_model.h"
#include "core/sweep/sweep_results.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace ktw::gui {

class SweepResultsView;

class SweepsPage : public QWidget {
    Q_OBJECT
  public:
    explicit SweepsPage(QWidget* parent = nullptr);

    /// The workspace's runs (the library's); keeps the chosen sweep when it is still there.
    void setRuns(const std::vector<RunPtr>& runs);
    /// Shows a sweep's results; false when no run of it is known.
    bool showSweep(const QString& id);

    QListWidget* sweepList() const { return list_; }
    SweepResultsView* resultsView() const { return view_; }
    QPushButton* resumeButton() const { return resume_; }
    QPushButton* reportButton() const { return report_; }

  signals:
    /// Run the chosen sweep's missing runs (ktw-cli sweep --resume ID does the same).
    void resumeRequested(const QString& sweepId);
    /// Export a report of the shown sweep (ktw-cli report --sweep ID writes the same).
    void reportRequested(const SweepResults& results);

  private:
    std::vector<RunRecord> runs_; ///< only runs of sweeps
    QListWidget* list_;
    QLabel* empty_;
    QPushButton* resume_;
    QPushButton* report_;
    SweepResultsView* view_;
};

} // namespace ktw::gui
