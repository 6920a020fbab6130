#include "core/advisor/run_diagnosis.h"

#include "core/advisor/advisor_thresholds.h"
#include "core/spec/experiment_spec.h"
#include "core/util/text_format.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace ktw {
namespace {

using namespace advisor;

std::string num(double v, int decimals = 0) {
    return format_decimal(v, decimals);
}

std::string percent(double share) {
    return format_decimal(share * 100, 0) + "%";
}

// A client setting as the run used it: the effective configuration librdkafka reported
// (any of the property's names), else the spec, else librdkafka's default.
struct RunSettings {
    const RunRecord& record;
    ExperimentSpec spec;

    std::optional<std::string> text(const char* role, std::initializer_list<const char*> names,
                                    const PropertyMap& from_spec) const {
        if (auto c = record.client_config.find(role); c != record.client_config.end())
            for (const char* n : names)
                if (auto it = c->second.find(n); it != c->second.end())
                    return it->second;
        for (const PropertyMap* layer : {&from_spec, &spec.cluster.properties})
            for (const char* n : names)
                if (auto it = layer->find(n); it != layer->end())
                    return it->second;
        return std::nullopt;
    }
    double producer_number(std::initializer_list<const char*> names, double fallback) const {
        const auto t = text("producer", names, spec.producer.properties);
        try {
            return t ? std::stod(*t) : fallback;
        } catch (const std::exception&) {
            return fallback;
        }
    }
    bool compressed() const {
        const auto t =
            text("producer", {"compression.codec", "compression.type"}, spec.producer.properties);
        return t && *t != "none";
    }
};

ExperimentSpec spec_of(const RunRecord& r) {
    for (const nlohmann::json* j : {&r.effective_spec, &r.spec}) {
        if (!j->is_object())
            continue;
        nlohmann::json base = *j;
        base.erase("sweep");
        SpecParseResult parsed = parse_experiment_spec(base);
        if (parsed.ok())
            return parsed.spec;
    }
    return ExperimentSpec{};
}

// Mean of the per-window averages of the producers' statistics after the warm-up (windows
// without traffic report 0 and are left out). Averages of averages, never of percentiles.
struct ProducerWindows {
    int samples = 0;
    double int_latency_us = 0, outbuf_latency_us = 0, rtt_us = 0;
    double batch_bytes = 0, batch_messages = 0;
};

ProducerWindows producer_windows(const RunRecord& r) {
    double warmup_end = 0;
    for (const auto& p : r.intervals)
        if (p.warmup)
            warmup_end = std::max(warmup_end, p.t);
    std::vector<const StatisticsSample*> chosen;
    for (const auto& s : r.statistics)
        if (s.client.starts_with("producer-") && s.t > warmup_end)
            chosen.push_back(&s);
    if (chosen.empty()) // a run shorter than its warm-up plus one statistics interval
        for (const auto& s : r.statistics)
            if (s.client.starts_with("producer-"))
                chosen.push_back(&s);
    ProducerWindows w;
    w.samples = static_cast<int>(chosen.size());
    auto mean = [&](double StatisticsSample::*field) {
        double sum = 0;
        int n = 0;
        for (const auto* s : chosen)
            if (s->*field > 0) {
                sum += s->*field;
                ++n;
            }
        return n ? sum / n : 0.0;
    };
    w.int_latency_us = mean(&StatisticsSample::int_latency_avg_us);
    w.outbuf_latency_us = mean(&StatisticsSample::outbuf_latency_avg_us);
    w.rtt_us = mean(&StatisticsSample::rtt_avg_us);
    w.batch_bytes = mean(&StatisticsSample::batch_size_avg_bytes);
    w.batch_messages = mean(&StatisticsSample::batch_count_avg);
    return w;
}

void produce_path(const RunRecord& r, const RunSettings& settings, const ProducerWindows& w,
                  std::vector<Advice>& out) {
    const double sum = w.int_latency_us + w.outbuf_latency_us + w.rtt_us;
    if (sum < kMinProducePathUs)
        return;
    const std::string path_numbers =
        "in the producer's queue (int_latency) " + format_micros(w.int_latency_us) +
        ", waiting to be written (outbuf_latency) " + format_micros(w.outbuf_latency_us) +
        ", broker round trip (rtt) " + format_micros(w.rtt_us) + "; mean of " +
        std::to_string(w.samples) + " statistics window(s) after the warm-up. Measured ack " +
        "latency: p50 " + format_micros(static_cast<double>(r.summary.ack_us.p50_us)) + ", p99 " +
        format_micros(static_cast<double>(r.summary.ack_us.p99_us)) + ".";
    const double linger_ms =
        settings.producer_number({"linger.ms", "queue.buffering.max.ms"}, kDefaultLingerMs);
    if (w.int_latency_us > kDominantShare * sum) {
        Advice a = make_advice("producer-queue-bound", AdviceSeverity::Warning,
                               "producer.properties.linger.ms");
        a.title = "Producer-queue-bound: messages wait in the producer (" +
                  percent(w.int_latency_us / sum) + " of the produce path)";
        a.reason = "Per message: " + path_numbers;
        if (linger_ms * 1000 >= kDominantShare * w.int_latency_us) {
            a.reason += " linger.ms is " + num(linger_ms, linger_ms < 10 ? 1 : 0) +
                        " ms: most of the wait is the deliberate batching delay.";
            a.severity = AdviceSeverity::Info; // the trade-off asked for, not a fault
            a.suggestion = "If latency matters, lower producer.properties.linger.ms (fewer, "
                           "smaller batches: watch throughput).";
        } else {
            a.reason += " linger.ms is only " + num(linger_ms, linger_ms < 10 ? 1 : 0) +
                        " ms: the queue is backed up, messages are handed over faster than "
                        "requests leave.";
            a.field = "producer.target_rate";
            a.suggestion = "Give the producer more ways out (more topic.partitions, "
                           "compression.codec lz4, a larger batch.size), or pace it with "
                           "producer.target_rate to measure latency below saturation.";
        }
        out.push_back(a);
    } else if (w.rtt_us > kDominantShare * sum) {
        const bool added_rtt = settings.spec.cluster.kind == ClusterKind::Embedded &&
                               settings.spec.cluster.broker_rtt_ms > 0;
        Advice a =
            make_advice("broker-bound", AdviceSeverity::Warning,
                        added_rtt ? "cluster.broker_rtt_ms" : "producer.properties.linger.ms");
        a.title = "Broker-bound: the broker round trip dominates (" + percent(w.rtt_us / sum) +
                  " of the produce path)";
        a.reason = "Per message: " + path_numbers +
                   (added_rtt ? " The embedded cluster adds cluster.broker_rtt_ms = " +
                                    std::to_string(settings.spec.cluster.broker_rtt_ms) +
                                    " ms to every round trip."
                              : "");
        a.suggestion = "The producer waits for the cluster: fewer, larger requests amortise "
                       "round trips (raise linger.ms, batch.size), max.in.flight keeps more "
                       "requests under way; on a real cluster look at the brokers' request "
                       "handling (disk, replication with acks=all, network).";
        out.push_back(a);
    }
}

bool throughput_bound(const RunRecord& r, const ExperimentSpec& s) {
    return s.producer.target_rate <= 0 ||
           r.summary.producer.msgs_per_s < kTargetRateReachedShare * s.producer.target_rate;
}

void batch_fill(const RunRecord& r, const RunSettings& settings, const ProducerWindows& w,
                std::vector<Advice>& out) {
    if (w.batch_messages <= 0 || !throughput_bound(r, settings.spec))
        return;
    const double batch_size = settings.producer_number({"batch.size"}, kDefaultBatchSizeBytes);
    const double batch_num =
        settings.producer_number({"batch.num.messages"}, kDefaultBatchNumMessages);
    const double linger_ms =
        settings.producer_number({"linger.ms", "queue.buffering.max.ms"}, kDefaultLingerMs);
    const bool compressed = settings.compressed();
    const std::string rate =
        settings.spec.producer.target_rate > 0
            ? "The producer reached " + num(r.summary.producer.msgs_per_s) + " of its " +
                  num(settings.spec.producer.target_rate) + " msgs/s target"
            : "The producer ran unpaced at " + num(r.summary.producer.msgs_per_s) + " msgs/s";
    const std::string measured =
        "Batches averaged " + num(w.batch_messages, 1) + " messages and " + num(w.batch_bytes) +
        " bytes" + (compressed ? " (compressed)" : "") + " (librdkafka statistics, mean of " +
        std::to_string(w.samples) + " window(s) after the warm-up); the limits are " +
        "batch.num.messages " + num(batch_num) + " and batch.size " + num(batch_size) + " bytes.";
    const bool full_by_count = w.batch_messages >= kFullBatchShare * batch_num;
    // Compressed batch bytes cannot be held against batch.size, which counts them before.
    const bool full_by_bytes = !compressed && w.batch_bytes >= kFullBatchShare * batch_size;
    if (full_by_count || full_by_bytes) {
        const char* limit = full_by_count ? "batch.num.messages" : "batch.size";
        Advice a = make_advice("batch-fill-full", AdviceSeverity::Info,
                               std::string("producer.properties.") + limit);
        a.title = std::string("Batches are full (") + limit + ")";
        a.reason = measured + " " + rate + ": batches close on " + limit +
                   ", not on linger.ms, so each request carries as much as it may.";
        a.suggestion = std::string("Raise producer.properties.") + limit +
                       " (e.g. double it) to send fewer, larger requests; on a real broker "
                       "keep batches below message.max.bytes.";
        out.push_back(a);
        return;
    }
    if (linger_ms > kSmallLingerMs || w.batch_messages >= kSmallBatchShare * batch_num ||
        w.batch_bytes >= kSmallBatchShare * batch_size)
        return;
    Advice a =
        make_advice("batch-fill-small", AdviceSeverity::Info, "producer.properties.linger.ms");
    a.title = "Small batches: they close on linger.ms (" + num(linger_ms, 1) + " ms)";
    a.reason = measured + " " + rate + ": batches leave after linger.ms long before they fill (" +
               percent(w.batch_bytes / batch_size) +
               " of batch.size), so every few messages "
               "cost a request.";
    a.suggestion = "Raise producer.properties.linger.ms (try 10-50 ms in a sweep): fuller "
                   "batches, fewer requests, at up to that much added latency.";
    out.push_back(a);
}

void consumer_polls(const RunRecord& r, const ExperimentSpec& s, std::vector<Advice>& out) {
    const auto& sum = r.summary;
    if (sum.consumers.empty() || sum.nonempty_polls == 0)
        return;
    double consumer_seconds = 0;
    for (const auto& c : sum.consumers)
        consumer_seconds += c.seconds;
    const double processing_s = static_cast<double>(sum.consumed) * s.consumer.processing_us / 1e6;
    const double processing_share = consumer_seconds > 0 ? processing_s / consumer_seconds : 0;
    const double poll_share = sum.messages_per_poll / s.consumer.max_poll_records;
    const bool processing_bound = processing_share >= kProcessingShare;
    const bool polls_full = poll_share >= kFullPollShare;
    if (!processing_bound && !polls_full)
        return;
    int64_t peak_backlog = 0;
    for (const auto& p : r.intervals)
        peak_backlog = std::max(peak_backlog, p.backlog);
    const bool fell_behind = peak_backlog > static_cast<int64_t>(sum.messages_per_poll);
    Advice a = make_advice(
        "consumer-poll-bound", fell_behind ? AdviceSeverity::Warning : AdviceSeverity::Info,
        processing_bound ? "consumer.processing_us" : "consumer.max_poll_records");
    a.title = processing_bound
                  ? "Consumer-bound: processing takes " + percent(processing_share) +
                        " of the consumers' time"
                  : "Consumer-poll-bound: polls come back full (" + num(sum.messages_per_poll, 1) +
                        " of " + std::to_string(s.consumer.max_poll_records) + ")";
    a.reason = std::to_string(sum.consumers.size()) + " consumer(s) made " +
               format_count(sum.polls) + " polls (" + format_count(sum.nonempty_polls) +
               " non-empty), " + num(sum.messages_per_poll, 1) + " messages per non-empty poll " +
               "of at most " + std::to_string(s.consumer.max_poll_records) +
               " (consumer.max_poll_records), one poll every " + num(sum.mean_poll_interval_ms, 2) +
               " ms on average. Simulated processing: " + format_count(sum.consumed) +
               " messages × " + std::to_string(s.consumer.processing_us) +
               " µs = " + num(processing_s, 2) + " s of " + num(consumer_seconds, 2) +
               " consumer-seconds. " +
               (fell_behind ? "The backlog peaked at " + format_count(peak_backlog) +
                                  " messages: the consumers fell behind."
                            : "The backlog stayed at " + format_count(peak_backlog) +
                                  " messages or less: the consumers kept up this time.");
    a.suggestion =
        processing_bound
            ? "Spread the work: more consumer.threads with as many topic.partitions (processing "
              "does not get faster by fetching differently), or less work per message."
            : "Raise consumer.max_poll_records so each poll hands over more, or add consumers "
              "(and partitions).";
    out.push_back(a);
}

} // namespace

