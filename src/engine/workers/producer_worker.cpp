#include "engine/workers/producer_worker.h"

#include "core/metrics/message_header.h"
#include "engine/workers/worker_thread.h"

#include <charconv>
#include <cmath>
#include <random>
#include <stdexcept>
#include <utility>

namespace ktw {
namespace {

constexpr std::size_t kRandomPoolBytes = 4 << 20; // larger than any codec's match window
// An acknowledgement is timed when this thread serves its delivery report, so reports are
// served at least every kPollEvery messages and, while measuring, at least every
// kServeEveryNs (issue 11: serving only every 64 messages timed acks up to 64 / rate late,
// 33 ms p50 at 1,000 msgs/s where a probe measured 1.0 ms).
constexpr int kPollEvery = 64;
constexpr int64_t kServeEveryNs = 100'000;

std::vector<char> random_bytes(std::size_t n, uint64_t seed) {
    std::vector<char> out(n);
    std::mt19937_64 rng(seed);
    for (std::size_t i = 0; i < n; i += 8) {
        const uint64_t r = rng();
        std::memcpy(out.data() + i, &r, std::min<std::size_t>(8, n - i));
    }
    return out;
}

} // namespace

ProducerWorker::ProducerWorker(ProducerPlan plan, const std::vector<PropertyLayer>& layers,
                               RunSignals& signals, LogSink& log, const RunClock& clock)
    : plan_(std::move(plan)), signals_(signals), log_(log),
      name_("producer-" + std::to_string(plan_.index)), telemetry_(name_, log, clock),
      bytes_per_partition_(static_cast<std::size_t>(plan_.partitions), 0) {
    std::vector<SpecError> errors;
    KafkaConf conf = build_conf(layers, errors);
    if (!errors.empty())
        throw std::runtime_error(errors.front().to_string());
    rd_kafka_conf_set(conf.get(), "client.id", ("ktw-" + name_).c_str(), nullptr, 0);
    if (plan_.transactions.enabled) {
        char err[512];
        if (rd_kafka_conf_set(conf.get(), "transactional.id", plan_.transactional_id.c_str(), err,
                              sizeof err) != RD_KAFKA_CONF_OK)
            throw std::runtime_error("producer.transactions: " + std::string(err));
    }
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &ProducerWorker::delivery_cb);
    install_telemetry_callbacks<ProducerWorker>(conf.get());
    effective_config_ = ktw::effective_config(conf.get());
    char err[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof err);
    if (!rk)
        throw std::runtime_error("producer.properties: " + std::string(err));
    conf.release();
    rk_.reset(rk);
    topic_.reset(rd_kafka_topic_new(rk, plan_.topic.c_str(), nullptr));
    if (!topic_)
        throw std::runtime_error("topic \"" + plan_.topic +
                                 "\": " + rd_kafka_err2str(rd_kafka_last_error()));

    payload_.assign(static_cast<std::size_t>(plan_.message_bytes), 'k'); // compressible filler
    const std::size_t body = payload_.size() - MessageHeader::kSize;
    random_len_ =
        static_cast<std::size_t>(std::llround(plan_.random_fraction * static_cast<double>(body)));
    if (random_len_ > 0)
        random_pool_ = random_bytes(kRandomPoolBytes + random_len_, 0x5eed0000u + plan_.index);
}

ProducerWorker::~ProducerWorker() {
    // The runner destroys the client with a deadline first (begin_destroy); this is the
    // fallback for a worker that never got that far.
    PendingDestroy::wait_for(begin_destroy());
}

std::unique_ptr<PendingDestroy> ProducerWorker::begin_destroy() {
    join();
    topic_.reset(); // an application topic reference would keep the client alive
    if (!rk_)
        return nullptr;
    return std::make_unique<PendingDestroy>(rk_.release(), 0);
}

void ProducerWorker::start() {
    thread_.start("ktw-" + name_, [this] { run(); });
}

void ProducerWorker::join() {
    thread_.join();
}

void ProducerWorker::run() {
    connect();
    const bool can_produce = !plan_.transactions.enabled || init_transactions();
    ready_ = true;
    while (!signals_.go.load() && !signals_.abort.load())
        rd_kafka_poll(rk_.get(), 5); // keeps connections served while others get ready
    if (!signals_.abort.load() && can_produce) {
        produce_all();
        if (plan_.transactions.enabled)
            end_transaction_if_due(/*last=*/true);
        flush();
    }
    meters_.finished = true; // acknowledgements are final from here on
    wait_for_final_statistics();
}

void ProducerWorker::wait_for_final_statistics() {
    // Batch and request byte counts come from statistics; without one more emit after the
    // flush, the last interval's batches would be missing from the compression figures.
    if (!plan_.measure || plan_.statistics_interval_ms <= 0)
        return;
    const uint64_t seen = telemetry_.emits();
    const int64_t wait_ms = std::min(plan_.statistics_interval_ms + 500, 2500);
    const int64_t deadline = RunClock::now_ns() + wait_ms * 1'000'000;
    while (telemetry_.emits() == seen && RunClock::now_ns() < deadline && !signals_.abort.load())
        rd_kafka_poll(rk_.get(), 20);
}

