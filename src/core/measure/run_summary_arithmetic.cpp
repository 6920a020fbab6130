#include "core/measure/run_summary_arithmetic.h"

#include "core/metrics/consumer_breakdown.h"

#include <algorithm>

namespace ktw {
namespace {

ThroughputFigures window(uint64_t messages, uint64_t bytes, double seconds) {
    ThroughputFigures f;
    f.messages = messages;
    f.bytes = bytes;
    f.seconds = std::max(seconds, 0.0);
    f.msgs_per_s = safe_ratio(static_cast<double>(messages), f.seconds);
    f.mib_per_s = safe_ratio(static_cast<double>(bytes) / 1048576.0, f.seconds);
    return f;
}

// Whole-run byte figures of the producers from their statistics: window sums added up over
// every emit, cumulative counters from the last emit.
WireFigures wire_figures(const std::vector<ProducerResult>& producers, uint64_t payload_bytes) {
    WireFigures w;
    w.payload_bytes = payload_bytes;
    w.complete = !producers.empty();
    for (const auto& p : producers) {
        for (const auto& sample : p.statistics) {
            w.batch_bytes += sample.batch_bytes;
            w.batches += sample.batches;
        }
        const uint64_t sent = p.statistics.empty() ? 0 : p.statistics.back().tx_msgs;
        if (!p.statistics.empty())
            w.request_bytes += p.statistics.back().tx_bytes;
        // Every message sent (aborted ones included) must be in the last emit's counts.
        if (p.statistics.empty() || sent < p.acknowledged + p.transactions.messages_aborted)
            w.complete = false;
    }
    w.compression_ratio = safe_ratio(static_cast<double>(w.payload_bytes), w.batch_bytes);
    w.wire_ratio = safe_ratio(static_cast<double>(w.payload_bytes), w.request_bytes);
    return w;
}

// Producer throughput: from the end of warm-up to the last acknowledgement.
void producer_figures(const RunResults& in, RunRecord& record) {
    RunSummary& s = record.summary;
    const MeterTotals& end = in.final_totals;
    int64_t last_ack_ns = 0;
    for (const auto& p : in.producers) {
        last_ack_ns = std::max(last_ack_ns, p.last_ack_ns);
        ProducerFigures f;
        f.index = static_cast<int>(s.producers.size());
        f.acknowledged = p.acknowledged;
        f.failed = p.failed;
        f.seconds =
            in.go_ns && p.last_ack_ns ? static_cast<double>(p.last_ack_ns - in.go_ns) / 1e9 : 0;
        f.msgs_per_s = safe_ratio(static_cast<double>(f.acknowledged), f.seconds);
        s.producers.push_back(f);
        for (std::size_t i = 0; i < p.bytes_per_partition.size(); ++i)
            if (p.bytes_per_partition[i])
                s.bytes_per_partition[static_cast<int>(i)] += p.bytes_per_partition[i];
    }
    if (!in.producer_baseline || !in.go_ns)
        return;
    const MeterTotals& base = *in.producer_baseline;
    const double seconds = last_ack_ns ? in.seconds_at(last_ack_ns) - base.t : 0;
    if (seconds <= 0) { // nothing acknowledged after the warm-up: no window, no latencies
        s.producer = window(0, 0, 0);
        return;
    }
    s.producer = window(counter_delta(base.acked, end.acked),
                        counter_delta(base.acked_bytes, end.acked_bytes), seconds);
    record.ack_histogram = end.ack_us;
    record.ack_histogram.subtract(base.ack_us);
    record.send_delay_histogram = end.send_delay_us;
    record.send_delay_histogram.subtract(base.send_delay_us);
}

// Consumer throughput and the poll and fetch breakdown.
void consumer_figures_of(const RunResults& in, RunRecord& record) {
    RunSummary& s = record.summary;
    const MeterTotals& end = in.final_totals;
    int64_t last_msg_ns = 0;
    for (const auto& c : in.consumers)
        last_msg_ns = std::max(last_msg_ns, c.last_message_ns);
    // Fetches are counted over the consume phase: from its start to the last message.
    const double phase_from = in.seconds_at(in.consume_start_ns);
    const double phase_to = last_msg_ns ? in.seconds_at(last_msg_ns) : phase_from;
    // Produce-then-consume: each consumer's window starts at its first message (its polls are
    // counted from there too); the wait before it is reported as consume_start_delay_ms.
    int64_t first_msg_ns = 0;
    for (const auto& c : in.consumers) {
        const uint64_t fetches =
            in.consume_start_ns
                ? fetches_between(c.statistics, c.created_t, phase_from, phase_to)
                : 0;
        if (c.first_message_ns && (!first_msg_ns || c.first_message_ns < first_msg_ns))
            first_msg_ns = c.first_message_ns;
        const int64_t from = in.produce_then_consume && c.first_message_ns ? c.first_message_ns
                                                                           : in.consume_start_ns;
        const double seconds = in.consume_start_ns && c.last_message_ns > from
                                   ? static_cast<double>(c.last_message_ns - from) / 1e9
                                   : 0.0;
        s.consumers.push_back(consumer_figures(static_cast<int>(s.consumers.size()), c.consumed,
                                               c.polls_until_last_message, c.nonempty_polls,
                                               fetches, seconds));
    }
    total_consumer_breakdown(s);
    if (in.produce_then_consume && in.consume_start_ns && first_msg_ns > in.consume_start_ns)
        s.consume_start_delay_ms = static_cast<double>(first_msg_ns - in.consume_start_ns) / 1e6;
    if (!in.consumer_baseline || !last_msg_ns)
        return;
    const MeterTotals& base = *in.consumer_baseline;
    const double seconds = in.seconds_at(last_msg_ns) - base.t;
    if (seconds <= 0) { // nothing consumed after the warm-up
        s.consumer = window(0, 0, 0);
        return;
    }
    s.consumer = window(counter_delta(base.consumed, end.consumed),
                        counter_delta(base.consumed_bytes, end.consumed_bytes), seconds);
    record.e2e_histogram = end.e2e_us;
    record.e2e_histogram.subtract(base.e2e_us);
}

void transaction_figures(const RunResults& in, RunSummary& s) {
    auto& t = s.transactions;
    t.enabled = true;
    LatencyHistogram commit_us;
    for (const auto& p : in.producers) {
        t.committed += p.transactions.committed;
        t.aborted += p.transactions.aborted;
        t.messages_aborted += p.transactions.messages_aborted;
        commit_us.merge(p.transactions.commit_us);
    }
    t.commit_us = commit_us.summary();
    // Over the whole produce phase (go to last commit): commits are too few to window.
    double seconds = 0;
    for (const auto& f : s.producers)
        seconds = std::max(seconds, f.seconds);
    t.per_s = safe_ratio(static_cast<double>(t.committed), seconds);
}

} // namespace

void compute_run_summary(RunResults in, RunRecord& record) {
    RunSummary& s = record.summary;
    s.produced = in.final_totals.acked;
    s.produce_failed = in.final_totals.failed;
    s.consumed = in.final_totals.consumed;

    producer_figures(in, record);
    consumer_figures_of(in, record);
    s.wire = wire_figures(in.producers, in.final_totals.acked_bytes);
    if (in.transactions)
        transaction_figures(in, s);
    s.ack_us = record.ack_histogram.summary();
    s.e2e_us = record.e2e_histogram.summary();
    s.send_delay_us = record.send_delay_histogram.summary();

    if (in.consumers.empty()) { // producer-only: nothing consumed, so nothing counts as lost
        s.audit = DeliveryAudit{};
        s.audit.acknowledged = in.final_totals.acked;
    } else {
        std::vector<SequenceBitset> acked;
        std::vector<const ConsumerSequenceTracker*> trackers;
        for (const auto& p : in.producers)
            acked.push_back(p.acknowledged_seqs);
        for (const auto& c : in.consumers)
            trackers.push_back(&c.tracker);
        s.audit = audit_delivery(acked, trackers);
    }

    for (auto& p : in.producers)
        for (auto& sample : p.statistics)
            record.statistics.push_back(std::move(sample));
    for (auto& c : in.consumers)
        for (auto& sample : c.statistics)
            record.statistics.push_back(std::move(sample));
    std::stable_sort(record.statistics.begin(), record.statistics.end(),
                     [](const auto& a, const auto& b) { return a.t < b.t; });
}

} // namespace ktw
