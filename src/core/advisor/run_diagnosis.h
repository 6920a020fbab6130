#pragma once
// The advisor after a run: what the measured breakdown says held the run back
// (docs/advisor.md). Every diagnosis quotes the numbers it is based on.

#include "core/advisor/advice.h"
#include "core/record/run_record.h"

#include <vector>

namespace ktw {

/// Diagnoses a finished run from its record alone (so an old run from the library gets the
/// same): the producers' librdkafka statistics after the warm-up (int_latency, outbuf_latency,
/// rtt, batch sizes), the consumers' measured polls, and the spec and effective client
/// configuration it ran with. A failed run, which measured nothing, gets no diagnosis.
std::vector<Advice> diagnose_run(const RunRecord& record);

} // namespace ktw
