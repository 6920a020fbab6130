#include "gui/sweeps/sweep_results_view.h"

#include "gui/widgets/plot_style.h"
#include "core/util/text_format.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace ktw::gui {
namespace {

const QColor kMeets(0x2c, 0xa0, 0x2c);
const QColor kBest(0xd6, 0x27, 0x28);

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

// A cell showing mean ± CI whose sort key is the mean.
QTableWidgetItem* figure_item(const SampleStatistics& s, int decimals) {
    auto* item = new QTableWidgetItem(text(format_mean_ci(s, decimals)));
    item->setData(Qt::UserRole, s.mean);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (s.n > 0)
        item->setToolTip(QObject::tr("n = %1, mean %2, sample standard deviation %3%4")
                             .arg(s.n)
                             .arg(s.mean, 0, 'f', 3)
                             .arg(s.stddev, 0, 'f', 3)
                             .arg(s.ci95 ? QObject::tr(", 95% CI ± %1").arg(*s.ci95, 0, 'f', 3)
                                         : QObject::tr(", one run: no interval")));
    return item;
}

} // namespace

SweepResultsView::SweepResultsView(QWidget* parent) : QWidget(parent) {
    header_ = new QLabel;
    header_->setObjectName("sweepHeader");
    header_->setWordWrap(true);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header_->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    table_ = new QTableWidget(0, ColumnCount);
    table_->setObjectName("sweepTable");
    table_->setHorizontalHeaderLabels(
        {tr("#"), tr("Point"), tr("Runs (valid)"), tr("Produce msg/s"), tr("Consume msg/s"),
         tr("Ack p99 ms"), tr("E2E p99 ms"), tr("Produce MiB/s"), tr("Frontier"), tr("Targets")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);

    plot_ = new QCustomPlot;
    plot_->setObjectName("sweepPlot");
    plot_->setMinimumHeight(260);
    style_plot(plot_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot_->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    // The legend goes below the axes, in one row: inside, it would hide points.
    auto* legendRow = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(5, 0, 5, 5));
    legendRow->addElement(0, 0, plot_->legend);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->setAntialiasedElements(QCP::aeAll); // a handful of points: look beats speed here

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(table_);
    split->addWidget(plot_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(header_);
    layout->addWidget(split, 1);
    clear();
}

void SweepResultsView::clear() {
    results_ = SweepResults{};
    header_->setText(tr("Choose a sweep."));
    table_->setRowCount(0);
    plot_->clearGraphs();
    plot_->clearPlottables();
    plot_->clearItems();
    plot_->replot();
}

void SweepResultsView::setResults(const SweepResults& results) {
    results_ = results;
    fillHeader();
    fillTable();
    fillPlot();
}

void SweepResultsView::fillHeader() {
    const auto& r = results_;
    QString html = tr("<b>%1</b> &nbsp; <span style='color:gray'>%2</span><br>")
                       .arg(text(r.name).toHtmlEscaped(), text(r.id).toHtmlEscaped());
    html += tr("%1 point(s) × %2 repeat(s). Figures are the mean ± 95% confidence interval "
               "(Student's t) over each point's valid runs; %3 warm-up and %4 invalid run(s) "
               "are excluded.")
                .arg(r.planned_points)
                .arg(r.repeats)
                .arg(r.warmup_runs)
                .arg(r.invalid_runs);
    if (!r.targets.empty())
        html += tr("<br>Targets: %1.").arg(text(describe_sweep_targets(r.targets)).toHtmlEscaped());
    if (r.best) {
        const auto& p = r.points[r.best->point];
        QStringList settings;
        for (const auto& s : r.best->settings)
            settings << text(s).toHtmlEscaped();
        html += tr("<br><b style='color:%1'>Best: #%2 %3</b>: %4. Settings: %5.")
                    .arg(kBest.name())
                    .arg(p.index)
                    .arg(text(p.label).toHtmlEscaped(), text(r.best->reason).toHtmlEscaped(),
                         settings.join(", "));
        if (!r.best->runner_up.empty())
            html += tr("<br>Runner-up: %1.").arg(text(r.best->runner_up).toHtmlEscaped());
    } else {
        html += tr("<br><b>No best point</b>: %1.").arg(text(r.best_note).toHtmlEscaped());
    }
    header_->setText(html);
}

void SweepResultsView::fillTable() {
    const auto& r = results_;
    table_->setSortingEnabled(false);
    table_->setRowCount(static_cast<int>(r.points.size()));
    for (int row = 0; row < static_cast<int>(r.points.size()); ++row) {
        const auto& p = r.points[row];
        auto* index = new QTableWidgetItem;
        index->setData(Qt::DisplayRole, p.index);
        table_->setItem(row, PointColumn, index);
        table_->setItem(row, LabelColumn, new QTableWidgetItem(text(p.label)));
        auto* runs = new QTableWidgetItem(tr("%1 (%2)").arg(p.runs).arg(p.valid_runs));
        runs->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, RunsColumn, runs);
        table_->setItem(row, ProduceColumn, figure_item(p.produce_msgs_per_s, 0));
        table_->setItem(row, ConsumeColumn, figure_item(p.consume_msgs_per_s, 0));
        table_->setItem(row, AckColumn, figure_item(p.ack_p99_ms, 2));
        table_->setItem(row, E2eColumn, figure_item(p.e2e_p99_ms, 2));
        table_->setItem(row, MibColumn, figure_item(p.produce_mib_per_s, 2));
        table_->setItem(row, FrontierColumn, new QTableWidgetItem(p.on_frontier ? tr("yes") : ""));
        QString targets;
        if (!r.targets.empty() && p.valid_runs > 0) {
            QStringList missed;
            for (const auto& m : p.missed)
                missed << text(m);
            targets = p.meets_targets ? tr("met") : tr("missed: %1").arg(missed.join(", "));
        }
        auto* t = new QTableWidgetItem(targets);
        if (p.meets_targets)
            t->setForeground(kMeets);
        table_->setItem(row, TargetsColumn, t);
        const bool best = r.best && r.best->point == p.index;
        for (int c = 0; c < ColumnCount; ++c) {
            QFont f = table_->item(row, c)->font();
            f.setBold(best);
            table_->item(row, c)->setFont(f);
        }
    }
    table_->setSortingEnabled(true);
    table_->sortItems(PointColumn, Qt::AscendingOrder); // expansion order until the user sorts
}

void SweepResultsView::fillPlot() {
    const auto& r = results_;
    plot_->clearGraphs();
    plot_->clearPlottables();
    plot_->clearItems();
    const QString latency = r.latency_kind == "ack" ? tr("ack") : tr("end-to-end");
    plot_->xAxis->setLabel(tr("%1 p99 (ms), mean of the valid runs").arg(latency));
    plot_->yAxis->setLabel(tr("produce throughput (msg/s)"));

    std::vector<const SweepPointResult*> measured;
    for (const auto& p : r.points)
        if (p.valid_runs > 0)
            measured.push_back(&p);
    std::sort(measured.begin(), measured.end(), [&](auto* a, auto* b) {
        return frontier_latency(r, *a).mean < frontier_latency(r, *b).mean;
    });
    const QColor fg = palette().color(QPalette::WindowText);

    // Every point, hollow, with its 95% intervals on both axes (one run: none).
    auto* all = plot_->addGraph();
    all->setName(tr("points (bars: 95% CI)"));
    all->setLineStyle(QCPGraph::lsNone);
    all->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, fg, 8));
    auto* yBars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
    yBars->removeFromLegend();
    yBars->setDataPlottable(all);
    yBars->setErrorType(QCPErrorBars::etValueError);
    auto* xBars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
    xBars->removeFromLegend();
    xBars->setDataPlottable(all);
    xBars->setErrorType(QCPErrorBars::etKeyError);
    QColor barColor = fg;
    barColor.setAlpha(110);
    yBars->setPen(QPen(barColor));
    xBars->setPen(QPen(barColor));
    double maxX = 0, maxY = 0;
    for (const auto* p : measured) {
        const auto& lat = frontier_latency(r, *p);
        all->addData(lat.mean, p->produce_msgs_per_s.mean);
        yBars->addData(p->produce_msgs_per_s.ci95.value_or(0));
        xBars->addData(lat.ci95.value_or(0));
        maxX = std::max(maxX, lat.mean);
        maxY = std::max(maxY, p->produce_msgs_per_s.mean);
        auto* label = new QCPItemText(plot_);
        label->position->setCoords(lat.mean, p->produce_msgs_per_s.mean);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(5, 0, 0, 3));
        label->setText(QString("#%1").arg(p->index));
        label->setColor(fg);
        label->setClipToAxisRect(true);
    }

    if (!r.targets.empty()) {
        auto* meets = plot_->addGraph();
        meets->setName(tr("meet the targets"));
        meets->setLineStyle(QCPGraph::lsNone);
        meets->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kMeets, 8));
        for (const auto* p : measured)
            if (p->meets_targets)
                meets->addData(frontier_latency(r, *p).mean, p->produce_msgs_per_s.mean);
        QPen targetPen(kMeets, 1, Qt::DashLine);
        const auto& latencyTarget =
            r.latency_kind == "ack" ? r.targets.max_ack_p99_ms : r.targets.max_e2e_p99_ms;
        if (latencyTarget) {
            auto* line = new QCPItemStraightLine(plot_);
            line->point1->setCoords(*latencyTarget, 0);
            line->point2->setCoords(*latencyTarget, 1);
            line->setPen(targetPen);
            maxX = std::max(maxX, *latencyTarget);
        }
        if (r.targets.min_produce_msgs_per_s) {
            auto* line = new QCPItemStraightLine(plot_);
            line->point1->setCoords(0, *r.targets.min_produce_msgs_per_s);
            line->point2->setCoords(1, *r.targets.min_produce_msgs_per_s);
            line->setPen(targetPen);
            maxY = std::max(maxY, *r.targets.min_produce_msgs_per_s);
        }
    }

    auto* frontier = plot_->addGraph();
    frontier->setName(tr("frontier (no point faster and lower)"));
    frontier->setPen(QPen(series_color(0), 2));
    frontier->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssNone));
    for (int i : r.frontier)
        frontier->addData(frontier_latency(r, r.points[i]).mean,
                          r.points[i].produce_msgs_per_s.mean);

    if (r.best) {
        const auto& p = r.points[r.best->point];
        auto* best = plot_->addGraph();
        best->setName(tr("best: #%1").arg(p.index));
        best->setLineStyle(QCPGraph::lsNone);
        best->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(kBest, 2), kBest, 16));
        best->addData(frontier_latency(r, p).mean, p.produce_msgs_per_s.mean);
    }
    // From zero: throughput and latency read as proportions, not as differences.
    plot_->xAxis->setRange(0, maxX > 0 ? maxX * 1.15 : 1);
    plot_->yAxis->setRange(0, maxY > 0 ? maxY * 1.15 : 1);
    plot_->replot();
}

} // namespace ktw::gui
