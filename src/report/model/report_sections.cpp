#include "report/model/report_sections.h"

#include "report/writers/render_util.h"
#include "core/summary/run_summary_model.h"
#include "core/util/text_format.h"

#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <set>

namespace ktw::report {
namespace {

using Get = std::function<std::string(const RunRecord&)>;

ReportBlock table_block(ReportTable t) {
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table = std::move(t);
    return b;
}

ReportBlock chart_block(std::size_t index) {
    ReportBlock b;
    b.kind = ReportBlock::Kind::Chart;
    b.chart = index;
    return b;
}

std::string tag(std::size_t i) {
    return "[" + std::to_string(i + 1) + "]";
}

/// Header of a table with one value column per run: "", "value" or "", "[1]", "[2]", ...
std::vector<std::string> run_columns(const ReportModel& m, std::string first) {
    std::vector<std::string> h = {std::move(first)};
    if (!m.is_comparison)
        h.push_back("value");
    else
        for (std::size_t i = 0; i < m.runs.size(); ++i)
            h.push_back(tag(i));
    return h;
}

/// A table of labelled rows with one column per run; values are text, left-aligned.
ReportTable per_run_table(const ReportModel& m, const std::string& first,
                          const std::vector<std::pair<std::string, Get>>& rows) {
    ReportTable t;
    t.header = run_columns(m, first);
    t.label_columns = t.header.size(); // mixed text: align everything left
    for (const auto& [label, get] : rows) {
        std::vector<ReportCell> row = {label};
        for (const auto& r : m.runs)
            row.push_back(get(r));
        t.rows.push_back(std::move(row));
    }
    return t;
}

/// Rows for every flattened key under the given spec parts, skipping excluded prefixes.
std::vector<std::pair<std::string, Get>> spec_rows(const ReportModel& m,
                                                   const std::vector<std::string>& parts,
                                                   const std::vector<std::string>& excluded) {
    // By run id: the same run given twice has the same values anyway.
    auto flat = std::make_shared<std::map<std::string, std::map<std::string, std::string>>>();
    std::set<std::string> keys;
    for (const auto& r : m.runs) {
        auto& f = (*flat)[r.id];
        for (const auto& part : parts)
            if (r.effective_spec.contains(part))
                flatten_json(r.effective_spec[part], part, f);
        for (const auto& [k, v] : f)
            keys.insert(k);
    }
    std::vector<std::pair<std::string, Get>> rows;
    for (const auto& key : keys) {
        bool skip = false;
        for (const auto& e : excluded)
            skip = skip || key.starts_with(e);
        if (skip)
            continue;
        rows.push_back({key, [flat, key](const RunRecord& r) {
                            const auto& f = flat->at(r.id);
                            auto it = f.find(key);
                            return it == f.end() ? std::string("-") : it->second;
                        }});
    }
    return rows;
}

ReportSection environment_section(const ReportModel& m) {
    ReportSection s{"environment", "Environment", {}};
    std::vector<std::pair<std::string, Get>> rows = {
        {"run", [](const RunRecord& r) { return r.id; }},
        {"status", [](const RunRecord& r) { return std::string(to_string(r.status)); }},
        {"started", [](const RunRecord& r) { return r.environment.started_at; }},
        {"ended", [](const RunRecord& r) { return r.environment.ended_at; }},
        {"elapsed (s)", [](const RunRecord& r) { return format_decimal(r.summary.elapsed_s, 2); }},
        {"host", [](const RunRecord& r) { return r.environment.host; }},
        {"CPUs", [](const RunRecord& r) { return std::to_string(r.environment.cpu_count); }},
        {"cluster",
         [](const RunRecord& r) {
             return r.environment.cluster_kind + ", " + std::to_string(r.environment.brokers) +
                    " broker(s)";
         }},
        {"bootstrap servers", [](const RunRecord& r) { return r.environment.bootstrap_servers; }},
        {"librdkafka", [](const RunRecord& r) { return r.environment.librdkafka_version; }},
        {"workbench", [](const RunRecord& r) { return r.environment.workbench_version; }},
    };
    s.blocks.push_back(table_block(per_run_table(m, "", rows)));
    return s;
}

ReportSection topic_section(const ReportModel& m) {
    ReportSection s{"topic", "Topic configuration", {}};
    std::vector<std::pair<std::string, Get>> rows = {
        {"topic used", [](const RunRecord& r) { return r.topic.empty() ? "(none)" : r.topic; }},
        {"partitions (as the cluster reported)",
         [](const RunRecord& r) {
             return r.topic_partitions > 0 ? std::to_string(r.topic_partitions) : "?";
         }},
    };
    for (auto& row : spec_rows(m, {"topic"}, {"topic.name"}))
        rows.push_back(std::move(row));
    s.blocks.push_back(table_block(per_run_table(m, "setting", rows)));
    return s;
}

ReportSection workload_section(const ReportModel& m) {
    ReportSection s{"workload", "Workload", {}};
    s.blocks.push_back(
        paragraph("What the producers sent and how the consumers read it (the experiment spec "
                  "with every default filled in; client properties are under Tuning)."));
    const auto rows = spec_rows(m, {"producer", "consumer", "phases", "measurement"},
                                {"producer.properties", "consumer.properties"});
    s.blocks.push_back(table_block(per_run_table(m, "setting", rows)));
    return s;
}

ReportSection tuning_section(const ReportModel& m) {
    ReportSection s{"tuning", "Tuning", {}};
    if (m.is_comparison) {
        for (const auto& warning : m.comparison.warnings)
            s.blocks.push_back(paragraph("Warning: " + warning + "."));
        if (m.comparison.settings.empty()) {
            s.blocks.push_back(paragraph("All settings are identical in these runs."));
            return s;
        }
        s.blocks.push_back(
            paragraph("Settings that differ between the runs. client.* keys are the librdkafka "
                      "configuration each client actually used, defaults included."));
        ReportTable t;
        t.header = run_columns(m, "setting");
        t.label_columns = t.header.size();
        for (const auto& row : m.comparison.settings) {
            std::vector<ReportCell> cells = {row.key};
            for (const auto& v : row.values)
                cells.push_back(v.empty() ? "-" : v);
            t.rows.push_back(std::move(cells));
        }
        s.blocks.push_back(table_block(std::move(t)));
        return s;
    }
    const auto rows = spec_rows(
        m, {"cluster", "producer", "consumer"},
        {"cluster.kind", "cluster.brokers", "cluster.broker_rtt_ms", "producer.threads",
         "producer.messages", "producer.message_bytes", "producer.keys", "producer.random_fraction",
         "producer.target_rate", "producer.duration_s", "consumer.threads", "consumer.mode",
         "consumer.commit", "consumer.group_id", "consumer.max_poll_records",
         "consumer.poll_timeout_ms", "consumer.processing_us"});
    if (rows.empty()) {
        s.blocks.push_back(paragraph("The experiment sets no client properties: every producer "
                                     "and consumer ran with librdkafka's defaults."));
    } else {
        s.blocks.push_back(paragraph("Client properties the experiment sets (everything else is "
                                     "librdkafka's default; the full configuration each client "
                                     "used is in the run record's client_config)."));
        s.blocks.push_back(table_block(per_run_table(m, "property", rows)));
    }
    if (!m.runs[0].overrides.empty()) {
        std::vector<std::string> items;
        for (const auto& o : m.runs[0].overrides)
            items.push_back("--set " + o);
        s.blocks.push_back(paragraph("Overrides given on the command line:"));
        s.blocks.push_back(bullets(std::move(items)));
    }
    return s;
}

/// "first message ..." as a sentence: "First message ....".
std::string as_sentence(std::string note) {
    if (!note.empty())
        note[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(note[0])));
    return note + ".";
}

/// A run summary model's section as a report table; in a comparison each row is prefixed
/// with its run's tag, rows of every run in one table.
struct SummaryTable {
    ReportTable table;
    bool started = false;

