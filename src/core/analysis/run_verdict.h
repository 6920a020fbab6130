#pragma once
// Deciding whether a run's numbers can be trusted.

#include "core/metrics/delivery_audit.h"
#include "core/record/run_record.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ktw {

struct VerdictInputs {
    RunStatus status = RunStatus::Completed;
    std::string status_detail; ///< e.g. "timed out after 60 s"
    bool consumers_ran = true;
    DeliveryAudit audit;
    uint64_t produce_failed = 0;
    std::string first_produce_error;
    double producer_measured_s = 0; ///< measured window after warm-up
    double consumer_measured_s = 0;
    double warmup_s = 0;
    /// Embedded cluster only: the per-partition retention, and what each partition received.
    uint64_t partition_retention_bytes = 0;
    std::map<int, uint64_t> bytes_per_partition;
    /// Transactional producers: messages of aborted transactions must not be consumed, where
    /// the cluster isolates transactions (the embedded one does not: only a warning there).
    uint64_t transactions_aborted = 0;
    bool transactions_isolated = true;
};

/// Valid only if every acknowledged message was consumed exactly once and in order, no
/// delivery failed, the run finished by itself, and something was measured after warm-up.
Verdict judge_run(const VerdictInputs& in);

} // namespace ktw
