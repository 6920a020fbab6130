// The advisor after a run, on records shaped like measured ones: statistics windows as
// librdkafka reports them, the consumers' measured polls. Each diagnosis fires on the numbers
// that show its bottleneck, quotes them, and stays silent otherwise.
#include "core/spec/experiment_spec.h"
#include "core/advisor/run_diagnosis.h"

#include <QtTest>

using namespace ktw;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

std::vector<Advice> with_rule(const std::vector<Advice>& all, const std::string& rule) {
    std::vector<Advice> out;
    for (const auto& a : all)
        if (a.rule == rule)
            out.push_back(a);
    return out;
}

struct Window {
    double int_us = 300, outbuf_us = 20, rtt_us = 400; // an unremarkable embedded run
    double batch_bytes = 200000, batch_count = 2000;   // 20% of both limits
};

// A 10 s run of one producer and one consumer; statistics every second, a warm-up of 1 s.
RunRecord record(const json& spec_changes, const Window& w, bool with_warmup_spike = false) {
    json spec = json::parse(R"({
        "name": "diag", "topic": {"name": "t", "partitions": 3},
        "producer": {"threads": 1, "messages": 1000000, "message_bytes": 100},
        "consumer": {"threads": 1}, "phases": {"warmup_s": 1}
    })");
    spec.merge_patch(spec_changes);
    const auto parsed = parse_experiment_spec(spec);
    if (!parsed.ok())
        qFatal("bad spec in test: %s", parsed.errors.front().to_string().c_str());
    RunRecord r;
    r.id = "20260101-000000-diag";
    r.spec = spec;
    r.effective_spec = experiment_spec_to_json(parsed.spec);
    for (int i = 0; i < 100; ++i) {
        IntervalPoint p;
        p.t = 0.1 * (i + 1);
        p.warmup = p.t <= parsed.spec.phases.warmup_s; // as the runner marks them
        p.backlog = 50;
        r.intervals.push_back(p);
    }
    for (int s = 1; s <= 10; ++s) {
        StatisticsSample x;
        x.t = s + 0.05;
        x.client = "producer-0";
        x.int_latency_avg_us = w.int_us;
        x.outbuf_latency_avg_us = w.outbuf_us;
        x.rtt_avg_us = w.rtt_us;
        x.batch_size_avg_bytes = w.batch_bytes;
        x.batch_count_avg = w.batch_count;
        r.statistics.push_back(x);
        StatisticsSample c; // consumers report rtt too (long-poll fetches): not the produce path
        c.t = s + 0.06;
        c.client = "consumer-0";
        c.rtt_avg_us = 500000;
        r.statistics.push_back(c);
    }
    if (with_warmup_spike) { // 5 s of int_latency in the first window, at 0.9 s
        r.statistics.front().t = 0.9;
        r.statistics.front().int_latency_avg_us = 5e6;
    }
    auto& sum = r.summary;
    sum.produced = sum.consumed = 1000000;
    sum.producer.msgs_per_s = 100000;
    sum.producer.seconds = 9;
    sum.polls = 20000;
    sum.nonempty_polls = 10000;
    sum.messages_per_poll = 100;
    sum.mean_poll_interval_ms = 0.5;
    ConsumerFigures c;
    c.messages = 1000000;
    c.seconds = 10;
    sum.consumers.push_back(c);
    sum.ack_us.p50_us = 900;
    sum.ack_us.p99_us = 4000;
    return r;
}

} // namespace

class TestRunDiagnosis : public QObject {
    Q_OBJECT
  private slots:
    void an_unremarkable_run_gets_no_diagnosis() {
        const auto d = diagnose_run(record(json::object(), Window{}));
        QVERIFY2(d.empty(), d.empty() ? "" : d.front().title.c_str());
    }

