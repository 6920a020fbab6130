#include "cli/text/run_report_text.h"

#include "core/util/text_format.h"
#include "cli/text/text_table.h"

namespace ktw::cli {
namespace {

std::string ms(uint64_t us) {
    return format_decimal(static_cast<double>(us) / 1000.0, 2);
}

void print_latency(std::FILE* out, const char* label, const LatencySummary& l) {
    if (l.count == 0)
        return;
    std::fprintf(
        out, "  %s latency (ms): avg %s, p50 %s, p90 %s, p99 %s, p99.9 %s, max %s (%s samples)\n",
        label, format_decimal(l.mean_us / 1000.0, 2).c_str(), ms(l.p50_us).c_str(),
        ms(l.p90_us).c_str(), ms(l.p99_us).c_str(), ms(l.p999_us).c_str(), ms(l.max_us).c_str(),
        format_count(l.count).c_str());
}

std::string mib(uint64_t bytes) {
    return format_decimal(static_cast<double>(bytes) / 1048576.0, 2);
}

void print_wire(std::FILE* out, const WireFigures& w) {
    if (w.batch_bytes == 0)
        return; // no producer statistics (measurement disabled)
    std::fprintf(out,
                 "  bytes: payload acknowledged %s MiB; record batches %s MiB in %s batches "
                 "(compression ratio %s); all requests %s MiB (payload / requests %s, protocol "
                 "overhead included)%s\n",
                 mib(w.payload_bytes).c_str(), mib(w.batch_bytes).c_str(),
                 format_count(w.batches).c_str(), format_decimal(w.compression_ratio, 2).c_str(),
                 mib(w.request_bytes).c_str(), format_decimal(w.wire_ratio, 2).c_str(),
                 w.complete ? "" : " [partial: the last statistics emit missed messages]");
}

void print_transactions(std::FILE* out, const TransactionFigures& t) {
    if (!t.enabled)
        return;
    std::fprintf(out, "  transactions: %s committed (%s/sec), %s aborted (%s messages)\n",
                 format_count(t.committed).c_str(), format_decimal(t.per_s, 1).c_str(),
                 format_count(t.aborted).c_str(), format_count(t.messages_aborted).c_str());
    print_latency(out, "commit", t.commit_us);
}

} // namespace

void print_run_summary(std::FILE* out, const RunRecord& r) {
    const auto& s = r.summary;
    const auto& env = r.environment;
    std::fprintf(out, "\nRun %s (%s)\n", r.id.c_str(), to_string(r.status));
    const std::string partitions =
        r.topic_partitions > 0 ? std::to_string(r.topic_partitions) : "?";
    std::fprintf(out, "  cluster: %s, %d broker(s); topic %s, %s partition(s); librdkafka %s\n",
                 env.cluster_kind.c_str(), env.brokers,
                 r.topic.empty() ? "(none)" : r.topic.c_str(), partitions.c_str(),
                 env.librdkafka_version.c_str());

    std::fprintf(
        out, "\nProducer: %s records acknowledged, %s records/sec (%s MiB/sec) over %s s measured",
        format_count(s.produced).c_str(), format_decimal(s.producer.msgs_per_s, 1).c_str(),
        format_decimal(s.producer.mib_per_s, 2).c_str(),
        format_decimal(s.producer.seconds, 2).c_str());
    if (s.produce_failed)
        std::fprintf(out, ", %s FAILED", format_count(s.produce_failed).c_str());
    std::fprintf(out, "\n");
    print_latency(out, "ack", s.ack_us);
    print_latency(out, "send delay", s.send_delay_us);
    print_transactions(out, s.transactions);
    print_wire(out, s.wire);

    if (!s.consumers.empty()) {
        std::fprintf(
            out,
            "\nConsumer: %s records consumed, %s records/sec (%s MiB/sec) over %s s measured\n",
            format_count(s.consumed).c_str(), format_decimal(s.consumer.msgs_per_s, 1).c_str(),
            format_decimal(s.consumer.mib_per_s, 2).c_str(),
            format_decimal(s.consumer.seconds, 2).c_str());
        if (s.consume_start_delay_ms > 0)
            std::fprintf(out,
                         "  first message %s ms after the consume phase began (resuming the "
                         "paused partitions, first fetch); not in the measured window\n",
                         format_decimal(s.consume_start_delay_ms, 1).c_str());
        print_latency(out, "end-to-end", s.e2e_us);
        std::fprintf(out, "\n  poll and fetch breakdown (measured: polls counted by the workers, "
                          "fetch requests from librdkafka statistics)\n");
        TextTable t;
        t.add_row({"consumer", "messages", "polls", "non-empty", "msgs/poll", "fetches",
                   "msgs/fetch", "poll interval ms", "msgs/s"});
        t.add_rule();
        for (const auto& c : s.consumers)
            t.add_row({std::to_string(c.index), format_count(c.messages), format_count(c.polls),
                       format_count(c.nonempty_polls), format_decimal(c.messages_per_poll, 1),
                       format_count(c.fetches), format_decimal(c.messages_per_fetch, 1),
                       format_decimal(c.mean_poll_interval_ms, 2),
                       format_decimal(c.msgs_per_s, 1)});
        if (s.consumers.size() > 1) {
            t.add_rule();
            t.add_row({"all", format_count(s.consumed), format_count(s.polls),
                       format_count(s.nonempty_polls), format_decimal(s.messages_per_poll, 1),
                       format_count(s.fetches), format_decimal(s.messages_per_fetch, 1),
                       format_decimal(s.mean_poll_interval_ms, 2),
                       format_decimal(s.consumer.msgs_per_s, 1)});
        }
        t.print(out, "  ");
    }

    const auto& a = s.audit;
    std::fprintf(out, "\nVerdict: %s\n", r.verdict.valid ? "VALID" : "INVALID");
    if (r.verdict.valid && !s.consumers.empty())
        std::fprintf(out, "  all %s acknowledged messages consumed exactly once and in order%s\n",
                     format_count(a.acknowledged).c_str(),
                     a.key_order_checked ? " (per partition and per key)" : " (per partition)");
    for (const auto& reason : r.verdict.reasons)
        std::fprintf(out, "  - %s\n", reason.c_str());
    for (const auto& warning : r.verdict.warnings)
        std::fprintf(out, "  note: %s\n", warning.c_str());
    for (const auto& note : env.cluster_notes)
        std::fprintf(out, "  note: %s\n", note.c_str());
}

void print_comparison(std::FILE* out, const RunComparison& c) {
    std::fprintf(out, "\nComparing %zu runs (deltas against the first; * marks the best)\n",
                 c.ids.size());
    TextTable runs;
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        runs.add_row(
            {"[" + std::to_string(i + 1) + "]", c.ids[i], c.valid[i] ? "VALID" : "INVALID"});
    runs.print(out, "  ");

    std::vector<std::string> header = {""};
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        header.push_back("[" + std::to_string(i + 1) + "]");
    if (!c.settings.empty()) {
        std::fprintf(out, "\nSettings that differ\n");
        TextTable t;
        t.add_row(header);
        t.add_rule();
        for (const auto& s : c.settings) {
            std::vector<std::string> row = {s.key};
            for (const auto& v : s.values)
                row.push_back(v.empty() ? "-" : v);
            t.add_row(row);
        }
        t.print(out, "  ");
    } else {
        std::fprintf(out, "\nSettings: identical\n");
    }

    std::fprintf(out, "\nResults\n");
    TextTable t;
    t.add_row(header);
    std::string section;
    for (const auto& m : c.metrics) {
        if (m.section != section) {
            section = m.section;
            t.add_rule();
        }
        const auto best = m.best();
        std::vector<std::string> row = {m.label + (m.unit.empty() ? "" : " (" + m.unit + ")")};
        for (std::size_t i = 0; i < m.values.size(); ++i) {
            std::string cell = format_metric_value(m, m.values[i]);
            if (i > 0 && m.values[i] && m.values[0])
                cell += " (" + format_delta_percent(*m.values[0], *m.values[i]) + ")";
            if (best && *best == i)
                cell += " *";
            row.push_back(cell);
        }
        t.add_row(row);
    }
    t.print(out, "  ");
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        for (const auto& reason : c.verdict_reasons[i])
            std::fprintf(out, "  [%zu] invalid: %s\n", i + 1, reason.c_str());
}

} // namespace ktw::cli
