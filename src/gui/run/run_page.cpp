#include "gui/run/run_page.h"
#include "gui/widgets/status_color.h"

#include "gui/widgets/advisor_panel.h"
#include "gui/run/run_controller.h"
#include "core/advisor/run_diagnosis.h"
#include "gui/run/run_plots.h"
#include "gui/run/run_summary_html.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ktw::gui {
namespace {

QString seconds_text(double s) {
    if (s < 60)
        return QString::number(s, 'f', 1) + " s";
    return QString("%1 min %2 s").arg(static_cast<int>(s) / 60).arg(static_cast<int>(s) % 60);
}

} // namespace

RunPage::RunPage(RunController* controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
    title_ = new QLabel(tr("No run yet: edit an experiment and press Run (Ctrl+R)."));
    QFont f = title_->font();
    f.setBold(true);
    title_->setFont(f);
    phase_ = new QLabel;
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    time_ = new QLabel;
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the run (Esc); the partial record is kept as cancelled"));
    cancel_->setEnabled(false);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        controller_->cancel();
        cancel_->setEnabled(false);
        phase_->setText(tr("cancelling…"));
    });

    auto* header = new QHBoxLayout;
    header->addWidget(title_);
    header->addWidget(phase_);
    header->addWidget(progress_, 1);
    header->addWidget(time_);
    header->addWidget(cancel_);

    plots_ = new RunPlots;
    summary_ = new QTextBrowser;
    summary_->setObjectName("runSummary");
    log_ = new QPlainTextEdit;
    log_->setObjectName("runLog");
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setPlaceholderText(tr("Client errors and warnings appear here"));

    diagnosis_ = new AdvisorPanel(tr("Diagnosis"), /*clickable=*/false);
    diagnosis_->setObjectName("runDiagnosis");
    diagnosis_->setMessage(tr("The advisor's diagnosis of a run appears here when it ends."));
    auto* side = sideSplit_ = new QSplitter(Qt::Vertical);
    side->addWidget(diagnosis_);
    side->addWidget(log_);
    side->setStretchFactor(0, 1);
    side->setStretchFactor(1, 1);

    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(summary_);
    bottom->addWidget(side);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(plots_);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({560, 300});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(split, 1);

    // About 30 frames a second (at most 33): take what the runner queued, add it to the plots, draw
    // the visible plot. Nothing per message reaches this thread.
    frameTimer_.setInterval(30);
    connect(&frameTimer_, &QTimer::timeout, this, &RunPage::onFrame);
}

void RunPage::beginLive(const QString& name) {
    title_->setText(tr("Running: %1").arg(name));
    phase_->setText(tr("starting"));
    progress_->setValue(0);
    time_->clear();
    time_->setStyleSheet(QString());
    cancel_->setEnabled(true);
    plots_->clear();
    summary_->setHtml(tr("<p>The verdict appears here when the run ends.</p>"));
    diagnosis_->setMessage(tr("The advisor's diagnosis appears here when the run ends."));
    // While a run goes on its log matters (client errors); afterwards, the diagnosis.
    const int height = sideSplit_->height();
    sideSplit_->setSizes({height / 4, height - height / 4});
    log_->clear();
    lastProgress_ = 0;
    frames_ = 0;
    clock_.start();
    frameTimer_.start();
}

void RunPage::onFrame() {
    ++frameTicks_;
    RunController::Progress p = controller_->takeProgress();
    if (p.phase)
        phase_->setText(QString(to_string(*p.phase)));
    for (const auto& e : p.log)
        appendLog(e);
    for (const auto& s : p.snapshots)
        plots_->append(s.interval);
    if (!p.snapshots.empty()) {
        const auto& last = p.snapshots.back();
        lastProgress_ = last.progress;
        progress_->setValue(static_cast<int>(last.progress * 1000));
        QString text = tr("elapsed %1").arg(seconds_text(last.elapsed_s));
        if (last.progress > 0.02 && last.progress < 1)
            text += tr(" · ETA %1")
                        .arg(seconds_text(last.elapsed_s * (1 - last.progress) / last.progress));
        text += tr(" · acked %1 · consumed %2")
                    .arg(QLocale().toString(static_cast<qulonglong>(last.acked)),
                         QLocale().toString(static_cast<qulonglong>(last.consumed)));
        time_->setText(text);
    }
    if (plots_->replotIfDirty())
        ++frames_;
}

void RunPage::appendLog(const LogEntry& e) {
    const QString color = e.level == LogLevel::Error     ? status_color_name(Status::Bad)
                          : e.level == LogLevel::Warning ? status_color_name(Status::Warning)
                                                         : QString();
    QString line = QString("[%1s] %2 %3: %4")
                       .arg(e.t, 6, 'f', 1)
                       .arg(QString(to_string(e.level)), QString::fromStdString(e.source),
                            QString::fromStdString(e.message))
                       .toHtmlEscaped();
    log_->appendHtml(
        color.isEmpty() ? line : QString("<span style='color:%1'>%2</span>").arg(color, line));
}

void RunPage::endLive(const RunRecord& record, const QString& savedTo) {
    onFrame(); // whatever arrived after the last frame
    frameTimer_.stop();
    cancel_->setEnabled(false);
    progress_->setValue(record.verdict.valid ? 1000 : progress_->value());
    phase_->setText(QString::fromStdString(to_string(record.status)));
    title_->setText(tr("Finished: %1").arg(QString::fromStdString(record.id)));
    // From now on the plots show exactly what was saved (the final interval included, the
    // idle ticks before producing started left out).
    plots_->showRecord(record);
    showFinished(record);
    QString html = run_summary_html(record);
    html += savedTo.isEmpty() ? tr("<p><b>Not saved</b> (see the message).</p>")
                              : tr("<p>Saved: %1</p>").arg(savedTo.toHtmlEscaped());
    summary_->setHtml(html);
}

void RunPage::showRecord(const RunRecord& record) {
    title_->setText(tr("Saved run: %1").arg(QString::fromStdString(record.id)));
    phase_->setText(QString::fromStdString(to_string(record.status)));
    progress_->setValue(1000);
    cancel_->setEnabled(false);
    log_->clear();
    for (const auto& e : record.log)
        appendLog(e);
    plots_->showRecord(record);
    showFinished(record);
    summary_->setHtml(run_summary_html(record));
}

void RunPage::showDiagnosis(const RunRecord& record) {
    diagnosis_->setAdvice(diagnose_run(record),
                          record.status == RunStatus::Failed
                              ? tr("A failed run measured nothing to diagnose; the verdict "
                                   "says why it failed.")
                              : tr("Nothing to remark: no part of the measured breakdown stands "
                                   "out (docs/advisor.md lists what is looked at)."));
    const int height = sideSplit_->height();
    const int wanted = diagnosis_->cards().empty() ? height / 4 : height * 2 / 3;
    sideSplit_->setSizes({wanted, height - wanted});
}

void RunPage::showFinished(const RunRecord& record) {
    showDiagnosis(record);
    time_->setText(tr("%1 · %2").arg(seconds_text(record.summary.elapsed_s), verdict_line(record)));
    time_->setStyleSheet(status_style(record.verdict.valid ? Status::Good : Status::Bad));
}

} // namespace ktw::gui