    void producer_queue_bound_by_linger() {
        Window w;
        w.int_us = 40000; // 40 ms in the queue: linger.ms 50 at a low rate
        const auto d =
            diagnose_run(record({{"producer", {{"properties", {{"linger.ms", "50"}}}}}}, w));
        const auto hits = with_rule(d, "producer-queue-bound");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].severity, AdviceSeverity::Info); // the trade-off linger.ms asks for
        QVERIFY2(contains(hits[0].title, "(99% of the produce path)"), hits[0].title.c_str());
        QVERIFY(contains(hits[0].reason, "int_latency) 40.0 ms"));
        QVERIFY(contains(hits[0].reason, "mean of 10 statistics window(s) after the warm-up"));
        QVERIFY(contains(hits[0].reason, "linger.ms is 50 ms: most of the wait is the deliberate"));
        QCOMPARE(hits[0].field, std::string("producer.properties.linger.ms"));
        QVERIFY(with_rule(d, "broker-bound").empty());
    }

    void producer_queue_bound_by_a_backed_up_queue() {
        Window w;
        w.int_us = 80000; // far more than linger.ms (5 ms): the queue is full
        const auto hits =
            with_rule(diagnose_run(record(json::object(), w)), "producer-queue-bound");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY(contains(hits[0].reason, "the queue is backed up"));
        QCOMPARE(hits[0].severity, AdviceSeverity::Warning);
        QCOMPARE(hits[0].field, std::string("producer.target_rate"));
    }

    void broker_bound() {
        Window w;
        w.rtt_us = 20000;
        w.int_us = 3000;
        auto d = diagnose_run(record(json::object(), w));
        auto hits = with_rule(d, "broker-bound");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY(contains(hits[0].title, "(87% of the produce path)"));
        QVERIFY(contains(hits[0].reason, "broker round trip (rtt) 20.0 ms"));
        QVERIFY(with_rule(d, "producer-queue-bound").empty());
        // An embedded cluster with an added round trip says so and points at it.
        hits = with_rule(diagnose_run(record({{"cluster", {{"broker_rtt_ms", 20}}}}, w)),
                         "broker-bound");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("cluster.broker_rtt_ms"));
        QVERIFY(contains(hits[0].reason, "cluster.broker_rtt_ms = 20 ms"));
    }

    void nothing_dominates_or_the_path_is_fast() {
        Window w;
        w.int_us = 4000;
        w.rtt_us = 4000; // half and half: neither is more than half
        auto d = diagnose_run(record(json::object(), w));
        QVERIFY(with_rule(d, "broker-bound").empty() &&
                with_rule(d, "producer-queue-bound").empty());
        w.int_us = 900;
        w.rtt_us = 50; // int dominates, but the whole path is under 1 ms
        d = diagnose_run(record(json::object(), w));
        QVERIFY(with_rule(d, "producer-queue-bound").empty());
    }

    void the_warm_up_does_not_count() {
        // The same spike at 0.9 s: inside the 1 s warm-up it must not count; in a run without a
        // warm-up it dominates the produce path, so the rule fires (the control that shows the
        // spike alone would trigger it).
        const auto d = diagnose_run(record(json::object(), Window{}, /*with_warmup_spike=*/true));
        QVERIFY(with_rule(d, "producer-queue-bound").empty());
        const auto no_warmup = diagnose_run(
            record({{"phases", {{"warmup_s", 0}}}}, Window{}, /*with_warmup_spike=*/true));
        QCOMPARE(with_rule(no_warmup, "producer-queue-bound").size(), std::size_t{1});
    }

    void small_batches_while_linger_is_small() {
        Window w;
        w.batch_bytes = 8000;
        w.batch_count = 80;
        auto hits = with_rule(diagnose_run(record(json::object(), w)), "batch-fill-small");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY2(contains(hits[0].reason, "Batches averaged 80.0 messages and 8,000 bytes"),
                 hits[0].reason.c_str());
        QVERIFY(contains(hits[0].reason, "batch.num.messages 10,000 and batch.size 1,000,000"));
        QVERIFY(contains(hits[0].reason, "unpaced at 100,000 msgs/s"));
        QCOMPARE(hits[0].field, std::string("producer.properties.linger.ms"));

        // linger.ms already raised: a deliberate choice.
        QVERIFY(with_rule(diagnose_run(
                              record({{"producer", {{"properties", {{"linger.ms", "20"}}}}}}, w)),
                          "batch-fill-small")
                    .empty());
        // A paced producer that kept its rate is not held back by its batch size.
        RunRecord paced = record({{"producer", {{"target_rate", 100000}}}}, w);
        QVERIFY(with_rule(diagnose_run(paced), "batch-fill-small").empty());
        paced.summary.producer.msgs_per_s = 60000; // missed its target: throughput-bound
        QCOMPARE(with_rule(diagnose_run(paced), "batch-fill-small").size(), std::size_t{1});
    }

    void full_batches() {
        Window w;
        w.batch_count = 9950;
        w.batch_bytes = 995000;
        auto hits = with_rule(diagnose_run(record(json::object(), w)), "batch-fill-full");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("producer.properties.batch.num.messages"));
        w.batch_count = 5000; // 200-byte messages: batch.size is the limit
        w.batch_bytes = 990000;
        hits = with_rule(diagnose_run(record(json::object(), w)), "batch-fill-full");
        QCOMPARE(hits.size(), std::size_t{1});
        QCOMPARE(hits[0].field, std::string("producer.properties.batch.size"));
        // Compressed bytes are not comparable with batch.size; the count is below its limit.
        hits = with_rule(diagnose_run(record(
                             {{"producer", {{"properties", {{"compression.codec", "lz4"}}}}}}, w)),
                         "batch-fill-full");
        QVERIFY(hits.empty());
        // The effective configuration the run recorded wins over the default.
        RunRecord r = record(json::object(), w);
        r.client_config["producer"]["batch.size"] = "4000000";
        QVERIFY(with_rule(diagnose_run(r), "batch-fill-full").empty());
    }

    void consumer_polls_come_back_full() {
        RunRecord r = record(json::object(), Window{});
        r.summary.messages_per_poll = 480; // of 500
        auto hits = with_rule(diagnose_run(r), "consumer-poll-bound");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY(contains(hits[0].title, "polls come back full (480.0 of 500)"));
        QCOMPARE(hits[0].severity, AdviceSeverity::Info); // backlog 50: it kept up
        QCOMPARE(hits[0].field, std::string("consumer.max_poll_records"));
        r.intervals[50].backlog = 250000;
        hits = with_rule(diagnose_run(r), "consumer-poll-bound");
        QCOMPARE(hits[0].severity, AdviceSeverity::Warning);
        QVERIFY(contains(hits[0].reason, "The backlog peaked at 250,000 messages"));
        r.summary.messages_per_poll = 400; // 80%: not full
        QVERIFY(with_rule(diagnose_run(r), "consumer-poll-bound").empty());
    }

    void consumer_processing_dominates() {
        RunRecord r = record({{"consumer", {{"processing_us", 8}}}}, Window{});
        // 1,000,000 messages x 8 us = 8 s of the consumer's 10 s
        auto hits = with_rule(diagnose_run(r), "consumer-poll-bound");
        QCOMPARE(hits.size(), std::size_t{1});
        QVERIFY(contains(hits[0].title, "processing takes 80% of the consumers' time"));
        QVERIFY(contains(hits[0].reason, "1,000,000 messages × 8 µs = 8.00 s of 10.00"));
        QCOMPARE(hits[0].field, std::string("consumer.processing_us"));
        r = record({{"consumer", {{"processing_us", 4}}}}, Window{}); // 40%
        QVERIFY(with_rule(diagnose_run(r), "consumer-poll-bound").empty());
    }

    void runs_without_statistics_or_that_failed() {
        RunRecord r = record(json::object(), Window{});
        r.statistics.clear();
        auto d = diagnose_run(r);
        QCOMPARE(with_rule(d, "no-statistics").size(), std::size_t{1});
        QVERIFY(contains(d[0].reason, "shorter than measurement.statistics_interval_ms (1000 ms)"));
        r.status = RunStatus::Failed;
        QVERIFY(diagnose_run(r).empty());
    }
};

QTEST_GUILESS_MAIN(TestRunDiagnosis)
#include "test_run_diagnosis.moc"
