// The drafted conclusion: plain sentences from the numbers, which the user may rewrite.

#include "report/model/report_model.h"
#include "core/util/text_format.h"

#include <algorithm>
#include <cmath>

namespace ktw::report {
namespace {

// Below this spread the produce rates are treated as equal: run-to-run noise on one machine
// is a few percent.
constexpr double kSameThroughput = 0.03;

std::string ms(uint64_t us) {
    return format_decimal(static_cast<double>(us) / 1000.0, 2) + " ms";
}

std::string rate(double msgs_per_s) {
    return format_decimal(msgs_per_s, 0) + " msgs/s";
}

std::string percent(double fraction) {
    return format_decimal(std::fabs(fraction) * 100, 1) + "%";
}

std::string short_key(const std::string& key) {
    for (const char* prefix : {"producer.properties.", "consumer.properties.",
                               "cluster.properties.", "client.producer.", "client.consumer."})
        if (key.starts_with(prefix))
            return key.substr(std::string(prefix).size());
    return key;
}

std::string join_reasons(const std::vector<std::string>& reasons) {
    std::string all;
    for (const auto& r : reasons)
        all += (all.empty() ? "" : "; ") + r;
    return all.empty() ? "no reason recorded" : all;
}

bool on_embedded(const ReportModel& m) {
    return std::any_of(m.runs.begin(), m.runs.end(),
                       [](const RunRecord& r) { return r.environment.cluster_kind == "embedded"; });
}

bool paced(const RunRecord& r) {
    const auto& p = r.effective_spec["producer"];
    return p.contains("target_rate") && p["target_rate"].is_number() &&
           p["target_rate"].get<double>() > 0;
}

std::string latency_sentence(const RunRecord& r) {
    const auto& s = r.summary;
    std::string text;
    if (s.ack_us.count)
        text += "Acknowledgement latency was p50 " + ms(s.ack_us.p50_us) + ", p99 " +
                ms(s.ack_us.p99_us);
    if (s.e2e_us.count)
        text += std::string(text.empty() ? "End-to-end latency was" : "; end-to-end") + " p50 " +
                ms(s.e2e_us.p50_us) + ", p99 " + ms(s.e2e_us.p99_us);
    return text.empty() ? "" : text + ".";
}

std::string single_run(const ReportModel& m) {
    const auto& r = m.runs[0];
    const auto& s = r.summary;
    if (!r.verdict.valid)
        return std::string("This run is invalid (") + to_string(r.status) +
               "): " + join_reasons(r.verdict.reasons) +
               ". Its numbers should not be used to judge these settings; fix the cause and "
               "run it again.";
    std::string text = "The producers had " + format_count(s.produced) +
                       " messages acknowledged at " + rate(s.producer.msgs_per_s) + " (" +
                       format_decimal(s.producer.mib_per_s, 2) + " MiB/s) over " +
                       format_decimal(s.producer.seconds, 2) + " s measured";
    if (paced(r))
        text += ", paced at a target of " +
                rate(r.effective_spec["producer"]["target_rate"].get<double>());
    text += ".";
    if (!s.consumers.empty())
        text += " The consumers received them at " + rate(s.consumer.msgs_per_s) + ".";
    if (const auto l = latency_sentence(r); !l.empty())
        text += " " + l;
    if (!s.consumers.empty())
        text += " A poll returned " + format_decimal(s.messages_per_poll, 1) +
                " messages on average and a fetch " + format_decimal(s.messages_per_fetch, 1) +
                ", with a poll every " + format_decimal(s.mean_poll_interval_ms, 2) + " ms.";
    text += " Every acknowledged message was accounted for, so the run is valid.";
    return text;
}

std::string comparison(const ReportModel& m) {
    std::vector<std::size_t> valid;
    std::string text;
    for (std::size_t i = 0; i < m.runs.size(); ++i) {
        if (m.runs[i].verdict.valid) {
            valid.push_back(i);
            continue;
        }
        text += run_label(m, i) + " is left out: it is invalid (" + to_string(m.runs[i].status) +
                "): " + join_reasons(m.runs[i].verdict.reasons) + ".\n\n";
    }
    if (valid.empty())
        return text + "No run is valid, so the numbers cannot tell these settings apart.";
    if (valid.size() == 1)
        return text + "Only " + run_label(m, valid[0]) + " is valid, so there is nothing to " +
               "compare it with. " + latency_sentence(m.runs[valid[0]]);

    auto produce_rate = [&](std::size_t i) { return m.runs[i].summary.producer.msgs_per_s; };
    const auto [slow_it, fast_it] =
        std::minmax_element(valid.begin(), valid.end(), [&](std::size_t a, std::size_t b) {
            return produce_rate(a) < produce_rate(b);
        });
    const std::size_t fast = *fast_it, slow = *slow_it;
    const std::size_t base = valid[0]; // the baseline, or the first valid run
    const double spread = produce_rate(slow) > 0   ? produce_rate(fast) / produce_rate(slow) - 1
                          : produce_rate(fast) > 0 ? 1.0
                                                   : 0.0;
    const bool all_paced =
        std::all_of(valid.begin(), valid.end(), [&](std::size_t i) { return paced(m.runs[i]); });

    auto e2e_or_ack_p99 = [&](std::size_t i) {
        const auto& s = m.runs[i].summary;
        return s.e2e_us.count ? s.e2e_us.p99_us : s.ack_us.p99_us;
    };
    const bool end_to_end = m.runs[fast].summary.e2e_us.count > 0;
    const char* measure = end_to_end ? "end-to-end p99" : "ack p99";

    if (spread < kSameThroughput) {
        text += "Throughput was the same within " + percent(spread) + " (" +
                rate(produce_rate(slow)) + " to " + rate(produce_rate(fast)) + ")";
        text += all_paced ? ": the producers were paced at their target rate, so throughput "
                            "cannot tell these settings apart. "
                          : ". ";
        const auto low = *std::min_element(valid.begin(), valid.end(), [&](auto a, auto b) {
            return e2e_or_ack_p99(a) < e2e_or_ack_p99(b);
        });
        const auto high = *std::max_element(valid.begin(), valid.end(), [&](auto a, auto b) {
            return e2e_or_ack_p99(a) < e2e_or_ack_p99(b);
        });
        const double l_low = static_cast<double>(e2e_or_ack_p99(low));
        const double l_high = static_cast<double>(e2e_or_ack_p99(high));
        if (l_low > 0 && l_high > l_low * 1.05)
            text += "Latency differs: " + run_label(m, low) + " had the lowest " + measure + ", " +
                    ms(e2e_or_ack_p99(low)) + ", against " + ms(e2e_or_ack_p99(high)) + " for " +
                    run_label(m, high) + " (" + percent(l_high / l_low - 1) + " higher).";
        else
            text += std::string("Latency was about the same too (") + measure + " " +
                    ms(e2e_or_ack_p99(low)) + " to " + ms(e2e_or_ack_p99(high)) + ").";
    } else {
        const std::size_t other = fast == base ? slow : base;
        text += run_label(m, fast) + " was the fastest: " + rate(produce_rate(fast)) + ", " +
                (produce_rate(other) > 0
                     ? percent(produce_rate(fast) / produce_rate(other) - 1) + " more than "
                     : std::string("against ")) +
                run_label(m, other) + " (" + rate(produce_rate(other)) + ").";
        const double lf = static_cast<double>(e2e_or_ack_p99(fast));
        const double lo = static_cast<double>(e2e_or_ack_p99(other));
        if (lo > 0) {
            text += std::string(" Its ") + measure + " was " + ms(e2e_or_ack_p99(fast)) +
                    " against " + ms(e2e_or_ack_p99(other));
            if (lf > lo * 1.05)
                text += ": the extra throughput costs " + percent(lf / lo - 1) + " of latency.";
            else if (lf < lo * 0.95)
                text += ", so it was also " + percent(1 - lf / lo) + " lower in latency.";
            else
                text += ", about the same.";
        }
        const auto& fs = m.runs[fast].summary;
        const auto& os = m.runs[other].summary;
        if (!fs.consumers.empty() && !os.consumers.empty())
            text += " Messages per poll went from " + format_decimal(os.messages_per_poll, 1) +
                    " to " + format_decimal(fs.messages_per_poll, 1) +
                    " and messages per fetch from " + format_decimal(os.messages_per_fetch, 1) +
                    " to " + format_decimal(fs.messages_per_fetch, 1) + ".";
    }
    return text;
}

} // namespace

std::string run_label(const ReportModel& m, std::size_t run) {
    std::string label = "[" + std::to_string(run + 1) + "]";
    if (!m.is_comparison)
        return label;
    // The settings that set this run apart, spec keys first (client.* repeat them).
    std::vector<std::string> parts;
    for (bool client : {false, true}) {
        for (const auto& s : m.comparison.settings) {
            if (s.key.starts_with("client.") != client || s.key == "description")
                continue;
            const std::string part = short_key(s.key) + "=" + s.values[run];
            if (std::find(parts.begin(), parts.end(), part) == parts.end() &&
                std::none_of(parts.begin(), parts.end(), [&](const std::string& p) {
                    return p.starts_with(short_key(s.key) + "=");
                }))
                parts.push_back(part);
        }
    }
    for (std::size_t i = 0; i < parts.size() && i < 2; ++i)
        label += (i == 0 ? " " : ", ") + parts[i];
    if (parts.size() > 2)
        label += ", ...";
    return label;
}

std::string draft_conclusion(const ReportModel& m) {
    std::string text = m.is_comparison ? comparison(m) : single_run(m);
    if (on_embedded(m))
        text += "\n\nThese numbers come from the embedded cluster (librdkafka's mock brokers "
                "inside the process, acks not enforced): they describe the client, not a real "
                "Kafka cluster. Confirm a setting on a real cluster before adopting it.";
    return text;
}

} // namespace ktw::report
