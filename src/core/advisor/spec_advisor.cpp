#include "core/advisor/spec_advisor.h"

#include "core/advisor/advisor_thresholds.h"
#include "core/spec/experiment_spec.h"
#include "core/advisor/property_name_advisor.h"
#include "core/util/text_format.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace ktw {
namespace {

using namespace advisor;

// 1234 -> "1,234", 2.5 -> "2.5": numbers as a person writes them in a sentence.
std::string num(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9)
        return format_count(static_cast<int64_t>(std::llround(v)));
    return format_decimal(v, std::fabs(v) < 10 ? 2 : 1);
}

std::optional<double> to_number(const std::string& s) {
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        return used == s.size() ? std::optional<double>(v) : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// What a client gets for a property: its own section first, then cluster.properties (the
// layers of runner.cpp), under any of librdkafka's names for it (aliases).
std::optional<std::string> property(const ExperimentSpec& s, bool producer,
                                    std::initializer_list<const char*> names) {
    const PropertyMap& own = producer ? s.producer.properties : s.consumer.properties;
    for (const PropertyMap* layer : {&own, &s.cluster.properties})
        for (const char* name : names)
            if (auto it = layer->find(name); it != layer->end())
                return it->second;
    return std::nullopt;
}

double number_property(const ExperimentSpec& s, bool producer,
                       std::initializer_list<const char*> names, double fallback) {
    const auto v = property(s, producer, names);
    return v ? to_number(*v).value_or(fallback) : fallback;
}

bool acks_all(const std::string& v) {
    return v == "all" || v == "-1";
}

// The spec's "sweep" section, read from the raw JSON (docs: /work/notes/sweep-format.md).
struct SweepFacts {
    std::optional<double> latency_target_ms; // the tightest p99 target
    std::string latency_target_name;
    std::vector<double> linger_axis;
    std::vector<std::string> acks_axis;
};

SweepFacts read_sweep(const nlohmann::json& given) {
    SweepFacts f;
    const auto sweep = given.find("sweep");
    if (sweep == given.end() || !sweep->is_object())
        return f;
    if (const auto t = sweep->find("targets"); t != sweep->end() && t->is_object()) {
        for (const char* name : {"max_e2e_p99_ms", "max_ack_p99_ms"}) {
            const auto v = t->find(name);
            if (v != t->end() && v->is_number() && v->get<double>() > 0 &&
                (!f.latency_target_ms || v->get<double>() < *f.latency_target_ms)) {
                f.latency_target_ms = v->get<double>();
                f.latency_target_name = name;
            }
        }
    }
    if (const auto axes = sweep->find("axes"); axes != sweep->end() && axes->is_object()) {
        for (const auto& [path, values] : axes->items()) {
            if (!values.is_array())
                continue;
            for (const auto& v : values) {
                const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
                if (path == "producer.properties.linger.ms" ||
                    path == "producer.properties.queue.buffering.max.ms")
                    if (auto n = to_number(text))
                        f.linger_axis.push_back(*n);
                if (path == "producer.properties.acks" ||
                    path == "producer.properties.request.required.acks")
                    f.acks_axis.push_back(text);
            }
        }
    }
    return f;
}

bool topic_created_by_run(const ExperimentSpec& s) {
    // With "reuse" the topic's partitions and replication are whatever the existing topic has.
    return s.topic.mode != TopicMode::Reuse;
}

void consumers_vs_partitions(const ExperimentSpec& s, std::vector<Advice>& out) {
    const int n = s.consumer.threads, p = s.topic.partitions;
    if (!topic_created_by_run(s) || n < 2 || n <= p)
        return;
    const std::string how = s.consumer.mode == ConsumerMode::Group
                                ? "a partition is read by one consumer of a group at a time"
                                : "assign mode gives partition p to consumer p % threads";
    if (p == 1) {
        Advice a = make_advice("one-partition-several-consumers", AdviceSeverity::Warning,
                               "topic.partitions");
        a.title = "1 partition for " + std::to_string(n) + " consumers";
        a.reason = "The topic has 1 partition and the spec starts " + std::to_string(n) +
                   " consumers: " + how + ", so " +
                   (n == 2 ? std::string("one of them receives")
                           : std::to_string(n - 1) + " of them receive") +
                   " nothing and the run measures one consumer.";
        a.suggestion = "Set topic.partitions to " + std::to_string(n) +
                       " (or a multiple), or consumer.threads to 1.";
        out.push_back(a);
        return;
    }
    Advice a = make_advice("idle-consumers", AdviceSeverity::Warning, "consumer.threads");
    a.title = std::to_string(n - p) + " of " + std::to_string(n) + " consumers will be idle";
    a.reason = std::to_string(n) + " consumers for " + std::to_string(p) + " partitions: " + how +
               ", so " + std::to_string(n - p) +
               " consumers get no partition; they cost a group member each and add nothing.";
    a.suggestion = "Set consumer.threads to " + std::to_string(p) + ", or topic.partitions to " +
                   std::to_string(n) + ".";
    out.push_back(a);
}

void linger_vs_latency(const ExperimentSpec& s, const SweepFacts& sweep, std::vector<Advice>& out) {
    if (s.producer.threads == 0)
        return;
    const double linger =
        number_property(s, true, {"linger.ms", "queue.buffering.max.ms"}, kDefaultLingerMs);
    const bool swept = !sweep.linger_axis.empty();
    const std::vector<double> values = swept ? sweep.linger_axis : std::vector<double>{linger};
    const bool targeted = sweep.latency_target_ms.has_value();
    const double limit =
        targeted ? *sweep.latency_target_ms * kLingerShareOfLatencyTarget : kHighLingerMs;
    std::vector<double> high;
    for (double v : values)
        if (v > limit)
            high.push_back(v);
    if (high.empty())
        return;
    // At a known rate, a batch that fills before linger.ms ends is not delayed by it.
    std::string fill;
    if (s.producer.target_rate > 0) {
        const double per_partition = s.producer.target_rate / std::max(1, s.topic.partitions);
        const double batch_limit =
            std::min(number_property(s, true, {"batch.num.messages"}, kDefaultBatchNumMessages),
                     number_property(s, true, {"batch.size"}, kDefaultBatchSizeBytes) /
                         s.producer.message_bytes);
        const double lowest = *std::min_element(high.begin(), high.end());
        const double collected = per_partition * lowest / 1000;
        if (collected >= batch_limit)
            return;
        fill = " At " + num(s.producer.target_rate) + " msgs/s over " +
               std::to_string(s.topic.partitions) + " partition(s) a batch collects about " +
               num(std::round(collected)) + " messages in " + num(lowest) + " ms, short of its " +
               num(std::floor(batch_limit)) +
               "-message limit (batch.num.messages, batch.size): it waits the whole linger.ms.";
    }
    std::string listed;
    for (double v : high)
        listed += (listed.empty() ? "" : ", ") + num(v);
    Advice a =
        make_advice("linger-vs-latency", targeted ? AdviceSeverity::Warning : AdviceSeverity::Info,
                    "producer.properties.linger.ms");
    a.title = "linger.ms " + listed + (targeted ? " ms against a " : " ms: high") +
              (targeted ? num(*sweep.latency_target_ms) + " ms p99 target" : "");
    a.reason =
        std::string("A batch that does not fill waits linger.ms in the producer, so each "
                    "message of a slow or paced stream waits up to linger.ms before it "
                    "is even sent.") +
        fill +
        (targeted ? " The sweep's target " + sweep.latency_target_name + " is " +
                        num(*sweep.latency_target_ms) + " ms; linger.ms above " + num(limit) +
                        " ms (half of it) leaves less for the broker round "
                        "trip, the fetch wait and the consumer than the "
                        "deliberate delay takes."
                  : " Above " + num(kHighLingerMs) +
                        " ms this is a tenth of a second or more per message, while "
                        "the batching gain has long flattened.");
    a.suggestion = targeted ? "Keep linger.ms at or below " + num(limit) + " ms" +
                                  (swept ? " (drop " + listed + " from the sweep's axis)." : ".")
                            : "Unless latency does not matter, try linger.ms between 5 and " +
                                  num(kHighLingerMs) + " ms (sweep it to see the trade-off).";
    out.push_back(a);
}

void acks_rules(const ExperimentSpec& s, const SweepFacts& sweep, std::vector<Advice>& out) {
    if (s.producer.threads == 0)
        return;
    const auto acks = property(s, true, {"acks", "request.required.acks"});
    // (On the embedded cluster acks are not enforced at all: acks-on-embedded says so.)
    if (acks && acks_all(*acks) && topic_created_by_run(s) && s.topic.replication_factor == 1 &&
        s.cluster.kind != ClusterKind::Embedded) {
        Advice a = make_advice("acks-all-single-replica", AdviceSeverity::Warning,
                               "topic.replication_factor");
        a.title = "acks=all with a single replica";
        const std::string brokers = s.cluster.kind == ClusterKind::Local
                                        ? " on " + std::to_string(s.cluster.brokers) + " broker(s)"
                                        : "";
        a.reason = "acks=all waits for every in-sync replica, but with replication_factor 1" +
                   brokers +
                   " the leader is the only one: acks=all protects nothing acks=1 does not, "
                   "and losing that broker loses the data either way.";
        a.suggestion = s.cluster.kind == ClusterKind::External
                           ? "Create the topic with replication_factor 3 (and "
                             "min.insync.replicas=2 in topic.configs) to get what acks=all "
                             "promises, or say acks=1."
                           : "Use 3 brokers (cluster.brokers), replication_factor 3 and "
                             "topic.configs min.insync.replicas=2 to measure what acks=all "
                             "costs, or say acks=1.";
        out.push_back(a);
    }
    if (s.cluster.kind != ClusterKind::Embedded)
        return;
    const bool compared = sweep.acks_axis.size() > 1;
    if (!compared && !(acks && (acks_all(*acks) || *acks == "1")))
        return;
    Advice a =
        make_advice("acks-on-embedded", compared ? AdviceSeverity::Warning : AdviceSeverity::Info,
                    "cluster.kind");
    a.title = compared ? "Comparing acks on the embedded cluster"
                       : "acks=" + *acks + " is not enforced by the embedded cluster";
    a.reason = "librdkafka's mock cluster acknowledges as soon as it has the batch, whatever "
               "acks says: acks=all costs what acks=1 costs there (docs/architecture.md, "
               "\"The embedded cluster\")." +
               std::string(compared ? " The sweep's acks axis will show noise, not the cost "
                                      "of waiting for replicas (acks=0 still differs: the "
                                      "client then awaits no response)."
                                    : "");
    a.suggestion = "Measure acks on cluster.kind local with 3 brokers and replication_factor 3 "
                   "(or an external cluster).";
    out.push_back(a);
}

void poll_interval_rules(const ExperimentSpec& s, const nlohmann::json& given,
                         std::vector<Advice>& out) {
    if (s.consumer.threads == 0)
        return;
    // The Python spelling is refused by validation but says what its author meant.
    std::string key = "max.poll.interval.ms";
    std::optional<std::string> text = property(s, false, {"max.poll.interval.ms"});
    if (!text) {
        const nlohmann::json::json_pointer py("/consumer/properties/max_poll_interval_ms");
        if (given.contains(py)) {
            key = "max_poll_interval_ms";
            text = given.at(py).is_string() ? given.at(py).get<std::string>() : given.at(py).dump();
        }
    }
    const double mpi =
        text ? to_number(*text).value_or(kDefaultMaxPollIntervalMs) : kDefaultMaxPollIntervalMs;
    if (text && mpi < kMaxPollIntervalLooksLikePollIntervalMs) {
        Advice a = make_advice("max-poll-interval-misread", AdviceSeverity::Warning,
                               "consumer.properties." + key);
        a.title = key + " " + num(mpi) + " ms is not a poll interval";
        a.reason = "max.poll.interval.ms is the longest time allowed between two polls before "
                   "the consumer is removed from its group (default " +
                   num(kDefaultMaxPollIntervalMs) +
                   " ms); it does not set how often the consumer polls (the tuning diary's v2, "
                   "v4 and v5 read it that way). librdkafka also requires it to be at least "
                   "session.timeout.ms.";
        a.suggestion = "Remove it. How long a poll waits is consumer.poll_timeout_ms (now " +
                       std::to_string(s.consumer.poll_timeout_ms) +
                       " ms); how many messages it returns, consumer.max_poll_records (now " +
                       std::to_string(s.consumer.max_poll_records) + ").";
        out.push_back(a);
        return;
    }
    if (s.consumer.mode != ConsumerMode::Group || s.consumer.processing_us == 0)
        return; // max.poll.interval.ms applies to group members only
    const double batch_ms =
        static_cast<double>(s.consumer.max_poll_records) * s.consumer.processing_us / 1000.0;
    if (batch_ms < mpi * kPollBatchShareOfMaxPollInterval)
        return;
    const bool evicted = batch_ms >= mpi;
    Advice a = make_advice("max-poll-interval-vs-processing",
                           evicted ? AdviceSeverity::Warning : AdviceSeverity::Info,
                           "consumer.max_poll_records");
    a.title = evicted ? "A full poll outlasts max.poll.interval.ms"
                      : "A full poll takes " + num(std::round(batch_ms * 100 / mpi)) +
                            "% of max.poll.interval.ms";
    a.reason = "One full poll of " + format_count(int64_t{s.consumer.max_poll_records}) +
               " messages × " + format_count(int64_t{s.consumer.processing_us}) +
               " µs simulated processing keeps the consumer from polling for " + num(batch_ms) +
               " ms; max.poll.interval.ms is " + num(mpi) + " ms. " +
               (evicted ? "Whenever a poll comes back full the consumer is removed from its "
                          "group: a rebalance, and messages delivered again."
                        : "One slow poll on a busy machine is enough to get the consumer "
                          "removed from its group.");
    const double safe_records =
        std::floor(mpi * kPollBatchShareOfMaxPollInterval * 1000.0 / s.consumer.processing_us);
    a.suggestion = "Set consumer.max_poll_records to at most " + num(std::max(1.0, safe_records)) +
                   ", or raise consumer.properties.max.poll.interval.ms above " +
                   num(std::ceil(batch_ms / kPollBatchShareOfMaxPollInterval)) + " ms.";
    out.push_back(a);
}

void sticky_partitioning(const ExperimentSpec& s, std::vector<Advice>& out) {
    const auto& p = s.producer;
    const int partitions = s.topic.partitions;
    if (p.threads == 0 || p.key_mode != KeyMode::None || partitions < 2 || !topic_created_by_run(s))
        return;
    const double sticky_ms =
        number_property(s, true, {"sticky.partitioning.linger.ms"}, kDefaultStickyLingerMs);
    if (sticky_ms <= 0)
        return; // stickiness switched off: every message gets its own partition
    double seconds = 0;
    std::string how_long;
    if (p.duration_s > 0) {
        seconds = p.duration_s;
        how_long = "producing for " + num(seconds) + " s";
    } else if (p.target_rate > 0) {
        seconds = static_cast<double>(p.messages) / p.target_rate;
        how_long = format_count(p.messages) + " messages at " + num(p.target_rate) +
                   " msgs/s take " + num(seconds) + " s";
    } else {
        seconds = static_cast<double>(p.messages) / kAssumedUnpacedMsgsPerS;
        how_long = format_count(p.messages) + " unpaced messages take at most about " +
                   num(seconds) + " s (an estimate at an assumed " + num(kAssumedUnpacedMsgsPerS) +
                   " msgs/s or more)";
    }
    const double periods = p.threads * seconds * 1000.0 / sticky_ms;
    if (periods >= kMinStickyPeriodsPerPartition * partitions)
        return;
    Advice a =
        make_advice("sticky-unkeyed-short-run", AdviceSeverity::Warning, "producer.keys.mode");
    a.title = "Unkeyed and short: messages will bunch on few partitions";
    a.reason = "Messages without a key stick to one partition for "
               "sticky.partitioning.linger.ms (" +
               num(sticky_ms) + " ms) per producer; " + how_long + ", about " +
               num(std::round(periods)) + " sticky period(s) for " + std::to_string(partitions) +
               " partitions. " +
               (periods < partitions ? "Some partitions will get nothing and one may get "
                                       "nearly everything."
                                     : "Partitions will get very unequal shares.") +
               " Consumers then wait on an idle partition while another one is the bottleneck.";
    a.suggestion = "Set producer.keys.mode to round_robin (an even spread) or distinct keys, "
                   "produce longer (about " +
                   num(std::ceil(kMinStickyPeriodsPerPartition * partitions * sticky_ms /
                                 (1000.0 * p.threads))) +
                   " s or more), or set producer.properties.sticky.partitioning.linger.ms to 0 "
                   "(a partition per message).";
    out.push_back(a);
}

} // namespace

