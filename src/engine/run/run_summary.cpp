#include "engine/run/run_summary.h"

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
WireFigures wire_figures(const std::vector<std::unique_ptr<ProducerWorker>>& producers,
                         uint64_t payload_bytes) {
    WireFigures w;
    w.payload_bytes = payload_bytes;
    w.complete = !producers.empty();
    for (const auto& p : producers) {
        const auto samples = p->statistics();
        for (const auto& sample : samples) {
            w.batch_bytes += sample.batch_bytes;
            w.batches += sample.batches;
        }
        const uint64_t sent = samples.empty() ? 0 : samples.back().tx_msgs;
        if (!samples.empty())
            w.request_bytes += samples.back().tx_bytes;
        // Every message sent (aborted ones included) must be in the last emit's counts.
        const auto& t = p->transactions();
        if (sent < p->meters().acked.load() + t.messages_aborted || samples.empty())
            w.complete = false;
    }
    w.compression_ratio = safe_ratio(static_cast<double>(w.payload_bytes), w.batch_bytes);
    w.wire_ratio = safe_ratio(static_cast<double>(w.payload_bytes), w.request_bytes);
    return w;
}

} // namespace

void build_run_summary(const RunSummaryInputs& in, RunRecord& record) {
    RunSummary& s = record.summary;
    const MeterTotals& end = *in.final_totals;
    s.produced = end.acked;
    s.produce_failed = end.failed;
    s.consumed = end.consumed;

    // Producer throughput: from the end of warm-up to the last acknowledgement.
    int64_t last_ack_ns = 0;
    for (const auto& p : in.producers) {
        const auto& m = p->meters();
        last_ack_ns = std::max(last_ack_ns, m.last_ack_ns.load());
        ProducerFigures f;
        f.index = static_cast<int>(s.producers.size());
        f.acknowledged = m.acked.load();
        f.failed = m.failed.load();
        f.seconds = in.go_ns && m.last_ack_ns.load()
                        ? static_cast<double>(m.last_ack_ns.load() - in.go_ns) / 1e9
                        : 0;
        f.msgs_per_s = safe_ratio(static_cast<double>(f.acknowledged), f.seconds);
        s.producers.push_back(f);
        const auto& bytes = p->bytes_per_partition();
        for (std::size_t i = 0; i < bytes.size(); ++i)
            if (bytes[i])
                s.bytes_per_partition[static_cast<int>(i)] += bytes[i];
    }
    if (in.producer_baseline && in.go_ns) {
        const MeterTotals& base = *in.producer_baseline;
        const double seconds = in.clock.seconds_at(last_ack_ns) - base.t;
        s.producer = window(end.acked - base.acked, end.acked_bytes - base.acked_bytes, seconds);
        record.ack_histogram = end.ack_us;
        record.ack_histogram.subtract(base.ack_us);
        record.send_delay_histogram = end.send_delay_us;
        record.send_delay_histogram.subtract(base.send_delay_us);
        if (seconds <= 0) {
            s.producer = window(0, 0, 0);
            record.ack_histogram.clear();
            record.send_delay_histogram.clear();
        }
    }

    // Consumer throughput and breakdown.
    int64_t last_msg_ns = 0;
    for (const auto& c : in.consumers)
        last_msg_ns = std::max(last_msg_ns, c->meters().last_message_ns.load());
    // Fetches are counted over the consume phase: from its start to the last message.
    const double phase_from = in.clock.seconds_at(in.consume_start_ns);
    const double phase_to = last_msg_ns ? in.clock.seconds_at(last_msg_ns) : phase_from;
    // Produce-then-consume: each consumer's window starts at its first message (its polls are
    // counted from there too); the wait before it is reported as consume_start_delay_ms.
    const bool from_first_message = in.spec.phases.mode == PhaseMode::ProduceThenConsume;
    int64_t first_msg_ns = 0;
    std::vector<const ConsumerSequenceTracker*> trackers;
    for (const auto& c : in.consumers) {
        const auto& m = c->meters();
        trackers.push_back(&c->tracker());
        const uint64_t fetches =
            in.consume_start_ns
                ? fetches_between(c->statistics(), c->created_at(), phase_from, phase_to)
                : 0;
        const int64_t first = m.first_message_ns.load();
        if (first && (!first_msg_ns || first < first_msg_ns))
            first_msg_ns = first;
        const int64_t from = from_first_message && first ? first : in.consume_start_ns;
        const double seconds = in.consume_start_ns && m.last_message_ns.load() > from
                                   ? static_cast<double>(m.last_message_ns.load() - from) / 1e9
                                   : 0.0;
        s.consumers.push_back(consumer_figures(static_cast<int>(s.consumers.size()),
                                               m.consumed.load(), c->polls_until_last_message(),
                                               m.nonempty_polls.load(), fetches, seconds));
    }
    total_consumer_breakdown(s);
    if (from_first_message && first_msg_ns > in.consume_start_ns && in.consume_start_ns)
        s.consume_start_delay_ms = static_cast<double>(first_msg_ns - in.consume_start_ns) / 1e6;
    if (in.consumer_baseline && last_msg_ns) {
        const MeterTotals& base = *in.consumer_baseline;
        const double seconds = in.clock.seconds_at(last_msg_ns) - base.t;
        s.consumer =
            window(end.consumed - base.consumed, end.consumed_bytes - base.consumed_bytes, seconds);
        record.e2e_histogram = end.e2e_us;
        record.e2e_histogram.subtract(base.e2e_us);
        if (seconds <= 0) {
            s.consumer = window(0, 0, 0);
            record.e2e_histogram.clear();
        }
    }
    s.wire = wire_figures(in.producers, end.acked_bytes);
    if (in.spec.producer.transactions.enabled) {
        auto& t = s.transactions;
        t.enabled = true;
        LatencyHistogram commit_us;
        for (const auto& p : in.producers) {
            const auto& tally = p->transactions();
            t.committed += tally.committed;
            t.aborted += tally.aborted;
            t.messages_aborted += tally.messages_aborted;
            commit_us.merge(tally.commit_us);
        }
        t.commit_us = commit_us.summary();
        // Over the whole produce phase (go to last commit): commits are too few to window.
        double seconds = 0;
        for (const auto& f : s.producers)
            seconds = std::max(seconds, f.seconds);
        t.per_s = safe_ratio(static_cast<double>(t.committed), seconds);
    }
    s.ack_us = record.ack_histogram.summary();
    s.e2e_us = record.e2e_histogram.summary();
    s.send_delay_us = record.send_delay_histogram.summary();

    std::vector<SequenceBitset> acked;
    for (const auto& p : in.producers)
        acked.push_back(p->acknowledged());
    s.audit = audit_delivery(acked, trackers);
    if (in.consumers.empty()) { // producer-only: nothing consumed, so nothing counts as lost
        s.audit = DeliveryAudit{};
        s.audit.acknowledged = end.acked;
    }

    for (const auto& p : in.producers)
        for (auto& sample : p->statistics())
            record.statistics.push_back(std::move(sample));
    for (const auto& c : in.consumers)
        for (auto& sample : c->statistics())
            record.statistics.push_back(std::move(sample));
    std::stable_sort(record.statistics.begin(), record.statistics.end(),
                     [](const auto& a, const auto& b) { return a.t < b.t; });
}

} // namespace ktw
