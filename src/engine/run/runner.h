#pragma once
// Runs one experiment from spec to run record.

#include "core/spec/experiment_spec.h"
#include "engine/run/run_id.h"
#include "core/record/run_record.h"

#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ktw {

/// Where a run is: connecting (to the cluster, then the consumers to their partitions) or
/// joining group, then producing; concurrent runs go on to draining (the producers are done,
/// the consumers catch up), produce-then-consume runs to consuming; finishing last.
enum class RunPhase {
    Starting,
    Connecting,
    JoiningGroup,
    Producing,
    Consuming,
    Draining,
    Finishing
};
/// "connecting", "producing", ...: what the CLI prints and the GUI shows.
const char* to_string(RunPhase phase);

/// What a live view needs after each collector tick.
struct LiveSnapshot {
    IntervalPoint interval;
    RunPhase phase = RunPhase::Starting;
    double elapsed_s = 0;
    uint64_t acked = 0;
    uint64_t consumed = 0;
    uint64_t planned = 0; ///< messages the spec asks for (0 for a duration)
    double progress = 0;  ///< 0..1
};

/// Receives progress on the runner's thread. Implementations must return quickly and must
/// not call back into the runner (a GUI queues the snapshot and returns).
class RunObserver {
  public:
    virtual ~RunObserver() = default;
    virtual void on_snapshot(const LiveSnapshot&) {}
    virtual void on_log(const LogEntry&) {}
    virtual void on_phase(RunPhase /*phase*/) {}
};

/// Threading: cancel() from any thread (a signal handler may call it: it only stores).
class CancelToken {
  public:
    void cancel() { cancelled_.store(true); }
    bool cancelled() const { return cancelled_.load(); }

  private:
    std::atomic<bool> cancelled_{false};
};

struct RunRequest {
    ExperimentSpec spec;  ///< parsed and validated
    nlohmann::json given; ///< the spec JSON as given, overrides applied
    std::vector<std::string> overrides;
};

/// Runs the experiment on worker threads and returns its record. Never throws for problems
/// of the run itself (an unreachable cluster, a failed client): those give a record with
/// status "failed" and the reason in its verdict. Every wait is bounded by the spec's
/// timeouts; cancel stops all threads and returns a record marked "cancelled".
RunRecord execute_run(const RunRequest& request, RunObserver* observer, const CancelToken& cancel);

} // namespace ktw