std::vector<Advice> advise_spec(const nlohmann::json& given, const PropertyNameKnown& known) {
    std::vector<Advice> out = advise_property_names(given, known);
    if (!given.is_object())
        return out;
    // The rules judge the base point; a sweep is read for its targets and axes only.
    nlohmann::json base = given;
    base.erase("sweep");
    const SpecParseResult parsed = parse_experiment_spec(base);
    if (!parsed.ok())
        return out;
    const ExperimentSpec& s = parsed.spec;
    const SweepFacts sweep = read_sweep(given);
    consumers_vs_partitions(s, out);
    sticky_partitioning(s, out);
    linger_vs_latency(s, sweep, out);
    acks_rules(s, sweep, out);
    poll_interval_rules(s, given, out);
    // A misread max.poll.interval.ms is to be removed, not renamed: one item for the field.
    for (const auto& a : std::vector<Advice>(out))
        if (a.rule == "max-poll-interval-misread")
            std::erase_if(out, [&](const Advice& x) {
                return x.rule == "java-property-name" && x.field == a.field;
            });
    // Warnings first, each group in rule order.
    std::stable_sort(out.begin(), out.end(), [](const Advice& x, const Advice& y) {
        return x.severity == AdviceSeverity::Warning && y.severity != AdviceSeverity::Warning;
    });
    return out;
}

} // namespace ktw
