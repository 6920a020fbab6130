#include "gui/compare/compare_page.h"

#include "gui/compare/compare_table_model.h"
#include "gui/widgets/plot_style.h"
#include "gui/widgets/status_color.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace ktw::gui {

ComparePage::ComparePage(QWidget* parent) : QWidget(parent), model_(new CompareTableModel(this)) {
    baseline_ = new QComboBox;
    baseline_->setToolTip(tr("Deltas are shown against this run"));
    connect(baseline_, &QComboBox::currentIndexChanged, model_, &CompareTableModel::setBaseline);
    hint_ =
        new QLabel(tr("Select two or more runs in the library and press Compare (Ctrl+Shift+C)."));
    auto* exportButton = new QPushButton(tr("Export report…"));
    connect(exportButton, &QPushButton::clicked, this, [this] {
        if (!runs_.empty())
            emit exportReport(runs_);
    });
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Baseline:")));
    bar->addWidget(baseline_);
    bar->addWidget(hint_, 1);
    bar->addWidget(exportButton);
    warnings_ = new QLabel;
    warnings_->setWordWrap(true);
    warnings_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    warnings_->setStyleSheet(status_style(Status::Warning));
    warnings_->hide();

    view_ = new QTableView;
    view_->setModel(model_);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    throughput_ = new QCustomPlot;
    style_plot(throughput_);
    throughput_->yAxis->setLabel(tr("msgs/s"));
    throughput_->xAxis->setLabel(tr("time since producing started (s)"));
    latency_ = new QCustomPlot;
    style_plot(latency_);
    latency_->yAxis->setLabel(tr("p99 (ms)"));
    latency_->xAxis->setLabel(tr("time since producing started (s)"));
    auto* plots = new QTabWidget;
    plots->addTab(throughput_, tr("Throughput over time (consumed; produced without consumers)"));
    plots->addTab(latency_, tr("Latency p99 over time (end-to-end; ack without consumers)"));

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(view_);
    split->addWidget(plots);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(warnings_);
    layout->addWidget(split, 1);
}

void ComparePage::setRuns(const std::vector<RunPtr>& runs) {
    // Oldest first: the first run is the default baseline, like a diary's "before".
    runs_ = runs;
    std::stable_sort(runs_.begin(), runs_.end(), [](const RunPtr& a, const RunPtr& b) {
        return a->environment.started_at < b->environment.started_at;
    });
    std::vector<RunRecord> records;
    QStringList names;
    for (const auto& r : runs_) {
        records.push_back(*r);
        names << display_name(*r) + "\n" + QString::fromStdString(r->id).left(15);
    }
    RunComparison comparison = compare_runs(records);
    QStringList warnings;
    for (const auto& w : comparison.warnings)
        warnings << tr("Warning: %1.").arg(QString::fromStdString(w));
    warnings_->setText(warnings.join('\n'));
    warnings_->setVisible(!warnings.isEmpty());
    model_->setComparison(std::move(comparison), names);
    {
        QSignalBlocker block(baseline_);
        baseline_->clear();
        for (const auto& r : runs_)
            baseline_->addItem(display_name(*r) + " (" + QString::fromStdString(r->id) + ")");
    }
    hint_->setText(tr("%1 runs; the best value of each row is highlighted").arg(runs.size()));
    fillPlots();
}

void ComparePage::fillPlots() {
    throughput_->clearGraphs();
    latency_->clearGraphs();
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        const auto& r = *runs_[i];
        const bool consumers = !r.summary.consumers.empty();
        const bool e2e = r.summary.e2e_us.count > 0;
        QCPGraph* t = throughput_->addGraph();
        QCPGraph* l = latency_->addGraph();
        for (QCPGraph* g : {t, l}) {
            g->setName(display_name(r) + " · " + QString::fromStdString(r.id).left(15));
            g->setPen(QPen(series_color(static_cast<int>(i)), 1));
        }
        // Align runs at the start of producing: group joins take different times.
        double go = 0;
        for (const auto& p : r.intervals)
            if (p.produced > 0) {
                go = p.t - p.dt;
                break;
            }
        for (const auto& p : r.intervals) {
            if (p.t < go)
                continue;
            t->addData(p.t - go, consumers ? p.consume_msgs_per_s : p.produce_msgs_per_s);
            const uint64_t us = e2e ? p.e2e_p99_us : p.ack_p99_us;
            l->addData(p.t - go, us ? static_cast<double>(us) / 1000.0 : qQNaN());
        }
    }
    for (QCustomPlot* plot : {throughput_, latency_}) {
        plot->rescaleAxes();
        plot->yAxis->setRangeLower(0);
        plot->replot();
    }
}

} // namespace ktw::gui
