#pragma once
// What every worker left behind when a run ended, as plain values: the input of the run's
// headline arithmetic (run_summary_arithmetic.h). The engine copies it out of its workers
// after they are joined; the tests write it by hand.

#include "core/measure/meter_totals.h"
#include "core/metrics/delivery_audit.h"
#include "core/metrics/latency_histogram.h"
#include "core/record/run_record.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ktw {

/// What a transactional producer did.
struct TransactionTally {
    uint64_t committed = 0;
    uint64_t aborted = 0;          ///< transactions aborted after an error (counted, not retried)
    uint64_t messages_aborted = 0; ///< messages of aborted transactions (not expected by the audit)
    LatencyHistogram commit_us;    ///< commit_transaction() call to its return
};

/// Times are steady-clock nanoseconds (RunClock::now_ns); 0 means "never happened".
struct ProducerResult {
    uint64_t acknowledged = 0, failed = 0;
    int64_t last_ack_ns = 0;
    std::vector<uint64_t> bytes_per_partition; ///< acknowledged payload bytes, by partition
    SequenceBitset acknowledged_seqs;
    std::vector<StatisticsSample> statistics;
    TransactionTally transactions;
};

struct ConsumerResult {
    uint64_t consumed = 0;
    uint64_t polls_until_last_message = 0; ///< polls up to the last one that returned a message
    uint64_t nonempty_polls = 0;
    int64_t first_message_ns = 0, last_message_ns = 0; ///< of the consume phase
    double created_t = 0; ///< run seconds when the client was created (fetch count 0 there)
    std::vector<StatisticsSample> statistics;
    ConsumerSequenceTracker tracker{1, 1, 0};
};

struct RunResults {
    int64_t origin_ns = 0; ///< the run clock's zero: run seconds = (ns - origin_ns) / 1e9
    bool produce_then_consume = false;
    bool transactions = false;
    MeterTotals final_totals;
    std::optional<MeterTotals> producer_baseline; ///< at the end of the producers' warm-up
    std::optional<MeterTotals> consumer_baseline; ///< at the end of the consumers' warm-up
    int64_t go_ns = 0;            ///< producers started
    int64_t consume_start_ns = 0; ///< consumers started counting
    std::vector<ProducerResult> producers;
    std::vector<ConsumerResult> consumers;

    double seconds_at(int64_t ns) const { return static_cast<double>(ns - origin_ns) / 1e9; }
};

} // namespace ktw
