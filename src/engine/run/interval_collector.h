#pragma once
// Reads every worker's meters on a fixed tick and turns them into interval points.

#include "engine/workers/consumer_worker.h"
#include "engine/workers/producer_worker.h"
#include "core/measure/meter_totals.h"
#include "core/record/run_record.h"

#include <memory>
#include <vector>

namespace ktw {

/// Threading: used by the runner's thread only; it reads the workers' atomics.
class IntervalCollector {
  public:
    IntervalCollector(const std::vector<std::unique_ptr<ProducerWorker>>& producers,
                      const std::vector<std::unique_ptr<ConsumerWorker>>& consumers,
                      const RunClock& clock, bool with_histograms);

    /// Reads all meters now; histograms only when asked (copying them costs ~1 ms).
    MeterTotals read(bool histograms = true) const;
    /// Seals the interval since the previous tick (or since reset()).
    IntervalPoint tick(bool warmup);
    void reset();
    const MeterTotals& last() const { return last_; }

  private:
    const std::vector<std::unique_ptr<ProducerWorker>>& producers_;
    const std::vector<std::unique_ptr<ConsumerWorker>>& consumers_;
    const RunClock& clock_;
    bool with_histograms_;
    MeterTotals last_;
};

} // namespace ktw
