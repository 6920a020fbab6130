#pragma once
// Compare: two or more runs side by side (CompareTableModel) with a chosen baseline, and
// their time series overlaid (throughput, latency p99).

#include "gui/library/run_library_model.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QTableView;

namespace ktw::gui {

class CompareTableModel;

class ComparePage : public QWidget {
    Q_OBJECT
  public:
    explicit ComparePage(QWidget* parent = nullptr);

    void setRuns(const std::vector<RunPtr>& runs);
    const std::vector<RunPtr>& runs() const { return runs_; }
    CompareTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QComboBox* baselineBox() const { return baseline_; }
    /// The comparison's warnings (e.g. different librdkafka versions); hidden when none.
    QLabel* warningLabel() const { return warnings_; }
    QCustomPlot* throughputPlot() const { return throughput_; }
    QCustomPlot* latencyPlot() const { return latency_; }

  signals:
    void exportReport(const std::vector<ktw::gui::RunPtr>& runs);

  private:
    void fillPlots();

    std::vector<RunPtr> runs_;
    CompareTableModel* model_;
    QTableView* view_;
    QComboBox* baseline_;
    QLabel* hint_;
    QLabel* warnings_;
    QCustomPlot* throughput_;
    QCustomPlot* latency_;
};

} // namespace ktw::gui
