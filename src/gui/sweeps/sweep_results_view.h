#pragma once
// One sweep's results: what was run and the best point (text), the table of points
// (mean ± 95% CI) and the throughput vs p99 scatter with the trade-off frontier, the points
// meeting the targets marked and the best one named.

#include "core/sweep/sweep_results.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace ktw::gui {

class SweepResultsView : public QWidget {
    Q_OBJECT
  public:
    explicit SweepResultsView(QWidget* parent = nullptr);

    enum Column {
        PointColumn,
        LabelColumn,
        RunsColumn,
        ProduceColumn,
        ConsumeColumn,
        AckColumn,
        E2eColumn,
        MibColumn,
        FrontierColumn,
        TargetsColumn,
        ColumnCount
    };

    void setResults(const SweepResults& results);
    void clear();
    const SweepResults& results() const { return results_; }

    QLabel* header() const { return header_; }
    QTableWidget* table() const { return table_; }
    QCustomPlot* plot() const { return plot_; }

  private:
    void fillHeader();
    void fillTable();
    void fillPlot();

    SweepResults results_;
    QLabel* header_;
    QTableWidget* table_;
    QCustomPlot* plot_;
};

} // namespace ktw::gui
