// The run's headline arithmetic on hand-written results: windows, rates, per-client figures,
// the produce-then-consume start, transactions, wire bytes and the live intervals, each with
// the figure worked out by hand in the test. No cluster, no engine.
#include "core/measure/meter_totals.h"
#include "core/measure/run_summary_arithmetic.h"

#include <QtTest>

using namespace ktw;

namespace {

constexpr int64_t kOrigin = 1'000'000'000'000; // the run clock's zero, in steady-clock ns

int64_t at(double seconds) {
    return kOrigin + static_cast<int64_t>(seconds * 1e9);
}

MeterTotals totals(double t, uint64_t acked, uint64_t acked_bytes, uint64_t consumed = 0,
                   uint64_t consumed_bytes = 0) {
    MeterTotals m;
    m.t = t;
    m.acked = acked;
    m.acked_bytes = acked_bytes;
    m.consumed = consumed;
    m.consumed_bytes = consumed_bytes;
    return m;
}

// One producer: 100 messages of 100 bytes at 1 ms during the warm-up (go at 0.5 s, warm-up
// ends at 1.0 s), then 1,000 more at 2 ms up to the last acknowledgement at 3.0 s.
RunResults one_producer() {
    RunResults r;
    r.origin_ns = kOrigin;
    r.go_ns = at(0.5);
    r.producer_baseline = totals(1.0, 100, 10'000);
    r.producer_baseline->ack_us.record_n(1000, 100);
    r.final_totals = totals(3.2, 1100, 110'000);
    r.final_totals.ack_us.record_n(1000, 100);
    r.final_totals.ack_us.record_n(2000, 1000);
    ProducerResult p;
    p.acknowledged = 1100;
    p.last_ack_ns = at(3.0);
    p.bytes_per_partition = {60'000, 0, 50'000};
    r.producers.push_back(p);
    return r;
}

ConsumerResult consumer(uint64_t messages, double first_s, double last_s) {
    ConsumerResult c;
    c.consumed = messages;
    c.polls_until_last_message = 40;
    c.nonempty_polls = 20;
    c.first_message_ns = first_s ? at(first_s) : 0;
    c.last_message_ns = last_s ? at(last_s) : 0;
    c.created_t = 0.1;
    StatisticsSample s;
    s.client = "consumer-0";
    s.t = 2.0, s.fetch_requests = 10;
    c.statistics.push_back(s);
    s.t = 4.5, s.fetch_requests = 60;
    c.statistics.push_back(s);
    return c;
}

} // namespace

class TestRunArithmetic : public QObject {
    Q_OBJECT
  private slots:
    void producer_window_starts_at_the_end_of_the_warmup() {
        RunRecord rec;
        compute_run_summary(one_producer(), rec);
        const RunSummary& s = rec.summary;
        QCOMPARE(s.produced, uint64_t(1100));
        QCOMPARE(s.producer.messages, uint64_t(1000));
        QCOMPARE(s.producer.bytes, uint64_t(100'000));
        QCOMPARE(s.producer.seconds, 2.0);                 // 1.0 s to 3.0 s
        QCOMPARE(s.producer.msgs_per_s, 500.0);            // 1,000 / 2 s
        QCOMPARE(s.producer.mib_per_s, 100'000.0 / 1048576.0 / 2.0);
        // The per-producer figure counts the whole produce phase: go (0.5 s) to 3.0 s.
        QCOMPARE(s.producers.size(), std::size_t(1));
        QCOMPARE(s.producers[0].seconds, 2.5);
        QCOMPARE(s.producers[0].msgs_per_s, 440.0);
        // Only the window's latencies: 1,000 values of 2 ms, none of the warm-up's 1 ms.
        QCOMPARE(rec.ack_histogram.count(), uint64_t(1000));
        LatencyHistogram expected;
        expected.record_n(2000, 1000);
        QCOMPARE(s.ack_us.p50_us, expected.summary().p50_us);
        QCOMPARE(rec.ack_histogram.min(), expected.min());
        QCOMPARE(s.bytes_per_partition.size(), std::size_t(2)); // empty partition 1 left out
        QCOMPARE(s.bytes_per_partition.at(2), uint64_t(50'000));
    }

    void nothing_after_the_warmup_gives_an_empty_window() {
        RunResults r = one_producer();
        r.producers[0].last_ack_ns = at(0.9); // the last acknowledgement came in the warm-up
        r.final_totals = *r.producer_baseline;
        RunRecord rec;
        compute_run_summary(r, rec);
        QCOMPARE(rec.summary.producer.messages, uint64_t(0));
        QCOMPARE(rec.summary.producer.seconds, 0.0);
        QCOMPARE(rec.summary.producer.msgs_per_s, 0.0);
        QCOMPARE(rec.ack_histogram.count(), uint64_t(0));
        QCOMPARE(rec.summary.ack_us.count, uint64_t(0));
    }

    void a_counter_that_went_back_counts_nothing() {
        RunResults r = one_producer();
        r.producer_baseline->acked = 5000; // more than at the end: a reset, never a wrap
        RunRecord rec;
        compute_run_summary(r, rec);
        QCOMPARE(rec.summary.producer.messages, uint64_t(0));
        QCOMPARE(rec.summary.producer.msgs_per_s, 0.0);
        QCOMPARE(counter_delta(7, 3), uint64_t(0));
        QCOMPARE(counter_delta(3, 7), uint64_t(4));
    }

    void producer_only_audit_loses_nothing() {
        RunRecord rec;
        compute_run_summary(one_producer(), rec);
        QCOMPARE(rec.summary.audit.acknowledged, uint64_t(1100));
        QCOMPARE(rec.summary.audit.lost, uint64_t(0));
        QCOMPARE(rec.summary.consumer.messages, uint64_t(0));
    }

    void concurrent_consumer_window_and_breakdown() {
        RunResults r = one_producer();
        r.consume_start_ns = at(2.0);
        r.consumer_baseline = totals(2.5, 0, 0, 400, 40'000);
        r.final_totals.consumed = 2000;
        r.final_totals.consumed_bytes = 200'000;
        r.consumers.push_back(consumer(2000, 2.5, 4.5));
        RunRecord rec;
        compute_run_summary(r, rec);
        const RunSummary& s = rec.summary;
        QCOMPARE(s.consumer.messages, uint64_t(1600));
        QCOMPARE(s.consumer.seconds, 2.0); // warm-up end 2.5 s to the last message 4.5 s
        QCOMPARE(s.consumer.msgs_per_s, 800.0);
        // Concurrent: the consumer's own figure runs from the consume start (2.0 s).
        QCOMPARE(s.consumers.at(0).seconds, 2.5);
        QCOMPARE(s.consumers.at(0).msgs_per_s, 800.0);
        QCOMPARE(s.consumers.at(0).fetches, uint64_t(50)); // 60 at 4.5 s minus 10 at 2.0 s
        QCOMPARE(s.consumers.at(0).messages_per_poll, 100.0); // 2,000 / 20 non-empty polls
        QCOMPARE(s.consume_start_delay_ms, 0.0);
    }

    void produce_then_consume_starts_each_consumer_at_its_first_message() {
        RunResults r = one_producer();
        r.produce_then_consume = true;
        r.consume_start_ns = at(2.0);
        r.consumers.push_back(consumer(2000, 2.5, 4.5));
        RunRecord rec;
        compute_run_summary(r, rec);
        QCOMPARE(rec.summary.consumers.at(0).seconds, 2.0); // first message 2.5 s to 4.5 s
        QCOMPARE(rec.summary.consumers.at(0).msgs_per_s, 1000.0);
        QCOMPARE(rec.summary.consume_start_delay_ms, 500.0);
    }

    void consumer_that_received_nothing() {
        RunResults r = one_producer();
        r.consume_start_ns = at(2.0);
        r.consumer_baseline = totals(2.5, 0, 0);
        r.consumers.push_back(consumer(0, 0, 0));
        RunRecord rec;
        compute_run_summary(r, rec);
        QCOMPARE(rec.summary.consumer.messages, uint64_t(0));
        QCOMPARE(rec.summary.consumer.seconds, 0.0);
        QCOMPARE(rec.summary.consumers.at(0).seconds, 0.0);
        QCOMPARE(rec.summary.consumers.at(0).msgs_per_s, 0.0);
        QCOMPARE(rec.summary.consumers.at(0).fetches, uint64_t(0)); // no phase: no window
        QCOMPARE(rec.e2e_histogram.count(), uint64_t(0));
        // The audit sees 1,100 acknowledged (no sequences recorded here) and none consumed.
        QCOMPARE(rec.summary.audit.consumed, uint64_t(0));
    }

    void transactions_per_second_over_the_longest_producer() {
        RunResults r = one_producer();
        r.transactions = true;
        r.producers[0].transactions.committed = 10;
        r.producers[0].transactions.commit_us.record_n(5000, 10);
        ProducerResult second;
        second.acknowledged = 0;
        second.last_ack_ns = at(4.5); // 4.0 s after go
        second.transactions.committed = 30;
        second.transactions.aborted = 2;
        second.transactions.messages_aborted = 200;
        r.producers.push_back(second);
        RunRecord rec;
        compute_run_summary(r, rec);
        const auto& t = rec.summary.transactions;
        QVERIFY(t.enabled);
        QCOMPARE(t.committed, uint64_t(40));
        QCOMPARE(t.aborted, uint64_t(2));
        QCOMPARE(t.messages_aborted, uint64_t(200));
        QCOMPARE(t.per_s, 10.0); // 40 commits over 4.0 s
        QCOMPARE(t.commit_us.count, uint64_t(10));
    }

    void wire_bytes_from_the_statistics() {
        RunResults r = one_producer();
        StatisticsSample a, b;
        a.t = 1.0, a.batch_bytes = 30'000, a.batches = 3, a.tx_msgs = 500, a.tx_bytes = 40'000;
        b.t = 3.1, b.batch_bytes = 70'000, b.batches = 7, b.tx_msgs = 1100, b.tx_bytes = 125'000;
        r.producers[0].statistics = {b, a}; // out of order on purpose: the record sorts
        RunRecord rec;
        compute_run_summary(r, rec);
        const WireFigures& w = rec.summary.wire;
        QCOMPARE(w.payload_bytes, uint64_t(110'000));
        QCOMPARE(w.batch_bytes, uint64_t(100'000));
        QCOMPARE(w.batches, uint64_t(10));
        QCOMPARE(w.request_bytes, uint64_t(40'000)); // the last sample's, as given
        QCOMPARE(w.compression_ratio, 1.1);
        QVERIFY(!w.complete); // the last sample given counted 500 of 1,100 sent
        QCOMPARE(rec.statistics.size(), std::size_t(2));
        QCOMPARE(rec.statistics[0].t, 1.0);
        QCOMPARE(rec.statistics[1].t, 3.1);

        r.producers[0].statistics = {a, b};
        RunRecord complete;
        compute_run_summary(r, complete);
        QVERIFY(complete.summary.wire.complete);
        QCOMPARE(complete.summary.wire.request_bytes, uint64_t(125'000));
    }

    void interval_between_two_readings() {
        MeterTotals from = totals(1.0, 100, 10'000, 50, 5'000);
        from.polls = 10, from.nonempty_polls = 5;
        MeterTotals to = totals(1.5, 600, 60'000, 450, 45'000);
        to.polls = 30, to.nonempty_polls = 15;
        to.ack_us.record_n(2000, 500);
        const IntervalPoint p = interval_between(from, to, true, true);
        QCOMPARE(p.t, 1.5);
        QCOMPARE(p.dt, 0.5);
        QVERIFY(p.warmup);
        QCOMPARE(p.produced, uint64_t(500));
        QCOMPARE(p.produce_msgs_per_s, 1000.0);
        QCOMPARE(p.consume_msgs_per_s, 800.0);
        QCOMPARE(p.produce_mib_per_s, 50'000.0 / 1048576.0 / 0.5);
        QCOMPARE(p.polls, uint64_t(20));
        QCOMPARE(p.messages_per_poll, 40.0); // 400 consumed / 10 non-empty polls
        QCOMPARE(p.backlog, int64_t(150));   // 600 acknowledged, 450 consumed
        LatencyHistogram expected;
        expected.record_n(2000, 500);
        QCOMPARE(p.ack_p50_us, expected.percentile(50));
    }

    void interval_of_no_length_and_consumer_ahead() {
        MeterTotals from = totals(2.0, 100, 10'000, 90, 9'000);
        MeterTotals to = totals(2.0, 100, 10'000, 120, 12'000); // consumed before the ack came
        const IntervalPoint p = interval_between(from, to, false, false);
        QCOMPARE(p.dt, 0.0);
        QCOMPARE(p.consumed, uint64_t(30));
        QCOMPARE(p.consume_msgs_per_s, 0.0); // no length, no rate (never infinity)
        QCOMPARE(p.backlog, int64_t(0));     // negative backlog is no lag
        QCOMPARE(p.messages_per_poll, 0.0);  // no non-empty polls
        QCOMPARE(p.ack_p50_us, uint64_t(0)); // histograms not asked for
        const IntervalPoint back = interval_between(to, from, false, false);
        QCOMPARE(back.consumed, uint64_t(0)); // a counter that went back
    }
};

QTEST_GUILESS_MAIN(TestRunArithmetic)
#include "test_run_arithmetic.moc"
