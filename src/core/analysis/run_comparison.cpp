#include "core/analysis/run_comparison.h"

#include "core/util/text_format.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace ktw {
namespace {

// Keys that differ between runs by construction and say nothing about tuning.
bool is_run_specific(const std::string& key) {
    static const std::set<std::string> kSkip = {"name",
                                                "description",
                                                "consumer.group_id",
                                                "topic.name",
                                                "client.producer.bootstrap.servers",
                                                "client.consumer.bootstrap.servers",
                                                "client.producer.metadata.broker.list",
                                                "client.consumer.metadata.broker.list",
                                                "client.producer.group.id",
                                                "client.consumer.group.id",
                                                "client.producer.client.id",
                                                "client.consumer.client.id"};
    return kSkip.count(key) > 0;
}

std::map<std::string, std::string> settings_of(const RunRecord& r) {
    std::map<std::string, std::string> flat;
    flatten_json(r.effective_spec, "", flat);
    for (const auto& [client, config] : r.client_config)
        for (const auto& [key, value] : config)
            flat["client." + client + "." + key] = value;
    return flat;
}

} // namespace

void flatten_json(const nlohmann::json& j, const std::string& prefix,
                  std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items())
            flatten_json(value, prefix.empty() ? key : prefix + "." + key, out);
    } else if (!prefix.empty()) {
        out[prefix] = j.is_string() ? j.get<std::string>() : j.dump();
    }
}

std::optional<std::size_t> MetricRow::best() const {
    if (better == Better::Neither)
        return std::nullopt;
    std::optional<std::size_t> best;
    bool all_equal = true;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i])
            continue;
        if (best && *values[i] != *values[*best])
            all_equal = false;
        if (!best ||
            (better == Better::Higher ? *values[i] > *values[*best] : *values[i] < *values[*best]))
            best = i;
    }
    if (all_equal)
        return std::nullopt;
    return best;
}

std::optional<std::string> client_version_warning(const std::vector<std::string>& ids,
                                                  const std::vector<std::string>& versions) {
    // Versions in order of first appearance, each with the runs that used it.
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    std::size_t known = 0;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        const std::string version = versions[i].empty() ? "unknown" : versions[i];
        auto g = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& e) { return e.first == version; });
        if (g == groups.end()) {
            known += versions[i].empty() ? 0 : 1;
            g = groups.insert(groups.end(), {version, {}});
        }
        g->second.push_back(i < ids.size() ? ids[i] : "run " + std::to_string(i + 1));
    }
    if (known < 2)
        return std::nullopt;
    std::string text = "the runs used different librdkafka versions: ";
    for (std::size_t g = 0; g < groups.size(); ++g) {
        text += (g ? "; " : "") + groups[g].first + " (";
        for (std::size_t i = 0; i < groups[g].second.size(); ++i)
            text += (i ? ", " : "") + groups[g].second[i];
        text += ")";
    }
    return text + "; differences between them may come from the client, not only from the "
                  "settings";
}

