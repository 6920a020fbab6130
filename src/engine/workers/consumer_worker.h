#pragma once
// One consumer thread: polls, verifies every message against the producers' sequences and
// measures end-to-end latency and the poll and fetch breakdown.

#include "engine/kafka/client_config.h"
#include "engine/kafka/client_destroy.h"
#include "engine/kafka/client_telemetry.h"
#include "core/metrics/delivery_audit.h"
#include "engine/kafka/kafka_handles.h"
#include "core/metrics/latency_histogram.h"
#include "engine/run/run_context.h"
#include "engine/workers/update_sequence.h"
#include "engine/workers/worker_thread.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ktw {

struct ConsumerPlan {
    int index = 0;
    int consumer_count = 1;
    std::string topic;
    int partitions = 1;
    ConsumerMode mode = ConsumerMode::Group;
    std::string group_id;
    CommitMode commit = CommitMode::Auto;
    int processing_us = 0;
    int max_poll_records = 500;
    int poll_timeout_ms = 100;
    uint32_t run_tag = 0;
    int producers = 1;
    int keys = 0;
    bool measure = true;
    bool start_at_end = false;          ///< reused topic: skip what was there before this run
    bool paused_until_counting = false; ///< produce-then-consume: hold partitions until then
    int statistics_interval_ms = 1000;
};

/// Threading: written only by the consumer thread, read by the runner (relaxed atomics).
struct ConsumerMeters {
    std::atomic<uint64_t> consumed{0};
    std::atomic<uint64_t> consumed_bytes{0};
    std::atomic<uint64_t> first_deliveries{0}; ///< this run's messages, each counted once
    std::atomic<uint64_t> polls{0};
    std::atomic<uint64_t> nonempty_polls{0};
    std::atomic<int64_t> last_message_ns{0};
    std::atomic<int64_t> first_message_ns{0}; ///< first message of the consume phase
    std::atomic<int> assigned_partitions{0};
    std::atomic<int> assignments{0}; ///< assignment callbacks seen (group mode)
    std::atomic<bool> finished{false};
    AtomicLatencyHistogram e2e_us;
    UpdateSequence updates; ///< brackets the counters and e2e_us of each poll's messages
};

/// Threading: constructed and joined by the runner; run() on its own thread; meters() and
/// statistics() readable from the runner at any time; results after join().
class ConsumerWorker {
  public:
    /// Creates the librdkafka consumer; throws std::runtime_error if librdkafka refuses.
    ConsumerWorker(ConsumerPlan plan, const std::vector<PropertyLayer>& layers, RunSignals& signals,
                   LogSink& log, const RunClock& clock);
    ~ConsumerWorker();

    void start();
    void join();
    /// Joins, then starts destroying the librdkafka client; results and meters stay readable.
    /// Null if there is no client any more.
    std::unique_ptr<PendingDestroy> begin_destroy();
    /// The destroy did not finish in time: librdkafka's threads may call in later, so stop
    /// listening. The worker must then be kept alive (leaked) with the client.
    void abandon_client() { telemetry_.detach(); }
    const std::string& name() const { return name_; }
    const ConsumerMeters& meters() const { return meters_; }
    std::map<std::string, std::string> effective_config() const { return effective_config_; }
    std::vector<StatisticsSample> statistics() const { return telemetry_.samples(); }
    ClientTelemetry& telemetry() { return telemetry_; }

    // Results, valid after join().
    const ConsumerSequenceTracker& tracker() const { return tracker_; }
    /// Polls up to and including the last one that returned a message.
    uint64_t polls_until_last_message() const { return polls_at_last_message_; }
    /// When the client was created (seconds since the run started): its fetch count is 0 then.
    double created_at() const { return created_t_; }

  private:
    void run();
    void subscribe_or_assign();
    void poll_once(std::vector<rd_kafka_message_t*>& batch);
    void handle(const rd_kafka_message_t* msg, int64_t now);
    void wait_for_final_statistics();
    void close();
    void on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts);
    void learn_partitions();
    /// Pauses partitions about to be assigned (produce, then consume); false when the client
    /// does not know them yet and they must be paused after the assignment instead.
    bool hold_before_assign(const rd_kafka_topic_partition_list_t* parts);
    void hold_after_assign(rd_kafka_topic_partition_list_t* parts);
    void pause_or_resume();
    void apply_start_offsets(rd_kafka_topic_partition_list_t* parts);
    void wake_fetchers(const rd_kafka_topic_partition_list_t* parts);
    static void rebalance_cb(rd_kafka_t*, rd_kafka_resp_err_t err,
                             rd_kafka_topic_partition_list_t* parts, void* opaque);

    ConsumerPlan plan_;
    RunSignals& signals_;
    LogSink& log_;
    std::string name_;
    ClientTelemetry telemetry_;
    KafkaHandle rk_;
    KafkaQueue queue_;
    std::map<std::string, std::string> effective_config_;
    WorkerThread thread_; // joined by the destructor (begin_destroy) before members go
    ConsumerMeters meters_;

    ConsumerSequenceTracker tracker_;
    std::map<int32_t, int64_t> start_offsets_; // reused topics: the end before the run
    bool paused_ = false;
    static constexpr int kWakeRequestWaitMs = 1; ///< see wake_fetchers
    static constexpr int kWaitingPollMs = 10;    ///< see poll_once
    bool counting_ = false;
    uint64_t polls_at_last_message_ = 0;
    double created_t_ = 0;
};

} // namespace ktw
