#pragma once
// Runs one experiment, or a sweep of them, on a worker thread and hands its progress to the
// GUI thread.
// Threading: the observer methods run on the runner's thread and only append to pending_
// under mutex_ (once per collector tick, never per message); the GUI thread takes the pending
// items on its frame timer. finished() is delivered on the GUI thread.

#include "engine/run/runner.h"
#include "engine/sweep/sweep_runner.h"

#include <QObject>
#include <QString>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace ktw::gui {

class RunController : public QObject, private SweepObserver {
    Q_OBJECT
  public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    /// Starts a run; false when one is already going on.
    bool start(RunRequest request);
    /// Starts a sweep (run_sweep: every run saved in workspace as it ends); false when busy.
    bool startSweep(PreparedSweep sweep, std::string sweepId, std::filesystem::path workspace);
    bool sweeping() const { return sweeping_; }
    /// Asks the running experiment to stop (it ends within about 2 s as "cancelled").
    void cancel();
    bool running() const { return thread_.joinable(); }

    /// Niceness of the engine's threads (Linux): below the GUI thread, so that a run using
    /// every core cannot starve the window.
    static constexpr int kEngineNiceness = 5;

    struct Progress {
        std::vector<LiveSnapshot> snapshots;
        std::vector<LogEntry> log;
        std::optional<RunPhase> phase;
    };
    /// What arrived since the last call.
    Progress takeProgress();

  signals:
    void finished(const std::shared_ptr<const ktw::RunRecord>& record);
    /// A sweep's run begins (ordinal 1..total of this session's runs).
    void sweepRunStarted(const QString& label, int ordinal, int total, bool warmup);
    /// A sweep's run ended and was saved to file (empty when saving failed).
    void sweepRunSaved(const std::shared_ptr<const ktw::RunRecord>& record, const QString& file);
    /// The sweep ended: all done, cancelled, or stopped by an error (message).
    void sweepFinished(const QString& sweepId, bool cancelled, const QString& error);

  private:
    void on_snapshot(const LiveSnapshot& s) override;
    void on_log(const LogEntry& e) override;
    void on_phase(RunPhase phase) override;
    void on_sweep_run_started(const SweepRunSlot& slot, const SweepPoint& point, int ordinal,
                              int total) override;
    void on_sweep_run_saved(const RunRecord& record, const std::filesystem::path& file) override;

    std::thread thread_;
    std::unique_ptr<CancelToken> cancel_;
    std::mutex mutex_;
    Progress pending_;
    bool sweeping_ = false; ///< GUI thread only
};

} // namespace ktw::gui
