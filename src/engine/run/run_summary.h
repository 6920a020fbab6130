#pragma once
// Copies the joined workers' final state out as plain values (core/measure/run_results.h)
// and hands it to the core arithmetic that fills the run record's summary.

#include "engine/workers/consumer_worker.h"
#include "engine/run/interval_collector.h"
#include "engine/workers/producer_worker.h"
#include "core/measure/run_results.h"
#include "core/record/run_record.h"

#include <memory>
#include <vector>

namespace ktw {

struct RunSummaryInputs {
    const ExperimentSpec& spec;
    const RunClock& clock;
    const std::vector<std::unique_ptr<ProducerWorker>>& producers;
    const std::vector<std::unique_ptr<ConsumerWorker>>& consumers;
    const MeterTotals* final_totals = nullptr;
    const MeterTotals* producer_baseline = nullptr; ///< at the end of the producers' warm-up
    const MeterTotals* consumer_baseline = nullptr; ///< at the end of the consumers' warm-up
    int64_t go_ns = 0;
    int64_t consume_start_ns = 0;
};

/// What the workers left behind; they must have been joined.
RunResults collect_run_results(const RunSummaryInputs& in);

/// Fills record.summary, the histograms and the statistics; workers must have been joined.
void build_run_summary(const RunSummaryInputs& in, RunRecord& record);

} // namespace ktw
