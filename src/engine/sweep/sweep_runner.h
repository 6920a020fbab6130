#pragma once
// Runs a sweep: every point of the matrix, each repeat a saved run, warm-up runs first.
// Shared by ktw-cli sweep and the GUI, which drive it with an observer and a cancel token.

#include "core/record/run_store.h"
#include "engine/run/runner.h"
#include "core/sweep/sweep_plan.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ktw {

struct PreparedSweep {
    nlohmann::json spec; ///< the whole spec, "sweep" included, overrides applied
    std::vector<std::string> overrides;
    SweepPlan plan;
    std::vector<SweepPoint> points;
    std::vector<RunRequest> requests; ///< one per point, parsed and validated
};

struct PrepareSweepResult {
    PreparedSweep sweep;
    std::vector<SpecError> errors;
    bool ok() const { return errors.empty(); }
};

/// Validates the sweep (parse_sweep_plan) and then every point's client properties with
/// librdkafka (validate_client_properties); a refusal names the point ("sweep.axes: point 3
/// (linger.ms=5 acks=2) is refused: producer.properties.acks: ...").
PrepareSweepResult prepare_sweep(const nlohmann::json& spec,
                                 const std::vector<std::string>& overrides = {});

/// One run of the sweep.
struct SweepRunSlot {
    int point = 0;
    int repeat = 0; ///< warm-ups are numbered on their own
    bool warmup = false;
};

/// The runs still to do, in run order: the warm-up runs (first point's settings), then
/// repeat by repeat every point (repeat-major, so a slow drift of the machine spreads over
/// all points instead of favouring the first ones). Slots in done are skipped; warm-ups are
/// run whenever anything else is (a resumed session starts as cold as a new one), numbered
/// from first_warmup.
std::vector<SweepRunSlot> sweep_run_order(const PreparedSweep& sweep,
                                          const std::set<std::pair<int, int>>& done,
                                          int first_warmup = 0);

/// Receives a sweep's progress on the thread that runs it, plus every run's live data
/// (RunObserver). Implementations return quickly.
class SweepObserver : public RunObserver {
  public:
    /// Before each run; ordinal counts from 1 to total (this session's runs).
    virtual void on_sweep_run_started(const SweepRunSlot& /*slot*/, const SweepPoint& /*point*/,
                                      int /*ordinal*/, int /*total*/) {}
    /// After each run was saved.
    virtual void on_sweep_run_saved(const RunRecord& /*record*/,
                                    const std::filesystem::path& /*file*/) {}
};

struct SweepOutcome {
    std::string id;
    int total_runs = 0;   ///< runs of the whole sweep, warm-ups excluded
    int skipped_runs = 0; ///< already saved by an earlier session (resume)
    int runs_done = 0;    ///< runs finished and saved in this session, warm-ups included
    int invalid_runs = 0; ///< of those, how many had an invalid verdict
    bool cancelled = false;
    std::string error; ///< why the sweep stopped early (a run could not be saved, ...)
};

/// "sweep-YYYYMMDD-HHMMSS-<name slug>-<4 hex>"
std::string make_sweep_id(const std::string& name);

/// Runs what is left of sweep `sweep_id` (a new id starts from scratch; an existing one is
/// resumed: its finished runs are read from the store and skipped, and must have been made
/// with the same points). Each run is saved as soon as it ends, a cancelled one included
/// (kept, but run again on resume). Cancel stops the current run and the sweep.
SweepOutcome run_sweep(const PreparedSweep& sweep, const std::string& sweep_id,
                       const RunStore& store, SweepObserver* observer, const CancelToken& cancel);

} // namespace ktw
