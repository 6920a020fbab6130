#include "gui/sweeps/sweeps_page.h"

#include "core/sweep/sweep_results.h"
#include "gui/sweeps/sweep_results_view.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace ktw::gui {

SweepsPage::SweepsPage(QWidget* parent) : QWidget(parent) {
    list_ = new QListWidget;
    list_->setObjectName("sweepList");
    empty_ = new QLabel(tr("No sweeps in this workspace yet. Give an experiment a sweep on the "
                           "editor's Sweep tab, or run ktw-cli sweep SPEC.json."));
    empty_->setWordWrap(true);
    view_ = new SweepResultsView;
    resume_ = new QPushButton(tr("Resume sweep"));
    resume_->setToolTip(tr("Run what is missing of the chosen sweep (runs still to do, and "
                           "cancelled ones), with the settings its runs saved"));
    resume_->setEnabled(false);
    connect(resume_, &QPushButton::clicked, this, [this] {
        if (!view_->results().id.empty())
            emit resumeRequested(QString::fromStdString(view_->results().id));
    });
    report_ = new QPushButton(tr("Export report…"));
    report_->setToolTip(tr("HTML, PDF, Markdown, CSV or JSON report of the chosen sweep: its "
                           "points with confidence intervals, the trade-off chart, the best "
                           "point"));
    report_->setEnabled(false);
    connect(report_, &QPushButton::clicked, this, [this] {
        if (!view_->results().id.empty())
            emit reportRequested(view_->results());
    });
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Sweeps (newest last)")));
    leftLayout->addWidget(list_, 1);
    leftLayout->addWidget(empty_);
    leftLayout->addWidget(resume_);
    leftLayout->addWidget(report_);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(view_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({320, 960}); // sweep ids are about 45 characters
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    connect(list_, &QListWidget::currentTextChanged, this, [this](const QString& text) {
        if (!text.isEmpty())
            showSweep(text.section(' ', 0, 0));
    });
}

void SweepsPage::setRuns(const std::vector<RunPtr>& runs) {
    runs_.clear();
    for (const auto& r : runs)
        if (r->sweep)
            runs_.push_back(*r);
    const QString current = list_->currentItem() ? list_->currentItem()->text() : QString();
    {
        const QSignalBlocker block(list_);
        list_->clear();
        for (const auto& [id, count] : list_sweeps(runs_))
            list_->addItem(tr("%1 (%n run(s))", "", count).arg(QString::fromStdString(id)));
    }
    empty_->setVisible(list_->count() == 0);
    const QString id = current.section(' ', 0, 0);
    if (id.isEmpty() || !showSweep(id)) {
        view_->clear();
        resume_->setEnabled(false);
        report_->setEnabled(false);
    }
}

bool SweepsPage::showSweep(const QString& id) {
    SweepResults results;
    try {
        results = summarize_sweep(runs_, id.toStdString());
    } catch (const std::runtime_error&) {
        return false;
    }
    view_->setResults(results);
    report_->setEnabled(true);
    // Missing: fewer valid-or-invalid finished runs than planned.
    const auto done = finished_sweep_runs(runs_, id.toStdString());
    resume_->setEnabled(static_cast<int>(done.size()) < results.planned_points * results.repeats);
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->text().section(' ', 0, 0) == id) {
            const QSignalBlocker block(list_);
            list_->setCurrentRow(i);
        }
    return true;
}

} // namespace ktw::gui
