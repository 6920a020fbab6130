#pragma once
// The summary of one run as a model: what the CLI's text, the GUI's run page and a report
// show, built once here so the three say the same thing under the same headers. Every cell
// is already formatted; a renderer only lays it out (terminal text, HTML, report tables).
// Adding a metric is one edit in run_summary_model.cpp: a column, a row or a section.

#include "core/record/run_record.h"

#include <string>
#include <vector>

namespace ktw {

struct SummaryColumn {
    std::string header; ///< with its unit when it has one: "poll interval (ms)"
    std::string unit;   ///< "ms", "msgs/s", "MiB"; "" for counts and labels
};

struct SummaryRow {
    std::string id;                 ///< stable: "produced", "ack", "0" (consumer index), "all"
    std::string client;             ///< whose figures: "producer" or "consumer"
    std::vector<std::string> cells; ///< one per column; cells[0] is the row's label
    bool total = false;             ///< sums the rows above it ("all" consumers)
};

struct SummarySection {
    std::string id;      ///< "throughput", "latency", "transactions", "wire", "producers",
                         ///< "consumers"
    std::string title;   ///< "Throughput"
    std::string caption; ///< how it was measured; may be empty
    std::vector<SummaryColumn> columns; ///< columns[0] labels the rows
    std::vector<SummaryRow> rows;
    std::vector<std::string> notes; ///< sentences about the section's figures

    /// The cell of a row under a column header; "" when either is missing.
    const std::string& cell(const std::string& row_id, const std::string& header) const;
    const SummaryRow* row(const std::string& row_id) const;
};

struct SummaryFact {
    std::string label; ///< "cluster", "topic", "librdkafka"
    std::string value; ///< "embedded, 1 broker(s)"
};

struct SummaryVerdict {
    bool valid = false;
    std::string headline; ///< "VALID" or "INVALID"
    /// What the audit established, "all 3,000 acknowledged messages consumed exactly once and
    /// in order (per partition)"; "" for an invalid or a producer-only run.
    std::string audit;
    std::vector<std::string> reasons;  ///< why not valid
    std::vector<std::string> warnings; ///< valid, but worth knowing
};

struct RunSummaryModel {
    std::string run_id;
    std::string status;                   ///< "completed", "cancelled", ...
    std::vector<SummaryFact> facts;       ///< where it ran: cluster, topic, librdkafka
    std::vector<SummarySection> sections; ///< only those with rows, in the order above
    SummaryVerdict verdict;
    std::vector<std::string> cluster_notes; ///< limits of the cluster (the embedded one's)

    /// nullptr when the run has no such section (no consumers, not transactional, ...).
    const SummarySection* section(const std::string& id) const;
};

RunSummaryModel build_run_summary_model(const RunRecord& record);

} // namespace ktw
