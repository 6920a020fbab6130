#include "gui/run/run_plots.h"

#include "gui/widgets/plot_style.h"

#include <qcustomplot.h>

namespace ktw::gui {
namespace {

void add_graph(QCustomPlot* plot, const QString& name, int color,
               Qt::PenStyle style = Qt::SolidLine, QCPAxis* valueAxis = nullptr) {
    QCPGraph* g = plot->addGraph(plot->xAxis, valueAxis ? valueAxis : plot->yAxis);
    g->setName(name);
    g->setPen(QPen(series_color(color), 1, style));
    g->setAdaptiveSampling(true);
}

double ms(uint64_t us) {
    return static_cast<double>(us) / 1000.0;
}

} // namespace

RunPlots::RunPlots(QWidget* parent) : QTabWidget(parent) {
    plots_[Throughput] = makePlot(tr("Messages/s"), tr("messages per second"));
    add_graph(plots_[Throughput], tr("produced (acknowledged)"), 0);
    add_graph(plots_[Throughput], tr("consumed"), 1);
    plots_[Bandwidth] = makePlot(tr("MiB/s"), tr("MiB per second"));
    add_graph(plots_[Bandwidth], tr("produced"), 0);
    add_graph(plots_[Bandwidth], tr("consumed"), 1);
    plots_[Latency] = makePlot(tr("Latency"), tr("latency per interval (ms)"));
    add_graph(plots_[Latency], tr("ack p50"), 0);
    add_graph(plots_[Latency], tr("ack p99"), 0, Qt::DashLine);
    add_graph(plots_[Latency], tr("ack p99.9"), 0, Qt::DotLine);
    add_graph(plots_[Latency], tr("end-to-end p50"), 2);
    add_graph(plots_[Latency], tr("end-to-end p99"), 2, Qt::DashLine);
    add_graph(plots_[Latency], tr("end-to-end p99.9"), 2, Qt::DotLine);
    plots_[Lag] = makePlot(tr("Consumer lag"), tr("acknowledged − consumed (messages)"));
    add_graph(plots_[Lag], tr("backlog"), 3);
    plots_[Polls] = makePlot(tr("Polls"), tr("polls per second"));
    QCustomPlot* polls = plots_[Polls];
    polls->yAxis2->setVisible(true);
    polls->yAxis2->setLabel(tr("messages per poll"));
    add_graph(polls, tr("polls/s"), 4);
    add_graph(polls, tr("messages per non-empty poll (right axis)"), 5, Qt::SolidLine,
              polls->yAxis2);
    for (int i = 0; i < PlotCount; ++i)
        addTab(plots_[i], plots_[i]->objectName());
    // A hidden plot is not drawn while data arrives; draw it when it is shown.
    connect(this, &QTabWidget::currentChanged, this, [this](int i) {
        if (i >= 0 && i < PlotCount)
            dirty_[i] = true;
        replotIfDirty();
    });
}

QCustomPlot* RunPlots::makePlot(const QString& title, const QString& yLabel) {
    auto* plot = new QCustomPlot;
    plot->setObjectName(title);
    plot->setMinimumHeight(180);
    style_plot(plot);
    plot->yAxis->setLabel(yLabel);
    return plot;
}

void RunPlots::clear() {
    for (auto* plot : plots_) {
        for (int g = 0; g < plot->graphCount(); ++g)
            plot->graph(g)->data()->clear();
        plot->clearItems();
    }
    points_ = 0;
    warmupMarked_ = false;
    inWarmup_ = false;
    for (bool& d : dirty_)
        d = true;
}

void RunPlots::append(const IntervalPoint& p) {
    if (p.warmup)
        inWarmup_ = true;
    else if (inWarmup_ && !warmupMarked_)
        markWarmupEnd(p.t - p.dt);
    const double t = p.t;
    plots_[Throughput]->graph(0)->addData(t, p.produce_msgs_per_s);
    plots_[Throughput]->graph(1)->addData(t, p.consume_msgs_per_s);
    plots_[Bandwidth]->graph(0)->addData(t, p.produce_mib_per_s);
    plots_[Bandwidth]->graph(1)->addData(t, p.consume_mib_per_s);
    // An interval without samples has no percentile: leave a gap rather than draw a zero.
    auto latency = [&](int graph, uint64_t us) {
        plots_[Latency]->graph(graph)->addData(t, us ? ms(us) : qQNaN());
    };
    latency(0, p.ack_p50_us);
    latency(1, p.ack_p99_us);
    latency(2, p.ack_p999_us);
    latency(3, p.e2e_p50_us);
    latency(4, p.e2e_p99_us);
    latency(5, p.e2e_p999_us);
    plots_[Lag]->graph(0)->addData(t, static_cast<double>(p.backlog));
    plots_[Polls]->graph(0)->addData(t, p.dt > 0 ? static_cast<double>(p.polls) / p.dt : 0.0);
    plots_[Polls]->graph(1)->addData(t, p.nonempty_polls ? p.messages_per_poll : qQNaN());
    ++points_;
    for (bool& d : dirty_)
        d = true;
}

void RunPlots::markWarmupEnd(double t) {
    warmupMarked_ = true;
    for (auto* plot : plots_) {
        auto* line = new QCPItemStraightLine(plot);
        line->point1->setCoords(t, 0);
        line->point2->setCoords(t, 1);
        QColor c = plot->palette().color(QPalette::WindowText);
        c.setAlpha(120);
        line->setPen(QPen(c, 1, Qt::DashDotLine));
        auto* label = new QCPItemText(plot);
        label->setText(tr("warm-up ends"));
        label->setColor(c);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(t, 0.0); // top of the plot, clear of the tick labels
    }
}

void RunPlots::showRecord(const RunRecord& record) {
    clear();
    for (const auto& p : record.intervals)
        append(p);
    replotIfDirty();
}

bool RunPlots::replotIfDirty() {
    const int i = currentIndex();
    if (i < 0 || i >= PlotCount || !dirty_[i])
        return false;
    dirty_[i] = false;
    QCustomPlot* plot = plots_[i];
    plot->rescaleAxes(true);
    for (QCPAxis* axis : {plot->yAxis, plot->yAxis2}) {
        QCPRange r = axis->range();
        axis->setRange(std::min(0.0, r.lower), r.upper > 0 ? r.upper * 1.1 : 1.0);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
    ++replots_;
    return true;
}

} // namespace ktw::gui
