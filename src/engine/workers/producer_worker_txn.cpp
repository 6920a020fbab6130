// The transactional side of ProducerWorker: init, begin, commit or abort, all on the producer
// thread and each call bounded by producer.transactions.timeout_ms.

#include "engine/workers/producer_worker.h"

namespace ktw {
void ProducerWorker::note_error(const std::string& what) {
    log_.add(LogLevel::Error, name_, what);
    if (first_error_.empty())
        first_error_ = what;
}

bool ProducerWorker::init_transactions() {
    const KafkaError err(rd_kafka_init_transactions(rk_.get(), plan_.transactions.timeout_ms));
    if (!err)
        return true;
    note_error("init_transactions failed: " + std::string(error_text(err)));
    // Nothing of this thread's share can be sent: count it as failed, so the verdict says so.
    const uint64_t share = plan_.messages > 0 ? static_cast<uint64_t>(plan_.messages) : 1;
    meters_.failed.store(meters_.failed.load(std::memory_order_relaxed) + share,
                         std::memory_order_relaxed);
    return false;
}

bool ProducerWorker::begin_transaction_if_needed() {
    if (txn_fatal_)
        return false;
    if (in_txn_)
        return true;
    const KafkaError err(rd_kafka_begin_transaction(rk_.get()));
    if (err) {
        note_error("begin_transaction failed: " + std::string(error_text(err)));
        txn_fatal_ = true;
        return false;
    }
    in_txn_ = true;
    txn_started_ns_ = RunClock::now_ns();
    txn_messages_ = 0;
    txn_refused_ = 0;
    txn_error_.clear();
    in_transaction_.clear();
    return true;
}

void ProducerWorker::end_transaction_if_due(bool last) {
    if (!in_txn_)
        return;
    const auto& t = plan_.transactions;
    const bool by_count =
        t.messages_per_transaction > 0 && txn_messages_ >= t.messages_per_transaction;
    // The time trigger is checked at each message: a paced producer commits at the first
    // message after interval_ms.
    const bool by_time = t.interval_ms > 0 &&
                         RunClock::now_ns() - txn_started_ns_ >= int64_t{t.interval_ms} * 1'000'000;
    if (signals_.abort.load()) {
        // A cancel or timeout should not wait for the coordinator: the open transaction is
        // left to time out there, its messages are purged by flush() and counted as aborted.
        ++tally_.aborted;
        tally_.messages_aborted += static_cast<uint64_t>(txn_messages_);
        in_txn_ = false;
        in_transaction_.clear();
        return;
    }
    if (last || by_count || by_time)
        commit_transaction();
}

bool ProducerWorker::commit_transaction() {
    const int64_t start = RunClock::now_ns();
    // commit_transaction flushes first; delivery reports are served meanwhile, so every
    // message of the transaction is in in_transaction_ when it returns.
    const KafkaError err(rd_kafka_commit_transaction(rk_.get(), plan_.transactions.timeout_ms));
    const int64_t now = RunClock::now_ns();
    if (!err) {
        in_txn_ = false;
        ++tally_.committed;
        tally_.commit_us.record(static_cast<uint64_t>((now - start) / 1000));
        meters_.updates.begin();
        for (const auto& d : in_transaction_)
            count_acknowledged(d.seq, d.bytes, d.partition, now);
        meters_.updates.end();
        in_transaction_.clear();
        if (txn_refused_ > 0) {
            // Committed without them (not expected from librdkafka, which refuses a commit
            // after refusing a message): they were never sent, so they count as failed.
            meters_.failed.store(meters_.failed.load(std::memory_order_relaxed) + txn_refused_,
                                 std::memory_order_relaxed);
            note_error(std::to_string(txn_refused_) +
                       " message(s) refused in a committed transaction: " + txn_error_);
        }
        return true;
    }
    if (rd_kafka_error_is_fatal(err.get())) {
        note_error("commit_transaction failed (fatal): " + std::string(error_text(err)));
        txn_fatal_ = true;
        tally_.messages_aborted += static_cast<uint64_t>(txn_messages_);
        ++tally_.aborted;
        in_txn_ = false;
        return false;
    }
    // Retriable or abortable: the outcome is not known to be a commit, so abort; the run
    // goes on with the next transaction (librdkafka's documented handling).
    abort_transaction("commit_transaction failed: " + std::string(error_text(err)));
    return false;
}

void ProducerWorker::abort_transaction(const std::string& why) {
    aborting_ = true;
    const KafkaError err(rd_kafka_abort_transaction(rk_.get(), plan_.transactions.timeout_ms));
    rd_kafka_poll(rk_.get(), 0); // serves the purged messages' reports while aborting_ is set
    aborting_ = false;
    in_txn_ = false;
    ++tally_.aborted;
    tally_.messages_aborted += static_cast<uint64_t>(txn_messages_);
    in_transaction_.clear();
    if (!signals_.abort.load())
        log_.add(LogLevel::Warning, name_,
                 "transaction aborted: " + why +
                     (txn_error_.empty() ? "" : " (first delivery error: " + txn_error_ + ")"));
    if (err) {
        note_error("abort_transaction failed: " + std::string(error_text(err)));
        txn_fatal_ = true;
    }
}

} // namespace ktw
