#include "engine/run/run_summary.h"

#include "core/measure/run_summary_arithmetic.h"

namespace ktw {
namespace {

ProducerResult result_of(const ProducerWorker& p) {
    ProducerResult r;
    const auto& m = p.meters();
    r.acknowledged = m.acked.load();
    r.failed = m.failed.load();
    r.last_ack_ns = m.last_ack_ns.load();
    r.bytes_per_partition = p.bytes_per_partition();
    r.acknowledged_seqs = p.acknowledged();
    r.statistics = p.statistics();
    r.transactions = p.transactions();
    return r;
}

ConsumerResult result_of(const ConsumerWorker& c) {
    ConsumerResult r;
    const auto& m = c.meters();
    r.consumed = m.consumed.load();
    r.polls_until_last_message = c.polls_until_last_message();
    r.nonempty_polls = m.nonempty_polls.load();
    r.first_message_ns = m.first_message_ns.load();
    r.last_message_ns = m.last_message_ns.load();
    r.created_t = c.created_at();
    r.statistics = c.statistics();
    r.tracker = c.tracker();
    return r;
}

} // namespace

RunResults collect_run_results(const RunSummaryInputs& in) {
    RunResults r;
    r.origin_ns = in.clock.origin_ns();
    r.produce_then_consume = in.spec.phases.mode == PhaseMode::ProduceThenConsume;
    r.transactions = in.spec.producer.transactions.enabled;
    r.final_totals = *in.final_totals;
    if (in.producer_baseline)
        r.producer_baseline = *in.producer_baseline;
    if (in.consumer_baseline)
        r.consumer_baseline = *in.consumer_baseline;
    r.go_ns = in.go_ns;
    r.consume_start_ns = in.consume_start_ns;
    for (const auto& p : in.producers)
        r.producers.push_back(result_of(*p));
    for (const auto& c : in.consumers)
        r.consumers.push_back(result_of(*c));
    return r;
}

void build_run_summary(const RunSummaryInputs& in, RunRecord& record) {
    compute_run_summary(collect_run_results(in), record);
}

} // namespace ktw
