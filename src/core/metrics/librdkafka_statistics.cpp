#include "core/metrics/librdkafka_statistics.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ktw {
namespace {

// Combines one "window" object (avg, p99, cnt) of several brokers or topics.
struct WindowAccumulator {
    double weighted_sum = 0;
    double count = 0;
    double p99 = 0;

    void add(const nlohmann::json& window) {
        if (!window.is_object())
            return;
        const double cnt = window.value("cnt", 0.0);
        if (cnt <= 0)
            return;
        weighted_sum += window.value("avg", 0.0) * cnt;
        count += cnt;
        p99 = std::max(p99, window.value("p99", 0.0));
    }
    double avg() const { return count > 0 ? weighted_sum / count : 0.0; }
};

} // namespace

std::optional<StatisticsSample> parse_librdkafka_statistics(const std::string& json_text,
                                                            const std::string& client, double t) {
    const auto doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("brokers"))
        return std::nullopt;

    StatisticsSample s;
    s.t = t;
    s.client = client;
    s.tx_msgs = doc.value("txmsgs", uint64_t{0});
    s.rx_msgs = doc.value("rxmsgs", uint64_t{0});
    s.tx_bytes = doc.value("tx_bytes", uint64_t{0});
    s.rx_bytes = doc.value("rx_bytes", uint64_t{0});

    WindowAccumulator rtt, int_latency, outbuf_latency, batch_size, batch_count;
    for (const auto& [name, broker] : doc["brokers"].items()) {
        if (!broker.is_object())
            continue;
        rtt.add(broker.value("rtt", nlohmann::json{}));
        int_latency.add(broker.value("int_latency", nlohmann::json{}));
        outbuf_latency.add(broker.value("outbuf_latency", nlohmann::json{}));
        if (const auto req = broker.find("req"); req != broker.end() && req->is_object()) {
            s.fetch_requests += req->value("Fetch", uint64_t{0});
            s.produce_requests += req->value("Produce", uint64_t{0});
        }
    }
    if (const auto topics = doc.find("topics"); topics != doc.end() && topics->is_object()) {
        for (const auto& [name, topic] : topics->items()) {
            const auto batchsize = topic.value("batchsize", nlohmann::json{});
            batch_size.add(batchsize);
            if (batchsize.is_object()) {
                s.batch_bytes += batchsize.value("sum", uint64_t{0});
                s.batches += batchsize.value("cnt", uint64_t{0});
            }
            batch_count.add(topic.value("batchcnt", nlohmann::json{}));
            const auto partitions = topic.value("partitions", nlohmann::json::object());
            for (const auto& [id, partition] : partitions.items()) {
                if (id == "-1")
                    continue; // the internal "unassigned" partition
                const int64_t lag = partition.value("consumer_lag", int64_t{-1});
                if (lag > 0)
                    s.consumer_lag += lag;
            }
        }
    }
    s.rtt_avg_us = rtt.avg();
    s.rtt_p99_us = rtt.p99;
    s.int_latency_avg_us = int_latency.avg();
    s.int_latency_p99_us = int_latency.p99;
    s.outbuf_latency_avg_us = outbuf_latency.avg();
    s.outbuf_latency_p99_us = outbuf_latency.p99;
    s.batch_size_avg_bytes = batch_size.avg();
    s.batch_count_avg = batch_count.avg();
    return s;
}

} // namespace ktw
