#pragma once
// The plots of one run, live or replayed from its record: produced vs consumed msgs/s and
// MiB/s, ack and end-to-end latency percentiles per interval, consumer lag, polls.

#include "core/record/run_record.h"

#include <QTabWidget>

class QCustomPlot;

namespace ktw::gui {

class RunPlots : public QTabWidget {
    Q_OBJECT
  public:
    explicit RunPlots(QWidget* parent = nullptr);

    enum Plot { Throughput, Bandwidth, Latency, Lag, Polls, PlotCount };
    QCustomPlot* plot(Plot which) const { return plots_[which]; }

    void clear();
    /// Adds one collector interval to every plot (cheap: no drawing).
    void append(const IntervalPoint& p);
    /// Shows a finished run's whole time series.
    void showRecord(const RunRecord& record);
    /// Rescales and redraws the visible plot if data arrived since the last call; returns
    /// whether it drew (hidden plots are drawn when their tab is shown).
    bool replotIfDirty();
    int points() const { return points_; }
    int replots() const { return replots_; }

  private:
    void markWarmupEnd(double t);
    QCustomPlot* makePlot(const QString& title, const QString& yLabel);

    QCustomPlot* plots_[PlotCount] = {};
    bool dirty_[PlotCount] = {};
    int points_ = 0;
    int replots_ = 0;
    bool warmupMarked_ = false;
    bool inWarmup_ = false;
};

} // namespace ktw::gui
