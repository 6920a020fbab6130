#include "core/analysis/series_rows.h"

#include "core/metrics/consumer_breakdown.h"
#include "core/spec/experiment_spec.h"

namespace ktw {

SeriesRow series_row(const RunRecord& run) {
    const auto& s = run.summary;
    SeriesRow r;
    r.name = run.name;
    r.valid = run.verdict.valid;
    r.produce_msgs_per_s = s.producer.msgs_per_s;
    r.consume_msgs_per_s = s.consumer.msgs_per_s;
    r.consume_s = s.consumer.seconds;
    r.start_delay_ms = s.consume_start_delay_ms;
    r.consumed = s.consumer.messages;
    r.polls = s.polls;
    r.nonempty_polls = s.nonempty_polls;
    r.messages_per_poll = s.messages_per_poll;
    r.fetches = s.fetches;
    r.messages_per_fetch = s.messages_per_fetch;

    // The record's effective spec is complete and was valid when the run started.
    const ReferenceSpec ref = parse_experiment_spec(run.effective_spec).spec.reference;
    r.assumed_poll_interval_s = ref.assumed_poll_interval_s;
    // The diary's arithmetic: polls = time / poll interval, messages per poll = messages /
    // polls (its "Key Concepts"). An estimate, printed beside the measured counts.
    r.estimated_polls = safe_ratio(r.consume_s, r.assumed_poll_interval_s);
    r.estimated_messages_per_poll = safe_ratio(static_cast<double>(r.consumed), r.estimated_polls);
    r.reference_source = ref.source;
    r.reference_produce_msgs_per_s = ref.produce_msgs_per_s;
    r.reference_consume_msgs_per_s = ref.consume_msgs_per_s;
    r.reference_polls = ref.polls;
    r.reference_messages_per_poll = ref.messages_per_poll;
    return r;
}

} // namespace ktw
