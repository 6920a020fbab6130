#include "engine/workers/consumer_worker.h"

#include "core/metrics/message_header.h"
#include "engine/workers/worker_thread.h"

#include <stdexcept>

namespace ktw {

ConsumerWorker::ConsumerWorker(ConsumerPlan plan, const std::vector<PropertyLayer>& layers,
                               RunSignals& signals, LogSink& log, const RunClock& clock)
    : plan_(std::move(plan)), signals_(signals), log_(log),
      name_("consumer-" + std::to_string(plan_.index)), telemetry_(name_, log, clock),
      tracker_(plan_.producers, plan_.partitions, plan_.keys) {
    created_t_ = clock.seconds_now();
    std::vector<SpecError> errors;
    KafkaConf conf = build_conf(layers, errors);
    if (!errors.empty())
        throw std::runtime_error(errors.front().to_string());
    auto set = [&](const char* key, const std::string& value) {
        char err[512];
        if (rd_kafka_conf_set(conf.get(), key, value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
            throw std::runtime_error(std::string("consumer setting ") + key + ": " + err);
    };
    set("client.id", "ktw-" + name_);
    set("group.id", plan_.group_id);
    set("enable.auto.commit", plan_.commit == CommitMode::Auto ? "true" : "false");
    rd_kafka_conf_set_opaque(conf.get(), this);
    if (plan_.mode == ConsumerMode::Group)
        rd_kafka_conf_set_rebalance_cb(conf.get(), &ConsumerWorker::rebalance_cb);
    install_telemetry_callbacks<ConsumerWorker>(conf.get());
    effective_config_ = ktw::effective_config(conf.get());
    char err[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err);
    if (!rk)
        throw std::runtime_error("consumer.properties: " + std::string(err));
    conf.release();
    rk_.reset(rk);
    rd_kafka_poll_set_consumer(rk); // callbacks are served by the consumer poll
    queue_.reset(rd_kafka_queue_get_consumer(rk));

    if (plan_.start_at_end) {
        for (int32_t p = 0; p < plan_.partitions; ++p) {
            int64_t low = 0, high = 0;
            const auto e =
                rd_kafka_query_watermark_offsets(rk, plan_.topic.c_str(), p, &low, &high, 5000);
            if (e)
                throw std::runtime_error("cannot read the end offset of " + plan_.topic + "[" +
                                         std::to_string(p) + "]: " + rd_kafka_err2str(e));
            start_offsets_[p] = high;
        }
    }
}

ConsumerWorker::~ConsumerWorker() {
    // The runner destroys the client with a deadline first (begin_destroy); this is the
    // fallback for a worker that never got that far.
    PendingDestroy::wait_for(begin_destroy());
}

std::unique_ptr<PendingDestroy> ConsumerWorker::begin_destroy() {
    join();
    if (!rk_)
        return nullptr;
    queue_.reset(); // a queue handle holds a reference that would keep the client alive
    // Cancelled, timed out, or the close did not finish in time: leave the group without
    // waiting for the coordinator (a plain destroy would block in a consumer close).
    const int flags =
        rd_kafka_consumer_closed(rk_.get()) ? 0 : RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE;
    return std::make_unique<PendingDestroy>(rk_.release(), flags);
}

void ConsumerWorker::start() {
    thread_.start("ktw-" + name_, [this] { run(); });
}

void ConsumerWorker::join() {
    thread_.join();
}

void ConsumerWorker::run() {
    subscribe_or_assign();
    std::vector<rd_kafka_message_t*> batch(static_cast<std::size_t>(plan_.max_poll_records));
    while (!signals_.stop_consumers.load() && !signals_.abort.load()) {
        pause_or_resume();
        poll_once(batch);
    }
    if (!signals_.abort.load() && plan_.measure)
        wait_for_final_statistics();
    if (!signals_.abort.load())
        close();
    meters_.finished = true;
}

void ConsumerWorker::subscribe_or_assign() {
    if (plan_.mode == ConsumerMode::Group) {
        PartitionList topics(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(topics.get(), plan_.topic.c_str(), RD_KAFKA_PARTITION_UA);
        if (const auto err = rd_kafka_subscribe(rk_.get(), topics.get()))
            log_.add(LogLevel::Error, name_, std::string("subscribe failed: ") + rd_kafka_err2str(err));
        return;
    }
    // Manual assignment: partition p goes to consumer p % consumer_count.
    PartitionList parts(rd_kafka_topic_partition_list_new(plan_.partitions));
    for (int32_t p = plan_.index; p < plan_.partitions; p += plan_.consumer_count) {
        auto* tp = rd_kafka_topic_partition_list_add(parts.get(), plan_.topic.c_str(), p);
        tp->offset = start_offsets_.count(p) ? start_offsets_[p] : RD_KAFKA_OFFSET_BEGINNING;
    }
    if (plan_.paused_until_counting)
        learn_partitions(); // so that they can be paused before they are assigned
    const bool held = hold_before_assign(parts.get());
    if (const auto err = rd_kafka_assign(rk_.get(), parts.get()))
        log_.add(LogLevel::Error, name_, std::string("assign failed: ") + rd_kafka_err2str(err));
    if (!held)
        hold_after_assign(parts.get());
    meters_.assigned_partitions = parts->cnt;
    meters_.assignments = 1;
}

void ConsumerWorker::learn_partitions() {
    // A metadata request for the topic creates the client's partition objects.
    const KafkaTopic topic(rd_kafka_topic_new(rk_.get(), plan_.topic.c_str(), nullptr));
    if (!topic) {
        log_.add(LogLevel::Warning, name_,
                 std::string("cannot look up the topic's partitions before assigning them (") +
                     rd_kafka_err2str(rd_kafka_last_error()) + "); they are paused afterwards");
        return;
    }
    // Up to 10 s in short tries, so that a cancel is not kept waiting.
    for (int waited_ms = 0; waited_ms < 10000 && !signals_.abort.load(); waited_ms += 500) {
        const rd_kafka_metadata_t* md = nullptr;
        if (rd_kafka_metadata(rk_.get(), 0, topic.get(), &md, 500) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            rd_kafka_metadata_destroy(md);
            break;
        }
    }
    // The client keeps the topic; only our reference goes when `topic` does.
}

bool ConsumerWorker::hold_before_assign(const rd_kafka_topic_partition_list_t* parts) {
    // Produce, then consume: the partitions stay paused until the consume phase. Paused
    // before they are assigned, they send no fetch at all. Paused after, an empty fetch may
    // already be on its way, and the next one waits for its answer: up to fetch.wait.max.ms
    // on the embedded cluster, which never answers an empty fetch early (measured: the first
    // message 430-480 ms after the resume with the default 500 ms, instead of a few ms).
    if (!plan_.paused_until_counting || signals_.consumers_counting.load() || parts->cnt == 0)
        return true; // nothing to hold
    PartitionList copy(rd_kafka_topic_partition_list_copy(parts));
    if (rd_kafka_pause_partitions(rk_.get(), copy.get())) // never fails as a whole in 2.x
        return false;
    // Per-partition errors in copy:
    for (int i = 0; i < copy->cnt; ++i)
        if (copy->elems[i].err) // not known to this client yet: pause after the assignment
            return false;
    paused_ = true;
    return true;
}

void ConsumerWorker::hold_after_assign(rd_kafka_topic_partition_list_t* parts) {
    // A partition left running would deliver messages before the consume phase, and those
    // would be counted in a phase that did not measure them: say so rather than hide it.
    const auto err = rd_kafka_pause_partitions(rk_.get(), parts);
    for (int i = 0; i < parts->cnt; ++i)
        if (err || parts->elems[i].err)
            log_.add(LogLevel::Warning, name_,
                     "cannot pause partition " + std::to_string(parts->elems[i].partition) +
                         " until the consume phase: " +
                         rd_kafka_err2str(err ? err : parts->elems[i].err));
    paused_ = true;
}

void ConsumerWorker::pause_or_resume() {
    if (!paused_ || !signals_.consumers_counting.load())
        return;
    rd_kafka_topic_partition_list_t* raw = nullptr;
    if (rd_kafka_assignment(rk_.get(), &raw) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        PartitionList assigned(raw);
        if (const auto err = rd_kafka_resume_partitions(rk_.get(), assigned.get()))
            log_.add(LogLevel::Error, name_,
                     std::string("cannot resume the partitions: ") + rd_kafka_err2str(err));
        wake_fetchers(assigned.get());
    }
    paused_ = false;
}

void ConsumerWorker::wake_fetchers(const rd_kafka_topic_partition_list_t* parts) {
    // librdkafka 2.0 does not wake a broker thread when its partitions are resumed: fetching
    // starts at that thread's next wake-up, up to a second later (measured 0.3-1.1 s). A
    // request through the partition's leader wakes its broker thread at once, and the
    // watermark query is the cheapest such request. Its answer is not needed, so it is not
    // waited for: queued behind a fetch the broker holds (up to fetch.wait.max.ms) it would
    // keep this thread from polling (measured: 6 partitions, 950 ms before the first poll).
    // Enqueuing the request is what wakes the broker thread.
    for (int i = 0; i < parts->cnt; ++i) {
        int64_t low = 0, high = 0;
        rd_kafka_query_watermark_offsets(rk_.get(), parts->elems[i].topic,
                                         parts->elems[i].partition, &low, &high,
                                         kWakeRequestWaitMs);
    }
}

void ConsumerWorker::poll_once(std::vector<rd_kafka_message_t*>& batch) {
    // One poll in the Java sense: wait up to the timeout for the first message, then take
    // whatever else is already fetched, up to max_poll_records.
    // Until the consume phase it polls briefly: with a long poll timeout (the diary's final
    // step polls up to 1 s) a poll that began before the assignment, or before the phase,
    // would notice the start of the phase that much later (measured: 970 ms).
    const int timeout_ms = signals_.consumers_counting.load()
                               ? plan_.poll_timeout_ms
                               : std::min(plan_.poll_timeout_ms, kWaitingPollMs);
    ssize_t n = rd_kafka_consume_batch_queue(queue_.get(), timeout_ms, batch.data(), 1);
    if (n == 1 && batch.size() > 1)
        n += std::max<ssize_t>(
            rd_kafka_consume_batch_queue(queue_.get(), 0, batch.data() + 1, batch.size() - 1), 0);
    if (n < 0)
        n = 0;
    // Every message of this poll reached the application at the same instant, when the poll
    // returned: one clock read per poll, not per message (a clock read costs 100-200 ns in
    // the virtual machines here, as much as the rest of handling a message).
    const int64_t now = RunClock::now_ns();
    uint64_t delivered = 0;
    meters_.updates.begin();
    for (ssize_t i = 0; i < n; ++i) {
        const rd_kafka_message_t* msg = batch[static_cast<std::size_t>(i)];
        if (!msg->err) {
            handle(msg, now);
            ++delivered;
            const bool last_of_partition =
                i + 1 == n || batch[static_cast<std::size_t>(i + 1)]->partition != msg->partition;
            if (last_of_partition)
                rd_kafka_offset_store(msg->rkt, msg->partition, msg->offset);
        } else if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            log_.add(LogLevel::Error, name_, rd_kafka_message_errstr(msg));
        }
        rd_kafka_message_destroy(batch[static_cast<std::size_t>(i)]);
    }
    // A poll that began just before the consume phase and returned its first messages
    // counts as one of its polls: its messages count too. A paused consumer (produce, then
    // consume) counts from its first message: the empty polls while the resumed partitions
    // start fetching (see wake_fetchers) say nothing about consuming. The wait is reported on
    // its own.
    if (!counting_ && signals_.consumers_counting.load() &&
        (!plan_.paused_until_counting || delivered > 0))
        counting_ = true;
    if (counting_ && delivered > 0 && meters_.first_message_ns.load(std::memory_order_relaxed) == 0)
        meters_.first_message_ns.store(now, std::memory_order_relaxed);
    if (counting_) {
        const uint64_t polls = meters_.polls.load(std::memory_order_relaxed) + 1;
        meters_.polls.store(polls, std::memory_order_relaxed);
        if (delivered > 0) {
            meters_.nonempty_polls.store(meters_.nonempty_polls.load(std::memory_order_relaxed) + 1,
                                         std::memory_order_relaxed);
            polls_at_last_message_ = polls;
        }
    }
    meters_.updates.end(); // a poll's messages and the poll itself are read together
    if (delivered == 0)
        return;
    if (plan_.processing_us > 0) { // simulated work, slept once per poll batch, in slices
        const int64_t until =
            RunClock::now_ns() + plan_.processing_us * static_cast<int64_t>(delivered) * 1000;
        while (!signals_.abort.load() && RunClock::now_ns() < until)
            std::this_thread::sleep_for(std::chrono::nanoseconds(
                std::min<int64_t>(until - RunClock::now_ns(), 50'000'000)));
    }
    if (plan_.commit != CommitMode::Auto) {
        const auto err =
            rd_kafka_commit(rk_.get(), nullptr, plan_.commit == CommitMode::Async ? 1 : 0);
        if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET)
            log_.add(LogLevel::Warning, name_, std::string("commit: ") + rd_kafka_err2str(err));
    }
}

void ConsumerWorker::handle(const rd_kafka_message_t* msg, int64_t now) {
    meters_.consumed.store(meters_.consumed.load(std::memory_order_relaxed) + 1,
                           std::memory_order_relaxed);
    meters_.consumed_bytes.store(meters_.consumed_bytes.load(std::memory_order_relaxed) + msg->len,
                                 std::memory_order_relaxed);
    meters_.last_message_ns.store(now, std::memory_order_relaxed);
    if (!plan_.measure)
        return;
    const auto h = MessageHeader::read_from(msg->payload, msg->len);
    if (!h || h->run_tag != plan_.run_tag) {
        tracker_.observe_foreign();
        return;
    }
    if (tracker_.observe(h->producer_id, h->sequence, msg->partition, h->key_index))
        meters_.first_deliveries.store(meters_.first_deliveries.load(std::memory_order_relaxed) + 1,
                                       std::memory_order_relaxed);
    meters_.e2e_us.record(static_cast<uint64_t>(std::max<int64_t>(now - h->send_ns, 0) / 1000));
}

void ConsumerWorker::wait_for_final_statistics() {
    // Fetch counts come from statistics, emitted every statistics_interval_ms: wait for one
    // more emit so the count covers the whole consume phase.
    // The main queue is redirected to the consumer queue (rd_kafka_poll_set_consumer), so
    // it is served through the consumer queue; messages still arriving now are after the end.
    const uint64_t seen = telemetry_.emits();
    const int64_t wait_ms = std::min(plan_.statistics_interval_ms + 500, 2500);
    const int64_t deadline = RunClock::now_ns() + wait_ms * 1'000'000LL;
    rd_kafka_message_t* late[64];
    while (telemetry_.emits() == seen && RunClock::now_ns() < deadline && !signals_.abort.load()) {
        const ssize_t n = rd_kafka_consume_batch_queue(queue_.get(), 20, late, 64);
        for (ssize_t i = 0; i < n; ++i)
            rd_kafka_message_destroy(late[i]);
    }
}

void ConsumerWorker::close() {
    telemetry_.set_quiet(true); // commit failures while the group dissolves are expected
    // Bounded close: the queue-based close lets us give up if the group coordinator is gone.
    KafkaQueue close_queue(rd_kafka_queue_new(rk_.get()));
    if (const KafkaError error{rd_kafka_consumer_close_queue(rk_.get(), close_queue.get())}) {
        telemetry_.on_log(7, "CLOSE", error_text(error));
    } else {
        const int64_t deadline = RunClock::now_ns() + 3'000'000'000LL;
        while (!rd_kafka_consumer_closed(rk_.get()) && RunClock::now_ns() < deadline) {
            if (rd_kafka_event_t* ev = rd_kafka_queue_poll(close_queue.get(), 50)) {
                if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_REBALANCE)
                    on_rebalance(rd_kafka_event_error(ev), rd_kafka_event_topic_partition_list(ev));
                rd_kafka_event_destroy(ev);
            }
        }
    }
}

void ConsumerWorker::apply_start_offsets(rd_kafka_topic_partition_list_t* parts) {
    // A reused topic holds older messages: an assigned partition starts where the group
    // committed, or at the run's start offset where this run's group has committed nothing
    // for it yet. Asking the coordinator also covers a partition that moved to another
    // consumer (a rebalance mid-run) before its first owner committed anything; without it
    // auto.offset.reset=earliest would read the older messages.
    if (start_offsets_.empty())
        return;
    PartitionList committed(rd_kafka_topic_partition_list_copy(parts));
    const auto err = rd_kafka_committed(rk_.get(), committed.get(), 5000);
    if (err)
        log_.add(LogLevel::Warning, name_,
                 std::string("cannot read the group's committed offsets (") +
                     rd_kafka_err2str(err) + "); assigned partitions start at the run's start");
    for (int i = 0; i < parts->cnt; ++i) {
        auto& tp = parts->elems[i];
        const auto start = start_offsets_.find(tp.partition);
        if (start == start_offsets_.end())
            continue;
        if (err || committed->elems[i].offset < 0) // nothing committed for it
            tp.offset = start->second;
    }
}

void ConsumerWorker::on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts) {
    const bool cooperative = std::string(rd_kafka_rebalance_protocol(rk_.get())) == "COOPERATIVE";
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        apply_start_offsets(parts);
        const bool held = hold_before_assign(parts);
        if (cooperative) {
            if (const KafkaError e{rd_kafka_incremental_assign(rk_.get(), parts)})
                log_.add(LogLevel::Error, name_,
                         std::string("incremental assign failed: ") + error_text(e));
        } else if (const auto e = rd_kafka_assign(rk_.get(), parts)) {
            log_.add(LogLevel::Error, name_, std::string("assign failed: ") + rd_kafka_err2str(e));
        }
        if (!held)
            hold_after_assign(parts);
        meters_.assigned_partitions =
            (cooperative ? meters_.assigned_partitions.load() : 0) + parts->cnt;
        meters_.assignments = meters_.assignments + 1;
    } else {
        if (cooperative) {
            if (const KafkaError e{rd_kafka_incremental_unassign(rk_.get(), parts)})
                log_.add(LogLevel::Warning, name_,
                         std::string("incremental unassign failed: ") + error_text(e));
            meters_.assigned_partitions = meters_.assigned_partitions.load() - parts->cnt;
        } else {
            if (const auto e = rd_kafka_assign(rk_.get(), nullptr))
                log_.add(LogLevel::Warning, name_,
                         std::string("unassign failed: ") + rd_kafka_err2str(e));
            meters_.assigned_partitions = 0;
        }
    }
}

void ConsumerWorker::rebalance_cb(rd_kafka_t*, rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t* parts, void* opaque) {
    static_cast<ConsumerWorker*>(opaque)->on_rebalance(err, parts);
}

} // namespace ktw
