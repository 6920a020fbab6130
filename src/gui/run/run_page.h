#pragma once
// The run page: a live run (phase, progress with elapsed time and ETA, Cancel, live plots,
// client errors and warnings, the verdict when it ends) or a saved run shown again.

#include "core/record/run_record.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QSplitter;
class QPushButton;
class QTextBrowser;

namespace ktw::gui {

class AdvisorPanel;
class RunController;
class RunPlots;

class RunPage : public QWidget {
    Q_OBJECT
  public:
    RunPage(RunController* controller, QWidget* parent = nullptr);

    RunPlots* plots() const { return plots_; }
    QPushButton* cancelButton() const { return cancel_; }
    QProgressBar* progressBar() const { return progress_; }
    QTextBrowser* summary() const { return summary_; }
    QPlainTextEdit* logView() const { return log_; }
    QLabel* phaseLabel() const { return phase_; }
    /// The advisor's diagnosis of the run shown (after it ended, or of a saved run).
    AdvisorPanel* diagnosis() const { return diagnosis_; }
    /// Frame statistics of the live view (the GUI benchmark reads them).
    int frames() const { return frames_; }
    /// Frame timer ticks handled (a frame is drawn on a tick only when data arrived).
    int frameTicks() const { return frameTicks_; }

    /// A run was started: clear the view and follow it.
    void beginLive(const QString& name);
    /// The live run ended with this record.
    void endLive(const RunRecord& record, const QString& savedTo);
    /// Shows a saved run (plots, summary, log).
    void showRecord(const RunRecord& record);

  private:
    void onFrame();
    void appendLog(const LogEntry& e);
    void showFinished(const RunRecord& record);
    void showDiagnosis(const RunRecord& record);

    RunController* controller_;
    QLabel* title_;
    QLabel* phase_;
    QProgressBar* progress_;
    QLabel* time_;
    QPushButton* cancel_;
    RunPlots* plots_;
    QTextBrowser* summary_;
    AdvisorPanel* diagnosis_;
    QSplitter* sideSplit_; // the diagnosis above the log
    QPlainTextEdit* log_;
    QTimer frameTimer_;
    QElapsedTimer clock_;
    double lastProgress_ = 0;
    int frames_ = 0;
    int frameTicks_ = 0;
};

} // namespace ktw::gui
