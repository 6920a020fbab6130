#include "cli/text/run_report_text.h"

#include "cli/text/text_table.h"
#include "core/summary/run_summary_model.h"
#include "core/util/text_format.h"

#include <algorithm>

namespace ktw::cli {
namespace {

// How kafka-producer-perf-test words its line, per throughput row of the model.
struct PerfLine {
    const char* row;
    const char* title;
    const char* records;
};
constexpr PerfLine kPerfLines[] = {{"produced", "Producer", "records acknowledged"},
                                   {"consumed", "Consumer", "records consumed"}};

/// "Producer: 3,000 records acknowledged, 2,990.1 records/sec (0.29 MiB/sec) over 1.00 s
/// measured": the line perf-test users read first.
void print_perf_line(std::FILE* out, const SummarySection& t, const PerfLine& l) {
    std::fprintf(out, "\n%s: %s %s, %s records/sec (%s MiB/sec) over %s s measured", l.title,
                 t.cell(l.row, "messages").c_str(), l.records, t.cell(l.row, "msgs/s").c_str(),
                 t.cell(l.row, "MiB/s").c_str(), t.cell(l.row, "measured (s)").c_str());
    const std::string& failed = t.cell(l.row, "failed");
    if (!failed.empty() && failed != "0" && failed != "-")
        std::fprintf(out, ", %s FAILED", failed.c_str());
    std::fprintf(out, "\n");
}

/// "  ack latency (ms): avg 1.20, p50 1.10, ..., max 9.00 (3,000 samples)", every column of
/// the model's latency section in its order.
void print_latency_lines(std::FILE* out, const SummarySection* t, const std::string& client) {
    if (!t)
        return;
    for (const auto& row : t->rows) {
        if (row.client != client)
            continue;
        std::string line = "  " + row.cells[0] + " " + t->columns[0].header + ":";
        std::string samples;
        for (std::size_t i = 1; i < t->columns.size(); ++i) {
            if (t->columns[i].header == "samples") {
                samples = " (" + row.cells[i] + " samples)";
                continue;
            }
            line += (i > 1 ? ", " : " ") + t->columns[i].header + " " + row.cells[i];
        }
        std::fprintf(out, "%s%s\n", line.c_str(), samples.c_str());
    }
}

void print_transactions(std::FILE* out, const SummarySection* t) {
    if (!t)
        return;
    const auto& row = t->rows.front().id;
    std::fprintf(out, "  transactions: %s committed (%s/sec), %s aborted (%s messages)\n",
                 t->cell(row, "committed").c_str(), t->cell(row, "committed/s").c_str(),
                 t->cell(row, "aborted").c_str(), t->cell(row, "messages aborted").c_str());
}

void print_wire(std::FILE* out, const SummarySection* t) {
    if (!t)
        return;
    const auto& row = t->rows.front().id;
    std::string notes;
    for (const auto& n : t->notes)
        notes += " [" + n + "]";
    std::fprintf(out,
                 "  bytes: payload acknowledged %s MiB; record batches %s MiB in %s batches "
                 "(compression ratio %s); all requests %s MiB (payload / requests %s, protocol "
                 "overhead included)%s\n",
                 t->cell(row, "payload acknowledged (MiB)").c_str(),
                 t->cell(row, "record batches (MiB)").c_str(), t->cell(row, "batches").c_str(),
                 t->cell(row, "compression ratio").c_str(),
                 t->cell(row, "all requests (MiB)").c_str(),
                 t->cell(row, "payload / requests").c_str(), notes.c_str());
}

/// A section as an aligned table under its title and caption; a rule above a total row.
void print_table(std::FILE* out, const SummarySection* t) {
    if (!t)
        return;
    std::fprintf(out, "\n  %s%s\n", t->title.c_str(),
                 t->caption.empty() ? "" : (" (" + t->caption + ")").c_str());
    TextTable table;
    std::vector<std::string> header;
    for (const auto& c : t->columns)
        header.push_back(c.header);
    table.add_row(header);
    table.add_rule();
    for (const auto& row : t->rows) {
        if (row.total)
            table.add_rule();
        table.add_row(row.cells);
    }
    table.print(out, "  ");
}

} // namespace

void print_run_summary(std::FILE* out, const RunRecord& r) {
    const RunSummaryModel m = build_run_summary_model(r);
    std::fprintf(out, "\nRun %s (%s)\n ", m.run_id.c_str(), m.status.c_str());
    for (std::size_t i = 0; i < m.facts.size(); ++i)
        std::fprintf(out, "%s %s: %s", i > 0 ? ";" : "", m.facts[i].label.c_str(),
                     m.facts[i].value.c_str());
    std::fprintf(out, "\n");

    // Grouped by client as perf-test users expect: each side's line, then its details.
    const SummarySection* throughput = m.section("throughput");
    const SummarySection* latency = m.section("latency");
    print_perf_line(out, *throughput, kPerfLines[0]);
    print_latency_lines(out, latency, "producer");
    print_transactions(out, m.section("transactions"));
    print_wire(out, m.section("wire"));
    if (throughput->row("consumed")) {
        print_perf_line(out, *throughput, kPerfLines[1]);
        for (const auto& note : throughput->notes)
            std::fprintf(out, "  %s\n", note.c_str());
        print_latency_lines(out, latency, "consumer");
        print_table(out, m.section("consumers"));
    }

    std::fprintf(out, "\nVerdict: %s\n", m.verdict.headline.c_str());
    if (!m.verdict.audit.empty())
        std::fprintf(out, "  %s\n", m.verdict.audit.c_str());
    for (const auto& reason : m.verdict.reasons)
        std::fprintf(out, "  - %s\n", reason.c_str());
    for (const auto& warning : m.verdict.warnings)
        std::fprintf(out, "  note: %s\n", warning.c_str());
    for (const auto& note : m.cluster_notes)
        std::fprintf(out, "  note: %s\n", note.c_str());
}

void print_comparison(std::FILE* out, const RunComparison& c) {
    std::fprintf(out, "\nComparing %zu runs (deltas against the first; * marks the best)\n",
                 c.ids.size());
    TextTable runs;
    std::vector<std::string> clients;
    std::size_t width = 0;
    for (const auto& v : c.librdkafka_versions) {
        clients.push_back("librdkafka " + (v.empty() ? std::string("unknown") : v));
        width = std::max(width, clients.back().size());
    }
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        runs.add_row({"[" + std::to_string(i + 1) + "]", c.ids[i], c.valid[i] ? "VALID" : "INVALID",
                      clients[i] + std::string(width - clients[i].size(), ' ')}); // left-aligned
    runs.print(out, "  ");
    for (const auto& warning : c.warnings)
        std::fprintf(out, "  warning: %s\n", warning.c_str());

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