    void add(const SummarySection& s, bool many, std::size_t run) {
        if (!started) {
            table.caption = s.title + (s.caption.empty() ? "" : " (" + s.caption + ")");
            for (const auto& c : s.columns)
                table.header.push_back(c.header);
            if (many)
                table.header.insert(table.header.begin(), "run");
            table.label_columns = many ? 2 : 1;
            started = true;
        }
        for (const auto& row : s.rows) {
            std::vector<ReportCell> cells;
            if (many)
                cells.push_back(tag(run));
            for (const auto& c : row.cells)
                cells.push_back(ReportCell(c, false));
            table.rows.push_back(std::move(cells));
        }
    }
};

ReportSection clients_section(const ReportModel& m) {
    ReportSection s{"clients", "Producers and consumers", {}};
    const bool many = m.is_comparison;
    SummaryTable producers, consumers;
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
        const RunSummaryModel summary = build_run_summary_model(m.runs[i]);
        if (const auto* p = summary.section("producers"))
            producers.add(*p, many, i);
        if (const auto* c = summary.section("consumers"))
            consumers.add(*c, many, i);
        if (const auto* t = summary.section("throughput"))
            for (const auto& n : t->notes)
                notes.push_back((many ? tag(i) + " " : std::string()) + as_sentence(n));
    }
    if (producers.table.rows.empty())
        s.blocks.push_back(paragraph("No producer figures (the run did not produce)."));
    else
        s.blocks.push_back(table_block(std::move(producers.table)));
    if (consumers.table.rows.empty())
        s.blocks.push_back(paragraph("No consumers: a producer-only run."));
    else
        s.blocks.push_back(table_block(std::move(consumers.table)));
    for (auto& n : notes)
        s.blocks.push_back(paragraph(std::move(n)));
    return s;
}

