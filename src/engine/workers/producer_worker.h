#pragma once
// One producer thread: sends its share of the workload and measures acknowledgements.

#include "core/measure/run_results.h"
#include "core/metrics/delivery_audit.h"
#include "core/metrics/latency_histogram.h"
#include "engine/kafka/client_config.h"
#include "engine/kafka/client_destroy.h"
#include "engine/kafka/client_telemetry.h"
#include "engine/kafka/kafka_handles.h"
#include "engine/run/run_context.h"
#include "engine/workers/update_sequence.h"
#include "engine/workers/worker_thread.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ktw {

struct ProducerPlan {
    int index = 0;
    std::string topic;
    int partitions = 1;
    int64_t messages = 0; ///< this thread's share; 0 with duration_s
    double duration_s = 0;
    int message_bytes = 100;
    double random_fraction = 1.0;
    KeyMode key_mode = KeyMode::None;
    int key_count = 0;
    double rate = 0; ///< this thread's msgs/s; 0 = unlimited
    uint32_t run_tag = 0;
    bool measure = true;
    double flush_timeout_s = 30;
    int statistics_interval_ms = 1000;
    TransactionSpec transactions; ///< enabled: the client was given transactional_id
    std::string transactional_id;
};

/// Counters the collector reads while the producer runs.
/// Threading: written only by the producer thread, read by the runner (relaxed atomics).
struct ProducerMeters {
    std::atomic<uint64_t> acked{0};
    std::atomic<uint64_t> acked_bytes{0};
    std::atomic<uint64_t> failed{0};
    std::atomic<int64_t> last_ack_ns{0};
    std::atomic<bool> finished{false};
    AtomicLatencyHistogram ack_us;
    AtomicLatencyHistogram send_delay_us;
    UpdateSequence updates; ///< brackets acked, acked_bytes and ack_us of each delivery
};

/// Threading: constructed and joined by the runner; run() on its own thread; meters() and
/// statistics() readable from the runner at any time; results after join().
class ProducerWorker {
  public:
    /// Creates the librdkafka producer; throws std::runtime_error if librdkafka refuses.
    ProducerWorker(ProducerPlan plan, const std::vector<PropertyLayer>& layers, RunSignals& signals,
                   LogSink& log, const RunClock& clock);
    ~ProducerWorker();

    void start();
    void join();
    /// Joins, then starts destroying the librdkafka client; results and meters stay readable.
    /// Null if there is no client any more.
    std::unique_ptr<PendingDestroy> begin_destroy();
    /// The destroy did not finish in time: stop listening to the client's late callbacks.
    /// The worker must then be kept alive (leaked) with the client.
    void abandon_client() { telemetry_.detach(); }
    const std::string& name() const { return name_; }
    bool ready() const { return ready_.load(); }
    const ProducerMeters& meters() const { return meters_; }
    std::map<std::string, std::string> effective_config() const { return effective_config_; }
    std::vector<StatisticsSample> statistics() const { return telemetry_.samples(); }
    ClientTelemetry& telemetry() { return telemetry_; }

    // Results, valid after join().
    const SequenceBitset& acknowledged() const { return acknowledged_; }
    const std::vector<uint64_t>& bytes_per_partition() const { return bytes_per_partition_; }
    const std::string& first_error() const { return first_error_; }
    const TransactionTally& transactions() const { return tally_; }

  private:
    void run();
    void connect();
    void produce_all();
    void flush();
    bool wait_until(int64_t ns);
    /// Returns the clock reading it took (0 when not measuring).
    int64_t produce_one(uint64_t seq, int64_t intended_ns);
    void on_delivery(const rd_kafka_message_t* msg);
    void count_acknowledged(uint64_t seq, std::size_t bytes, int32_t partition, int64_t now);
    // Transactions (plan_.transactions.enabled): see producer_worker_txn.cpp.
    bool init_transactions();
    bool begin_transaction_if_needed();
    void end_transaction_if_due(bool last);
    bool commit_transaction();
    void abort_transaction(const std::string& why);
    void note_error(const std::string& what);
    void wait_for_final_statistics();
    static void delivery_cb(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque);

    ProducerPlan plan_;
    RunSignals& signals_;
    LogSink& log_;
    std::string name_;
    ClientTelemetry telemetry_;
    KafkaHandle rk_;
    KafkaTopic topic_; // released before the client is destroyed (begin_destroy)
    std::map<std::string, std::string> effective_config_;
    WorkerThread thread_; // joined by the destructor (begin_destroy) before members go
    std::atomic<bool> ready_{false};
    ProducerMeters meters_;

    std::vector<char> payload_;     // this message's value
    std::vector<char> random_pool_; // incompressible bytes, sliced message by message
    std::size_t random_len_ = 0;
    std::size_t pool_offset_ = 0;

    // In a transaction, delivered messages wait here until the commit: only committed ones
    // count as acknowledged (an aborted transaction's messages are not expected anywhere).
    struct Delivered {
        uint64_t seq;
        std::size_t bytes;
        int32_t partition;
    };
    std::vector<Delivered> in_transaction_;
    bool in_txn_ = false, txn_fatal_ = false, aborting_ = false;
    int64_t txn_started_ns_ = 0;
    int64_t txn_messages_ = 0;
    uint64_t txn_refused_ = 0; // messages of the open transaction refused by rd_kafka_produce
    std::string txn_error_;    // first delivery error in the open transaction
    TransactionTally tally_;

    SequenceBitset acknowledged_;
    std::vector<uint64_t> bytes_per_partition_;
    std::string first_error_;
};

} // namespace ktw
