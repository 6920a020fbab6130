#include "core/analysis/run_verdict.h"

#include "core/util/text_format.h"

namespace ktw {

Verdict judge_run(const VerdictInputs& in) {
    Verdict v;
    auto& why = v.reasons;
    const auto& a = in.audit;
    if (in.status == RunStatus::Cancelled)
        why.push_back("cancelled" + (in.status_detail.empty() ? "" : ": " + in.status_detail));
    else if (in.status == RunStatus::TimedOut)
        why.push_back(in.status_detail.empty() ? "timed out" : in.status_detail);
    else if (in.status == RunStatus::Failed)
        why.push_back("failed" + (in.status_detail.empty() ? "" : ": " + in.status_detail));

    if (in.produce_failed > 0)
        why.push_back(format_count(in.produce_failed) + " message(s) failed delivery" +
                      (in.first_produce_error.empty()
                           ? ""
                           : " (first error: " + in.first_produce_error + ")"));
    if (in.consumers_ran) {
        if (a.consumed_unique < a.acknowledged || a.lost > 0)
            why.push_back("consumed " + format_count(a.consumed_unique) + " of " +
                          format_count(a.acknowledged) + " acknowledged messages (" +
                          format_count(a.lost) + " lost)");
        if (a.duplicates > 0)
            why.push_back(format_count(a.duplicates) + " message(s) consumed more than once");
        if (a.out_of_order > 0)
            why.push_back(format_count(a.out_of_order) +
                          " message(s) out of order within their producer and partition");
        if (a.out_of_order_by_key > 0)
            why.push_back(format_count(a.out_of_order_by_key) +
                          " message(s) out of order within their key");
        if (a.acknowledged == 0 && in.status == RunStatus::Completed)
            why.push_back("no message was acknowledged, so nothing was verified");
        if (in.consumer_measured_s <= 0 && a.consumed > 0)
            why.push_back("the consume phase ended within the " + format_decimal(in.warmup_s, 1) +
                          " s warm-up: nothing left to measure");
        if (a.unacknowledged_consumed > 0 && in.transactions_aborted > 0 &&
            in.transactions_isolated)
            why.push_back(format_count(a.unacknowledged_consumed) +
                          " message(s) consumed that were not committed (" +
                          format_count(in.transactions_aborted) +
                          " transaction(s) aborted), although consumers read committed only");
        else if (a.unacknowledged_consumed > 0 && in.transactions_aborted > 0)
            v.warnings.push_back(format_count(a.unacknowledged_consumed) +
                                 " message(s) of aborted transactions consumed: this cluster "
                                 "does not isolate transactions (see the notes)");
        else if (a.unacknowledged_consumed > 0)
            v.warnings.push_back(
                format_count(a.unacknowledged_consumed) +
                " message(s) consumed whose delivery the producer did not confirm");
        // Consumers start after what was on the topic before the run (or on a new topic), so
        // a foreign message was written during the run by someone else: the consumer's counts
        // and rates include it, and the topic's offsets no longer match what was produced.
        if (a.foreign > 0)
            why.push_back(format_count(a.foreign) +
                          " message(s) on the topic were written during the run by another "
                          "producer: the consumer's counts and rates include them; use a topic "
                          "of the run's own");
    } else {
        v.warnings.push_back(
            "producer-only run: delivery reports were checked, nothing was consumed");
    }
    if (in.producer_measured_s <= 0 && a.acknowledged > 0)
        why.push_back("the produce phase ended within the " + format_decimal(in.warmup_s, 1) +
                      " s warm-up: nothing left to measure");

    if (in.partition_retention_bytes > 0 && in.consumers_ran) {
        for (const auto& [partition, bytes] : in.bytes_per_partition) {
            if (bytes <= in.partition_retention_bytes)
                continue;
            const std::string note = "partition " + std::to_string(partition) + " received " +
                                     format_decimal(bytes / 1048576.0, 1) +
                                     " MiB; the embedded cluster keeps about " +
                                     format_decimal(in.partition_retention_bytes / 1048576.0, 0) +
                                     " MiB per partition and drops older data";
            if (a.lost > 0) // the likely cause of the loss
                why.push_back(note);
        }
    }
    v.valid = why.empty();
    return v;
}

} // namespace ktw