std::vector<Advice> diagnose_run(const RunRecord& record) {
    std::vector<Advice> out;
    if (record.status == RunStatus::Failed)
        return out;
    const RunSettings settings{record, spec_of(record)};
    const ProducerWindows windows = producer_windows(record);
    if (settings.spec.producer.threads > 0 && windows.samples == 0) {
        Advice a = make_advice("no-statistics", AdviceSeverity::Info, "measurement.enabled");
        a.title = "No producer statistics: no produce-path diagnosis";
        a.reason = settings.spec.measurement.enabled
                       ? "librdkafka emitted no statistics during the run: it was shorter "
                         "than measurement.statistics_interval_ms (" +
                             std::to_string(settings.spec.measurement.statistics_interval_ms) +
                             " ms)."
                       : "measurement.enabled was false, so librdkafka's statistics were off.";
        a.suggestion = "Run longer than the statistics interval (or lower "
                       "measurement.statistics_interval_ms) with measurement enabled.";
        out.push_back(a);
    } else {
        produce_path(record, settings, windows, out);
        batch_fill(record, settings, windows, out);
    }
    consumer_polls(record, settings.spec, out);
    std::stable_sort(out.begin(), out.end(), [](const Advice& x, const Advice& y) {
        return x.severity == AdviceSeverity::Warning && y.severity != AdviceSeverity::Warning;
    });
    return out;
}

} // namespace ktw