void ProducerWorker::connect() {
    // The first messages must not pay for connecting: learn the leaders (metadata goes to a
    // bootstrap connection), then open the connection to each leader with one request through
    // it, as librdkafka connects to a broker only when it first needs it. Without the second
    // step the first 2-3 round trips of messages waited for the leader's connection: 40 of
    // 2,000 messages at 1,000 msgs/s with a 20 ms round trip, which made up the ack p99
    // (tests/truth/test_truth_ack_latency.cpp).
    const rd_kafka_metadata_t* md = nullptr;
    if (rd_kafka_metadata(rk_.get(), 0, topic_.get(), &md, 10000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        log_.add(LogLevel::Warning, name_, "no metadata for topic " + plan_.topic + " within 10 s");
        return;
    }
    rd_kafka_metadata_destroy(md);
    PartitionList parts(rd_kafka_topic_partition_list_new(plan_.partitions));
    for (int p = 0; p < plan_.partitions; ++p)
        rd_kafka_topic_partition_list_add(parts.get(), plan_.topic.c_str(), p)->offset =
            RD_KAFKA_OFFSET_END; // as a timestamp: the latest offset, any would do
    if (const auto err = rd_kafka_offsets_for_times(rk_.get(), parts.get(), 10000))
        log_.add(LogLevel::Info, name_,
                 std::string("could not reach every partition leader before producing (") +
                     rd_kafka_err2str(err) + "): the first messages include connecting");
}

bool ProducerWorker::wait_until(int64_t ns) {
    // The wait serves delivery reports: in rd_kafka_poll for the whole milliseconds left (it
    // returns as soon as a report arrives), then in slices of kServeEveryNs, as
    // rd_kafka_poll's timeout has only millisecond steps.
    while (true) {
        if (signals_.stop_producers.load() || signals_.abort.load())
            return false;
        const int64_t left = ns - RunClock::now_ns();
        if (left <= 0)
            return true;
        if (left >= 1'000'000) {
            rd_kafka_poll(rk_.get(), static_cast<int>(std::min<int64_t>(left / 1'000'000, 50)));
        } else {
            rd_kafka_poll(rk_.get(), 0);
            std::this_thread::sleep_for(std::chrono::nanoseconds(std::min(left, kServeEveryNs)));
        }
    }
}

void ProducerWorker::produce_all() {
    const int64_t start_ns = signals_.go_ns.load();
    const int64_t end_ns =
        plan_.duration_s > 0 ? start_ns + static_cast<int64_t>(plan_.duration_s * 1e9) : INT64_MAX;
    const double interval_ns = plan_.rate > 0 ? 1e9 / plan_.rate : 0;
    int64_t served_ns = 0; // when reports were last served here (only known while measuring)
    for (uint64_t seq = 0;; ++seq) {
        if (plan_.messages > 0 && seq >= static_cast<uint64_t>(plan_.messages))
            break;
        if (signals_.stop_producers.load(std::memory_order_relaxed) ||
            signals_.abort.load(std::memory_order_relaxed))
            break;
        int64_t intended_ns = 0;
        if (interval_ns > 0) {
            // Latency counts from the intended send time: a stalled producer cannot hide its
            // own stall (coordinated omission).
            intended_ns = start_ns + static_cast<int64_t>(static_cast<double>(seq) * interval_ns);
            if (intended_ns >= end_ns || !wait_until(intended_ns))
                break;
        } else if (plan_.duration_s > 0 && (seq % kPollEvery) == 0 &&
                   RunClock::now_ns() >= end_ns) {
            break;
        }
        if (plan_.transactions.enabled && !begin_transaction_if_needed())
            break;
        // A paced producer behind schedule does not wait, and an unlimited one may send slowly
        // (large or compressed messages): both serve reports by time too. The time is the one
        // produce_one read anyway; a clock read of its own would cost 100-200 ns a message.
        const int64_t sent_ns = produce_one(seq, intended_ns);
        if (seq % kPollEvery == 0 || (plan_.measure && sent_ns - served_ns >= kServeEveryNs)) {
            rd_kafka_poll(rk_.get(), 0);
            served_ns = sent_ns;
        }
        if (plan_.transactions.enabled) {
            ++txn_messages_;
            end_transaction_if_due(/*last=*/false);
        }
    }
}

int64_t ProducerWorker::produce_one(uint64_t seq, int64_t intended_ns) {
    MessageHeader h;
    h.run_tag = plan_.run_tag;
    h.producer_id = static_cast<uint32_t>(plan_.index);
    h.sequence = seq;
    char key_buf[24];
    const char* key = nullptr;
    std::size_t key_len = 0;
    int32_t partition = RD_KAFKA_PARTITION_UA;
    if (plan_.key_mode == KeyMode::Distinct) {
        h.key_index = static_cast<uint32_t>(seq % static_cast<uint64_t>(plan_.key_count));
        key_buf[0] = 'k';
        const auto r = std::to_chars(key_buf + 1, key_buf + sizeof key_buf, h.key_index);
        key = key_buf;
        key_len = static_cast<std::size_t>(r.ptr - key_buf);
    } else if (plan_.key_mode == KeyMode::RoundRobin) {
        partition = static_cast<int32_t>((seq + static_cast<uint64_t>(plan_.index)) %
                                         static_cast<uint64_t>(plan_.partitions));
    }
    if (random_len_ > 0) {
        std::memcpy(payload_.data() + MessageHeader::kSize, random_pool_.data() + pool_offset_,
                    random_len_);
        pool_offset_ = (pool_offset_ + random_len_) % kRandomPoolBytes;
    }
    while (true) {
        const int64_t now = plan_.measure ? RunClock::now_ns() : 0;
        h.send_ns = intended_ns > 0 ? intended_ns : now;
        h.write_to(payload_.data());
        if (rd_kafka_produce(topic_.get(), partition, RD_KAFKA_MSG_F_COPY, payload_.data(),
                             payload_.size(), key, key_len, nullptr) == 0) {
            if (plan_.measure && intended_ns > 0)
                meters_.send_delay_us.record(
                    static_cast<uint64_t>(std::max<int64_t>(now - intended_ns, 0) / 1000));
            return now;
        }
        const rd_kafka_resp_err_t err = rd_kafka_last_error();
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            if (plan_.transactions.enabled) {
                // Refused because the open transaction already failed (an abortable error
                // arrived while producing): the message belongs to that transaction, which is
                // aborted at its commit and its messages counted as aborted.
                ++txn_refused_;
                if (txn_error_.empty())
                    txn_error_ = std::string("produce refused: ") + rd_kafka_err2str(err);
                return now;
            }
            meters_.failed.store(meters_.failed.load(std::memory_order_relaxed) + 1,
                                 std::memory_order_relaxed);
            if (first_error_.empty())
                first_error_ = rd_kafka_err2str(err);
            return now;
        }
        // The local queue is full: wait for deliveries. Unlimited-rate sends take the time of
        // this retry as their send time; rate-limited ones keep the intended time.
        rd_kafka_poll(rk_.get(), 1);
        if (signals_.abort.load())
            return now;
    }
}