RunComparison compare_runs(const std::vector<RunRecord>& runs) {
    RunComparison c;
    std::vector<std::map<std::string, std::string>> settings;
    std::set<std::string> keys;
    for (const auto& r : runs) {
        c.ids.push_back(r.id);
        c.names.push_back(r.name);
        c.valid.push_back(r.verdict.valid);
        c.verdict_reasons.push_back(r.verdict.reasons);
        c.librdkafka_versions.push_back(r.environment.librdkafka_version);
        settings.push_back(settings_of(r));
        for (const auto& [k, v] : settings.back())
            keys.insert(k);
    }
    for (const auto& key : keys) {
        if (is_run_specific(key))
            continue;
        SettingRow row{key, {}};
        std::set<std::string> distinct;
        for (const auto& s : settings) {
            auto it = s.find(key);
            row.values.push_back(it == s.end() ? "" : it->second);
            distinct.insert(row.values.back());
        }
        if (distinct.size() > 1)
            c.settings.push_back(std::move(row));
    }
    if (auto w = client_version_warning(c.ids, c.librdkafka_versions))
        c.warnings.push_back(std::move(*w));

    using Get = std::function<std::optional<double>(const RunRecord&)>;
    auto add = [&](const char* section, const char* label, const char* unit, Better better,
                   Get get) {
        MetricRow row{section, label, unit, better, {}};
        for (const auto& r : runs)
            row.values.push_back(get(r));
        c.metrics.push_back(std::move(row));
    };
    auto has_consumers = [](const RunRecord& r) { return !r.summary.consumers.empty(); };
    auto consumer_value = [&](auto field) -> Get {
        return [=](const RunRecord& r) -> std::optional<double> {
            if (!has_consumers(r))
                return std::nullopt;
            return static_cast<double>(r.summary.*field);
        };
    };
    auto latency = [](LatencySummary RunSummary::*which, uint64_t LatencySummary::*field) -> Get {
        return [=](const RunRecord& r) -> std::optional<double> {
            const auto& s = r.summary.*which;
            if (s.count == 0)
                return std::nullopt;
            return static_cast<double>(s.*field) / 1000.0;
        };
    };

    add("messages", "acknowledged", "msgs", Better::Neither,
        [](const RunRecord& r) { return static_cast<double>(r.summary.produced); });
    add("messages", "consumed", "msgs", Better::Neither,
        [](const RunRecord& r) { return static_cast<double>(r.summary.consumed); });
    add("throughput", "produce rate", "msgs/s", Better::Higher,
        [](const RunRecord& r) { return r.summary.producer.msgs_per_s; });
    add("throughput", "produce rate", "MiB/s", Better::Higher,
        [](const RunRecord& r) { return r.summary.producer.mib_per_s; });
    add("throughput", "consume rate", "msgs/s", Better::Higher, [&](const RunRecord& r) {
        return has_consumers(r) ? std::optional(r.summary.consumer.msgs_per_s) : std::nullopt;
    });
    add("throughput", "consume rate", "MiB/s", Better::Higher, [&](const RunRecord& r) {
        return has_consumers(r) ? std::optional(r.summary.consumer.mib_per_s) : std::nullopt;
    });
    add("latency", "ack p50", "ms", Better::Lower,
        latency(&RunSummary::ack_us, &LatencySummary::p50_us));
    add("latency", "ack p99", "ms", Better::Lower,
        latency(&RunSummary::ack_us, &LatencySummary::p99_us));
    add("latency", "ack p99.9", "ms", Better::Lower,
        latency(&RunSummary::ack_us, &LatencySummary::p999_us));
    add("latency", "ack max", "ms", Better::Lower,
        latency(&RunSummary::ack_us, &LatencySummary::max_us));
    add("latency", "end-to-end p50", "ms", Better::Lower,
        latency(&RunSummary::e2e_us, &LatencySummary::p50_us));
    add("latency", "end-to-end p99", "ms", Better::Lower,
        latency(&RunSummary::e2e_us, &LatencySummary::p99_us));
    add("latency", "end-to-end p99.9", "ms", Better::Lower,
        latency(&RunSummary::e2e_us, &LatencySummary::p999_us));
    add("latency", "end-to-end max", "ms", Better::Lower,
        latency(&RunSummary::e2e_us, &LatencySummary::max_us));
    add("consumer", "polls", "", Better::Neither, consumer_value(&RunSummary::polls));
    add("consumer", "non-empty polls", "", Better::Neither,
        consumer_value(&RunSummary::nonempty_polls));
    add("consumer", "messages per poll", "", Better::Higher,
        consumer_value(&RunSummary::messages_per_poll));
    add("consumer", "fetch requests", "", Better::Neither, consumer_value(&RunSummary::fetches));
    add("consumer", "messages per fetch", "", Better::Higher,
        consumer_value(&RunSummary::messages_per_fetch));
    add("consumer", "mean poll interval", "ms", Better::Neither,
        consumer_value(&RunSummary::mean_poll_interval_ms));
    std::size_t max_consumers = 0;
    for (const auto& r : runs)
        max_consumers = std::max(max_consumers, r.summary.consumers.size());
    for (std::size_t i = 0; i < max_consumers && max_consumers > 1; ++i) {
        const std::string label = "consumer " + std::to_string(i) + " rate";
        MetricRow row{"per consumer", label, "msgs/s", Better::Higher, {}};
        for (const auto& r : runs)
            row.values.push_back(i < r.summary.consumers.size()
                                     ? std::optional(r.summary.consumers[i].msgs_per_s)
                                     : std::nullopt);
        c.metrics.push_back(std::move(row));
    }
    add("verdict", "lost", "msgs", Better::Lower, [&](const RunRecord& r) {
        return has_consumers(r) ? std::optional<double>(r.summary.audit.lost) : std::nullopt;
    });
    add("verdict", "duplicates", "msgs", Better::Lower, [&](const RunRecord& r) {
        return has_consumers(r) ? std::optional<double>(r.summary.audit.duplicates) : std::nullopt;
    });
    add("verdict", "out of order", "msgs", Better::Lower, [&](const RunRecord& r) {
        return has_consumers(r) ? std::optional<double>(r.summary.audit.out_of_order)
                                : std::nullopt;
    });
    return c;
}

std::string format_metric_value(const MetricRow& m, const std::optional<double>& v) {
    if (!v)
        return "-";
    const bool whole = m.unit == "msgs" || m.label == "polls" || m.label == "non-empty polls" ||
                       m.label == "fetch requests";
    if (whole)
        return format_count(static_cast<uint64_t>(*v));
    if (m.unit == "ms" || m.unit == "MiB/s")
        return format_decimal(*v, 2);
    return format_decimal(*v, 1);
}

nlohmann::json comparison_to_json(const RunComparison& c) {
    nlohmann::json runs = nlohmann::json::array();
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        runs.push_back({{"id", c.ids[i]},
                        {"name", c.names[i]},
                        {"valid", c.valid[i]},
                        {"librdkafka", c.librdkafka_versions[i]},
                        {"reasons", c.verdict_reasons[i]}});
    nlohmann::json settings = nlohmann::json::array();
    for (const auto& s : c.settings)
        settings.push_back({{"key", s.key}, {"values", s.values}});
    nlohmann::json metrics = nlohmann::json::array();
    for (const auto& m : c.metrics) {
        nlohmann::json values = nlohmann::json::array();
        nlohmann::json deltas = nlohmann::json::array();
        for (const auto& v : m.values) {
            values.push_back(v ? nlohmann::json(*v) : nlohmann::json());
            const auto& base = m.values.front();
            deltas.push_back(v && base && *base != 0 ? nlohmann::json((*v - *base) / *base * 100.0)
                                                     : nlohmann::json());
        }
        const auto best = m.best();
        metrics.push_back({{"section", m.section},
                           {"label", m.label},
                           {"unit", m.unit},
                           {"values", values},
                           {"delta_percent_vs_first", deltas},
                           {"best", best ? nlohmann::json(*best) : nlohmann::json()}});
    }
    return {{"runs", runs},
            {"warnings", c.warnings},
            {"settings_that_differ", settings},
            {"metrics", metrics}};
}

} // namespace ktw
