#include "gui/run/run_controller.h"

#include <QMetaObject>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace ktw::gui {

RunController::RunController(QObject* parent) : QObject(parent) {}

RunController::~RunController() {
    // Closing the window mid-run: stop the run; the engine bounds every wait, so the join
    // ends within a few seconds.
    if (thread_.joinable()) {
        cancel_->cancel();
        thread_.join();
    }
}

bool RunController::start(RunRequest request) {
    if (thread_.joinable())
        return false;
    {
        std::lock_guard lock(mutex_);
        pending_ = Progress{};
    }
    cancel_ = std::make_unique<CancelToken>();
    thread_ = std::thread([this, request = std::move(request)] {
#ifdef __linux__
        // Linux niceness is per thread and inherited by threads created later: the workers
        // and librdkafka's own threads all run below the GUI thread, so a run that uses
        // every core still leaves the window responsive. (Best effort: a failure changes
        // nothing but the window's smoothness.)
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kEngineNiceness);
#endif
        auto record = std::make_shared<const RunRecord>(execute_run(request, this, *cancel_));
        QMetaObject::invokeMethod(
            this,
            [this, record] {
                if (thread_.joinable())
                    thread_.join(); // the thread has returned from execute_run: a short join
                emit finished(record);
            },
            Qt::QueuedConnection);
    });
    return true;
}

bool RunController::startSweep(PreparedSweep sweep, std::string sweepId,
                               std::filesystem::path workspace) {
    if (thread_.joinable())
        return false;
    {
        std::lock_guard lock(mutex_);
        pending_ = Progress{};
    }
    sweeping_ = true;
    cancel_ = std::make_unique<CancelToken>();
    thread_ = std::thread([this, sweep = std::move(sweep), id = std::move(sweepId),
                           workspace = std::move(workspace)] {
#ifdef __linux__
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kEngineNiceness); // as start()
#endif
        const SweepOutcome outcome = run_sweep(sweep, id, RunStore(workspace), this, *cancel_);
        QMetaObject::invokeMethod(
            this,
            [this, outcome] {
                if (thread_.joinable())
                    thread_.join();
                sweeping_ = false;
                emit sweepFinished(QString::fromStdString(outcome.id), outcome.cancelled,
                                   QString::fromStdString(outcome.error));
            },
            Qt::QueuedConnection);
    });
    return true;
}

void RunController::on_sweep_run_started(const SweepRunSlot& slot, const SweepPoint& point,
                                         int ordinal, int total) {
    {
        std::lock_guard lock(mutex_); // the previous run's last snapshots are not this run's
        pending_ = Progress{};
    }
    const QString label = QString::fromStdString(point.label);
    const bool warmup = slot.warmup;
    QMetaObject::invokeMethod(
        this, [=, this] { emit sweepRunStarted(label, ordinal, total, warmup); },
        Qt::QueuedConnection);
}

void RunController::on_sweep_run_saved(const RunRecord& record, const std::filesystem::path& file) {
    auto copy = std::make_shared<const RunRecord>(record);
    const QString path = QString::fromStdString(file.string());
    QMetaObject::invokeMethod(
        this, [this, copy, path] { emit sweepRunSaved(copy, path); }, Qt::QueuedConnection);
}

void RunController::cancel() {
    if (cancel_)
        cancel_->cancel();
}

RunController::Progress RunController::takeProgress() {
    std::lock_guard lock(mutex_);
    Progress out = std::move(pending_);
    pending_ = Progress{};
    return out;
}

void RunController::on_snapshot(const LiveSnapshot& s) {
    std::lock_guard lock(mutex_);
    pending_.snapshots.push_back(s);
}

void RunController::on_log(const LogEntry& e) {
    std::lock_guard lock(mutex_);
    pending_.log.push_back(e);
}

void RunController::on_phase(RunPhase phase) {
    std::lock_guard lock(mutex_);
    pending_.phase = phase;
}

} // namespace ktw::gui