void ProducerWorker::flush() {
    const int64_t deadline = RunClock::now_ns() + static_cast<int64_t>(plan_.flush_timeout_s * 1e9);
    while (rd_kafka_outq_len(rk_.get()) > 0) {
        if (signals_.abort.load() || RunClock::now_ns() > deadline) {
            if (!signals_.abort.load())
                log_.add(LogLevel::Error, name_,
                         "delivery not confirmed within the flush timeout; purging");
            rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
            rd_kafka_poll(rk_.get(), 0); // serves the purged messages' reports
            break;
        }
        rd_kafka_flush(rk_.get(), 50);
    }
}

void ProducerWorker::on_delivery(const rd_kafka_message_t* msg) {
    const int64_t now = RunClock::now_ns();
    const bool purged =
        msg->err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || msg->err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT;
    if (purged && (signals_.abort.load() || aborting_))
        return; // dropped on purpose by a cancel, a timeout or a transaction abort, each
                // reported on its own
    if (msg->err && plan_.transactions.enabled) {
        // A failed message makes its transaction fail to commit; it is then aborted and its
        // messages counted as aborted (not expected by the audit), not as failed deliveries.
        if (txn_error_.empty())
            txn_error_ = rd_kafka_err2str(msg->err);
        return;
    }
    if (msg->err) {
        meters_.failed.store(meters_.failed.load(std::memory_order_relaxed) + 1,
                             std::memory_order_relaxed);
        if (first_error_.empty())
            first_error_ =
                purged ? "not delivered within the flush timeout" : rd_kafka_err2str(msg->err);
        return;
    }
    const auto h = plan_.measure ? MessageHeader::read_from(msg->payload, msg->len)
                                 : std::optional<MessageHeader>{};
    if (h)
        meters_.ack_us.record(static_cast<uint64_t>(std::max<int64_t>(now - h->send_ns, 0) / 1000));
    const uint64_t seq = h ? h->sequence : UINT64_MAX;
    if (plan_.transactions.enabled)
        in_transaction_.push_back({seq, msg->len, msg->partition});
    else
        count_acknowledged(seq, msg->len, msg->partition, now);
}

void ProducerWorker::count_acknowledged(uint64_t seq, std::size_t bytes, int32_t partition,
                                        int64_t now) {
    meters_.acked.store(meters_.acked.load(std::memory_order_relaxed) + 1,
                        std::memory_order_relaxed);
    meters_.acked_bytes.store(meters_.acked_bytes.load(std::memory_order_relaxed) + bytes,
                              std::memory_order_relaxed);
    meters_.last_ack_ns.store(now, std::memory_order_relaxed);
    if (partition >= 0 && partition < plan_.partitions)
        bytes_per_partition_[static_cast<std::size_t>(partition)] += bytes;
    if (seq != UINT64_MAX)
        acknowledged_.insert(seq);
}

void ProducerWorker::delivery_cb(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
    auto* worker = static_cast<ProducerWorker*>(opaque);
    worker->meters_.updates.begin();
    worker->on_delivery(msg);
    worker->meters_.updates.end();
}

} // namespace ktw
