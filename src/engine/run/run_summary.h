#pragma once
// Turns the workers' final state into the run record's summary, histograms and statistics.

#include "engine/workers/consumer_worker.h"
#include "engine/run/interval_collector.h"
#include "engine/workers/producer_worker.h"
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
    int partitions = 0;
};

/// Fills record.summary, the histograms and the statistics; workers must have been joined.
void build_run_summary(const RunSummaryInputs& in, RunRecord& record);

} // namespace ktw
