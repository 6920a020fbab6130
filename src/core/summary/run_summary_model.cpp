#include "core/summary/run_summary_model.h"

#include "core/util/text_format.h"

namespace ktw {
namespace {

std::string ms(double us) {
    return format_decimal(us / 1000.0, 2);
}
std::string mib(uint64_t bytes) {
    return format_decimal(static_cast<double>(bytes) / 1048576.0, 2);
}

SummarySection throughput_section(const RunSummary& s) {
    SummarySection t{"throughput",
                     "Throughput",
                     "measured window, warm-up excluded",
                     {{"", ""},
                      {"messages", ""},
                      {"msgs/s", "msgs/s"},
                      {"MiB/s", "MiB/s"},
                      {"measured (s)", "s"},
                      {"failed", ""}},
                     {},
                     {}};
    auto row = [&](const char* id, const char* client, const char* label, uint64_t messages,
                   const ThroughputFigures& f, std::string failed) {
        t.rows.push_back(
            {id,
             client,
             {label, format_count(messages), format_decimal(f.msgs_per_s, 1),
              format_decimal(f.mib_per_s, 2), format_decimal(f.seconds, 2), std::move(failed)}});
    };
    row("produced", "producer", "produced (acknowledged)", s.produced, s.producer,
        format_count(s.produce_failed));
    if (!s.consumers.empty())
        row("consumed", "consumer", "consumed", s.consumed, s.consumer, "-");
    // The wait is left out of the consumer window, so say how long it was.
    if (s.consume_start_delay_ms > 0)
        t.notes.push_back("first message " + format_decimal(s.consume_start_delay_ms, 1) +
                          " ms after the consume phase began (resuming the paused partitions "
                          "and the first fetch); not in the measured window");
    return t;
}

SummarySection latency_section(const RunSummary& s) {
    SummarySection t{"latency",
                     "Latency",
                     "ack: produce to delivery report; end-to-end: send to consumed; send "
                     "delay: behind the target rate; commit: commit_transaction() to its return",
                     {{"latency (ms)", "ms"},
                      {"avg", "ms"},
                      {"p50", "ms"},
                      {"p90", "ms"},
                      {"p99", "ms"},
                      {"p99.9", "ms"},
                      {"max", "ms"},
                      {"samples", ""}},
                     {},
                     {}};
    auto row = [&](const char* id, const char* client, const LatencySummary& l) {
        if (l.count == 0)
            return; // not measured in this run (no consumers, no target rate, ...)
        t.rows.push_back({id,
                          client,
                          {id, ms(l.mean_us), ms(static_cast<double>(l.p50_us)),
                           ms(static_cast<double>(l.p90_us)), ms(static_cast<double>(l.p99_us)),
                           ms(static_cast<double>(l.p999_us)), ms(static_cast<double>(l.max_us)),
                           format_count(l.count)}});
    };
    row("ack", "producer", s.ack_us);
    row("end-to-end", "consumer", s.e2e_us);
    row("send delay", "producer", s.send_delay_us);
    if (s.transactions.enabled)
        row("commit", "producer", s.transactions.commit_us);
    return t;
}

SummarySection transactions_section(const TransactionFigures& f) {
    SummarySection t{"transactions",
                     "Transactions",
                     "",
                     {{"", ""},
                      {"committed", ""},
                      {"committed/s", "1/s"},
                      {"aborted", ""},
                      {"messages aborted", ""}},
                     {},
                     {}};
    if (f.enabled)
        t.rows.push_back({"transactions",
                          "producer",
                          {"transactions", format_count(f.committed), format_decimal(f.per_s, 1),
                           format_count(f.aborted), format_count(f.messages_aborted)}});
    return t;
}

SummarySection wire_section(const WireFigures& w) {
    SummarySection t{"wire",
                     "Bytes on the wire",
                     "from librdkafka statistics; requests include the protocol overhead",
                     {{"", ""},
                      {"payload acknowledged (MiB)", "MiB"},
                      {"record batches (MiB)", "MiB"},
                      {"batches", ""},
                      {"compression ratio", ""},
                      {"all requests (MiB)", "MiB"},
                      {"payload / requests", ""}},
                     {},
                     {}};
    if (w.batch_bytes == 0)
        return t; // no producer statistics (measurement disabled)
    t.rows.push_back({"bytes",
                      "producer",
                      {"bytes", mib(w.payload_bytes), mib(w.batch_bytes), format_count(w.batches),
                       format_decimal(w.compression_ratio, 2), mib(w.request_bytes),
                       format_decimal(w.wire_ratio, 2)}});
    if (!w.complete)
        t.notes.push_back("partial: the last statistics emit missed messages");
    return t;
}

SummarySection producers_section(const RunSummary& s) {
    SummarySection t{"producers",
                     "Producers",
                     "",
                     {{"producer", ""},
                      {"acknowledged", ""},
                      {"failed", ""},
                      {"measured (s)", "s"},
                      {"msgs/s", "msgs/s"}},
                     {},
                     {}};
    for (const auto& p : s.producers)
        t.rows.push_back(
            {std::to_string(p.index),
             "producer",
             {std::to_string(p.index), format_count(p.acknowledged), format_count(p.failed),
              format_decimal(p.seconds, 2), format_decimal(p.msgs_per_s, 1)}});
    return t;
}

SummarySection consumers_section(const RunSummary& s) {
    SummarySection t{"consumers",
                     "Poll and fetch breakdown",
                     "measured: polls counted by the workers, fetch requests from librdkafka "
                     "statistics",
                     {{"consumer", ""},
                      {"messages", ""},
                      {"polls", ""},
                      {"non-empty", ""},
                      {"msgs/poll", ""},
                      {"fetches", ""},
                      {"msgs/fetch", ""},
                      {"poll interval (ms)", "ms"},
                      {"msgs/s", "msgs/s"}},
                     {},
                     {}};
    auto row = [&](std::string id, uint64_t messages, uint64_t polls, uint64_t nonempty,
                   double per_poll, uint64_t fetches, double per_fetch, double interval,
                   double rate) {
        t.rows.push_back(
            {id,
             "consumer",
             {id, format_count(messages), format_count(polls), format_count(nonempty),
              format_decimal(per_poll, 1), format_count(fetches), format_decimal(per_fetch, 1),
              format_decimal(interval, 2), format_decimal(rate, 1)}});
    };
    for (const auto& c : s.consumers)
        row(std::to_string(c.index), c.messages, c.polls, c.nonempty_polls, c.messages_per_poll,
            c.fetches, c.messages_per_fetch, c.mean_poll_interval_ms, c.msgs_per_s);
    // With one consumer the total would repeat its row.
    if (s.consumers.size() > 1) {
        row("all", s.consumed, s.polls, s.nonempty_polls, s.messages_per_poll, s.fetches,
            s.messages_per_fetch, s.mean_poll_interval_ms, s.consumer.msgs_per_s);
        t.rows.back().total = true;
    }
    return t;
}

SummaryVerdict verdict_of(const RunRecord& r) {
    SummaryVerdict v{r.verdict.valid, r.verdict.valid ? "VALID" : "INVALID", "", r.verdict.reasons,
                     r.verdict.warnings};
    const auto& a = r.summary.audit;
    if (r.verdict.valid && !r.summary.consumers.empty())
        v.audit = "all " + format_count(a.acknowledged) +
                  " acknowledged messages consumed exactly once and in order" +
                  (a.key_order_checked ? " (per partition and per key)" : " (per partition)");
    else if (r.verdict.valid)
        v.audit = "producer-only run: delivery is not audited by reading back";
    return v;
}

} // namespace

const SummaryRow* SummarySection::row(const std::string& row_id) const {
    for (const auto& r : rows)
        if (r.id == row_id)
            return &r;
    return nullptr;
}

const std::string& SummarySection::cell(const std::string& row_id,
                                        const std::string& header) const {
    static const std::string kNone;
    const SummaryRow* r = row(row_id);
    if (!r)
        return kNone;
    for (std::size_t i = 0; i < columns.size() && i < r->cells.size(); ++i)
        if (columns[i].header == header)
            return r->cells[i];
    return kNone;
}

const SummarySection* RunSummaryModel::section(const std::string& id) const {
    for (const auto& s : sections)
        if (s.id == id)
            return &s;
    return nullptr;
}

RunSummaryModel build_run_summary_model(const RunRecord& r) {
    const auto& s = r.summary;
    const auto& env = r.environment;
    RunSummaryModel m;
    m.run_id = r.id;
    m.status = to_string(r.status);
    m.facts = {{"cluster", env.cluster_kind + ", " + std::to_string(env.brokers) + " broker(s)"},
               {"topic", (r.topic.empty() ? std::string("(none)") : r.topic) + ", " +
                             (r.topic_partitions > 0 ? std::to_string(r.topic_partitions) : "?") +
                             " partition(s)"},
               {"librdkafka", env.librdkafka_version}};
    for (auto section :
         {throughput_section(s), latency_section(s), transactions_section(s.transactions),
          wire_section(s.wire), producers_section(s), consumers_section(s)})
        if (!section.rows.empty())
            m.sections.push_back(std::move(section));
    m.verdict = verdict_of(r);
    m.cluster_notes = env.cluster_notes;
    return m;
}

} // namespace ktw