const std::map<std::string, std::string>& group_captions() {
    static const std::map<std::string, std::string> k = {
        {"messages", "Messages"},
        {"throughput", "Throughput (measured window, warm-up excluded)"},
        {"latency", "Latency percentiles (ms)"},
        {"consumer", "Poll and fetch breakdown (all consumers)"},
        {"per consumer", "Per consumer"},
        {"verdict", "Delivery audit"}};
    return k;
}

/// The comparison's metric rows of one group: a value column per run, deltas against the
/// first run and the best value flagged when the row has a direction.
ReportTable metric_table(const ReportModel& m, const std::string& group) {
    ReportTable t;
    const auto caption = group_captions().find(group);
    t.caption = caption == group_captions().end() ? group : caption->second;
    t.header = run_columns(m, "metric");
    for (const auto& row : m.comparison.metrics) {
        if (row.section != group)
            continue;
        bool any = false;
        for (const auto& v : row.values)
            any = any || v.has_value();
        if (!any)
            continue;
        const auto best = m.is_comparison ? row.best() : std::nullopt;
        // The latency table's caption gives its unit once.
        const bool unit_in_caption = group == "latency" && row.unit == "ms";
        std::vector<ReportCell> cells = {
            row.label + (row.unit.empty() || unit_in_caption ? "" : " (" + row.unit + ")")};
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            std::string text = format_metric_value(row, row.values[i]);
            if (i > 0 && row.values[i] && row.values[0] && *row.values[0] != 0)
                text += " (" + format_delta_percent(*row.values[0], *row.values[i]) + ")";
            cells.push_back(ReportCell(text, best && *best == i));
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

/// The run's latency distribution as its summary model has it (the CLI and the GUI show
/// the same table).
ReportTable latency_detail(const RunRecord& r) {
    SummaryTable t;
    const RunSummaryModel summary = build_run_summary_model(r); // outlives the section pointer
    if (const auto* l = summary.section("latency"))
        t.add(*l, false, 0);
    return std::move(t.table);
}

ReportSection results_section(const ReportModel& m) {
    ReportSection s{"results", "Results", {}};
    if (m.is_comparison)
        s.blocks.push_back(paragraph("Deltas are against the baseline [1]; a best value is "
                                     "marked (highest rate, lowest latency)."));
    for (const char* group : {"messages", "throughput", "latency"}) {
        auto t = metric_table(m, group);
        if (!t.rows.empty())
            s.blocks.push_back(table_block(std::move(t)));
    }
    if (!m.is_comparison) {
        auto t = latency_detail(m.runs[0]);
        if (!t.rows.empty())
            s.blocks.push_back(table_block(std::move(t)));
    }
    for (const char* group : {"consumer", "per consumer"}) {
        auto t = metric_table(m, group);
        if (!t.rows.empty())
            s.blocks.push_back(table_block(std::move(t)));
    }
    for (std::size_t i = 0; i < m.charts.size(); ++i)
        s.blocks.push_back(chart_block(i));
    if (!m.charts.empty() && !m.charts[0].shaded.empty())
        s.blocks.push_back(paragraph("The shaded span on the charts is the warm-up, which the "
                                     "figures above leave out. Each point is one collector "
                                     "interval, drawn at its middle."));
    return s;
}

ReportSection validity_section(const ReportModel& m) {
    ReportSection s{"validity", "Validity", {}};
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
        const auto& r = m.runs[i];
        std::string head = m.is_comparison ? tag(i) + " " + r.id + ": " : std::string();
        if (r.verdict.valid)
            head += "VALID: " + build_run_summary_model(r).verdict.audit + ".";
        else
            head += std::string("INVALID (") + to_string(r.status) +
                    "); its numbers should not be trusted:";
        s.blocks.push_back(paragraph(head));
        std::vector<std::string> items;
        for (const auto& reason : r.verdict.reasons)
            items.push_back(reason);
        for (const auto& w : r.verdict.warnings)
            items.push_back("note: " + w);
        if (!items.empty())
            s.blocks.push_back(bullets(std::move(items)));
    }
    auto audit = metric_table(m, "verdict");
    if (!audit.rows.empty())
        s.blocks.push_back(table_block(std::move(audit)));
    std::vector<std::string> notes;
    std::set<std::string> seen;
    for (const auto& r : m.runs)
        for (const auto& n : r.environment.cluster_notes)
            if (seen.insert(n).second)
                notes.push_back(n);
    if (!notes.empty()) {
        s.blocks.push_back(paragraph("Cluster notes (limits that make these numbers differ from "
                                     "a real Kafka cluster's):"));
        s.blocks.push_back(bullets(std::move(notes)));
    }
    return s;
}

} // namespace

std::vector<ReportSection> build_sections(const ReportModel& m) {
    return {environment_section(m), topic_section(m),   workload_section(m), tuning_section(m),
            clients_section(m),     results_section(m), validity_section(m)};
}

} // namespace ktw::report
