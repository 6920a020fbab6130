#pragma once
// Runs side by side: the settings that differ, throughput, latency percentiles, the poll and
// fetch breakdown, per-consumer figures and the verdict, each with its delta against the
// chosen baseline run and the best value of each row highlighted.

#include "core/analysis/run_comparison.h"

#include <QAbstractTableModel>

namespace ktw::gui {

class CompareTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    using QAbstractTableModel::QAbstractTableModel;

    void setComparison(RunComparison comparison, QStringList runNames);
    void setBaseline(int run);
    int baseline() const { return baseline_; }
    const RunComparison& comparison() const { return c_; }

    /// Row of a metric ("latency", "end-to-end p99"), or -1.
    int metricRow(const QString& section, const QString& label, const QString& unit = {}) const;
    /// Delta of run against the baseline in %, for a metric row (nullopt: no value or base 0).
    std::optional<double> deltaPercent(int row, int run) const;
    /// Whether the cell is marked as the best value of its row.
    bool isBest(int row, int run) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

  private:
    struct Row {
        enum Kind { Heading, Setting, Metric, Verdict } kind;
        int index = 0;
        QString heading;
    };
    QString cellText(const Row& row, int run) const;

    RunComparison c_;
    QStringList names_;
    std::vector<Row> rows_;
    int baseline_ = 0;
};

} // namespace ktw::gui
