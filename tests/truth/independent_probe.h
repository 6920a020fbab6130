#pragma once
// The truth suite's independent measurements: plain librdkafka calls and the test's own clock
// reads, nothing of the workbench's code (no ktw header is included here, on purpose). Each
// figure the workbench reports is compared with what this probe measures under the same
// conditions, so a defect in our measuring shows as a disagreement instead of hiding in a
// test that shares the defect.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h> // after rdkafka.h, as it requires
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace probe {

inline int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Nearest-rank percentile of sorted values (p in 0..100).
inline int64_t percentile(const std::vector<int64_t>& sorted, double p) {
    if (sorted.empty())
        return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

/// A mock cluster of librdkafka's own, carried by a client that connects nowhere.
class MockCluster {
  public:
    MockCluster(int brokers, int rtt_ms) {
        char err[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
        host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
        if (!host_)
            throw std::runtime_error(err);
        mock_ = rd_kafka_mock_cluster_new(host_, brokers);
        if (rtt_ms > 0)
            rd_kafka_mock_broker_set_rtt(mock_, -1, rtt_ms);
    }
    ~MockCluster() {
        rd_kafka_mock_cluster_destroy(mock_);
        rd_kafka_destroy(host_);
    }
    MockCluster(const MockCluster&) = delete;
    MockCluster& operator=(const MockCluster&) = delete;

    rd_kafka_mock_cluster_t* get() const { return mock_; }
    std::string bootstraps() const { return rd_kafka_mock_cluster_bootstraps(mock_); }

  private:
    rd_kafka_t* host_ = nullptr;
    rd_kafka_mock_cluster_t* mock_ = nullptr;
};

struct AckLatencies {
    std::vector<int64_t> sorted_us; ///< one per acknowledged message, ascending
    uint64_t failed = 0;
    int64_t p50_us() const { return percentile(sorted_us, 50); }
    int64_t p99_us() const { return percentile(sorted_us, 99); }
};

/// Produces `messages` of `bytes` to partition 0 of `topic` at `rate` msgs/s (0: as fast as
/// librdkafka takes them) and times each acknowledgement from the message's intended send
/// time (its produce() call when unpaced) to its delivery report. Reports are served every
/// 0.1 ms while waiting and after every message, so none waits to be noticed.
inline AckLatencies
produce_and_time(const std::string& bootstraps, const std::string& topic, double rate,
                 int64_t messages, int bytes,
                 const std::vector<std::pair<std::string, std::string>>& props) {
    struct State {
        std::vector<int64_t> from_ns, acked_ns;
        uint64_t failed = 0;
    } state;
    state.from_ns.assign(static_cast<std::size_t>(messages), 0);
    state.acked_ns.assign(static_cast<std::size_t>(messages), 0);

    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps.c_str(), nullptr, 0);
    for (const auto& [k, v] : props)
        if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
            throw std::runtime_error(k + ": " + err);
    rd_kafka_conf_set_opaque(conf, &state);
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
        auto* s = static_cast<State*>(opaque);
        const auto i = reinterpret_cast<std::uintptr_t>(m->_private);
        if (i >= s->acked_ns.size()) // the untimed first message
            return;
        if (m->err)
            ++s->failed;
        else
            s->acked_ns[i] = now_ns();
    });
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk)
        throw std::runtime_error(err);
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    // Connected to the leader before the first timed message, as a measuring client should
    // be: one untimed message, delivered (its report carries index `messages`, not counted).
    std::vector<char> payload(static_cast<std::size_t>(bytes), 'p');
    if (rd_kafka_produce(rkt, 0, RD_KAFKA_MSG_F_COPY, payload.data(), payload.size(), nullptr, 0,
                         reinterpret_cast<void*>(static_cast<std::uintptr_t>(messages))) != 0 ||
        rd_kafka_flush(rk, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        throw std::runtime_error("probe: the first message was not delivered within 10 s");

    const int64_t start = now_ns();
    for (int64_t i = 0; i < messages; ++i) {
        int64_t from = 0;
        if (rate > 0) {
            from = start + static_cast<int64_t>(static_cast<double>(i) * 1e9 / rate);
            for (int64_t left = from - now_ns(); left > 0; left = from - now_ns()) {
                rd_kafka_poll(rk, 0);
                std::this_thread::sleep_for(
                    std::chrono::nanoseconds(std::min<int64_t>(left, 100'000)));
            }
        }
        while (true) {
            const int64_t t = now_ns();
            if (rd_kafka_produce(rkt, 0, RD_KAFKA_MSG_F_COPY, payload.data(), payload.size(),
                                 nullptr, 0,
                                 reinterpret_cast<void*>(static_cast<std::uintptr_t>(i))) == 0) {
                state.from_ns[static_cast<std::size_t>(i)] = rate > 0 ? from : t;
                break;
            }
            if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                throw std::runtime_error(rd_kafka_err2str(rd_kafka_last_error()));
            rd_kafka_poll(rk, 1);
        }
        rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, 60000);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);

    AckLatencies out;
    out.failed = state.failed;
    for (std::size_t i = 0; i < state.acked_ns.size(); ++i)
        if (state.acked_ns[i])
            out.sorted_us.push_back((state.acked_ns[i] - state.from_ns[i]) / 1000);
    std::sort(out.sorted_us.begin(), out.sorted_us.end());
    return out;
}

} // namespace probe
