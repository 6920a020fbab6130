// Truth suite: the workbench's counts, rates and poll breakdown against what the cluster and
// librdkafka say on their own. The run goes to a mock cluster of the test's own, reached as an
// external cluster, so the test can ask it afterwards through the admin API (plain librdkafka,
// independent_probe.h).
//
// The consumer's polls are watched from below: this executable is linked with
// --wrap=rd_kafka_consume_batch_queue, so every call the workbench's consumer makes reaches
// __wrap_rd_kafka_consume_batch_queue here first, which records the messages librdkafka
// returned (partition, offset) and whether the call began a poll that delivered any. None of
// this shares the workbench's counters.
#include "independent_probe.h"
#include "support/engine_test_support.h"

#include <QtTest>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace ktw;
using namespace ktw::test;

namespace {

struct ConsumeWatch {
    std::mutex mutex;
    uint64_t nonempty_polls = 0; ///< polls whose first call returned a message
    uint64_t messages = 0;       ///< messages (not errors or EOFs) returned to the workbench
    std::map<int32_t, std::set<int64_t>> offsets; ///< by partition
    /// How long each drain call took (the second, non-waiting call of a poll, in ns): the
    /// consumer stamps a poll's messages when it returns, so this is how late the first
    /// message's end-to-end stamp can be (docs/architecture.md, "Threads").
    std::vector<int64_t> drain_ns;

    void reset() {
        std::lock_guard lock(mutex);
        nonempty_polls = messages = 0;
        offsets.clear();
        drain_ns.clear();
    }
    /// Σ over partitions of (last − first + 1): what the consumer covered, gaps included.
    uint64_t covered_range() {
        std::lock_guard lock(mutex);
        uint64_t n = 0;
        for (const auto& [p, offs] : offsets)
            n += static_cast<uint64_t>(*offs.rbegin() - *offs.begin() + 1);
        return n;
    }
} g_watch;

} // namespace

extern "C" ssize_t __real_rd_kafka_consume_batch_queue(rd_kafka_queue_t*, int, rd_kafka_message_t**,
                                                       size_t);

// The workbench's poll (consumer_worker.cpp) asks for one message with its poll timeout, then
// for the rest already fetched without waiting: a call asking for exactly one begins a poll.
extern "C" ssize_t __wrap_rd_kafka_consume_batch_queue(rd_kafka_queue_t* q, int timeout_ms,
                                                       rd_kafka_message_t** out, size_t size) {
    const int64_t called = probe::now_ns();
    const ssize_t n = __real_rd_kafka_consume_batch_queue(q, timeout_ms, out, size);
    const int64_t returned = probe::now_ns();
    std::lock_guard lock(g_watch.mutex);
    if (size > 1 && timeout_ms == 0)
        g_watch.drain_ns.push_back(returned - called);
    bool any = false;
    for (ssize_t i = 0; i < n; ++i)
        if (!out[i]->err) {
            any = true;
            ++g_watch.messages;
            g_watch.offsets[out[i]->partition].insert(out[i]->offset);
        }
    if (size == 1 && any)
        ++g_watch.nonempty_polls;
    return n;
}

namespace {

/// Σ over partitions of (end offset − start offset), listed through the admin API.
int64_t topic_message_count(const std::string& bootstraps, const std::string& topic,
                            int partitions) {
    auto list = [&](int64_t which) {
        char err[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps.c_str(), nullptr, 0);
        rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
        rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(partitions);
        for (int p = 0; p < partitions; ++p)
            rd_kafka_topic_partition_list_add(parts, topic.c_str(), p)->offset = which;
        rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
        rd_kafka_ListOffsets(rk, parts, nullptr, q);
        rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 10000);
        int64_t sum = -1;
        if (ev && !rd_kafka_event_error(ev)) {
            size_t cnt = 0;
            const rd_kafka_ListOffsetsResultInfo_t** infos =
                rd_kafka_ListOffsets_result_infos(rd_kafka_event_ListOffsets_result(ev), &cnt);
            sum = 0;
            for (size_t i = 0; i < cnt; ++i) {
                const auto* tp = rd_kafka_ListOffsetsResultInfo_topic_partition(infos[i]);
                if (tp->err)
                    qFatal("ListOffsets %s [%d]: %s", tp->topic, tp->partition,
                           rd_kafka_err2str(tp->err));
                sum += tp->offset;
            }
            if (cnt != static_cast<size_t>(partitions))
                sum = -1;
        } else if (ev) {
            qWarning("ListOffsets: %s", rd_kafka_event_error_string(ev));
        }
        if (ev)
            rd_kafka_event_destroy(ev);
        rd_kafka_queue_destroy(q);
        rd_kafka_topic_partition_list_destroy(parts);
        rd_kafka_destroy(rk);
        return sum;
    };
    return list(RD_KAFKA_OFFSET_SPEC_LATEST) - list(RD_KAFKA_OFFSET_SPEC_EARLIEST);
}

// The mock cluster answers no CreateTopics (its metadata names no controller), so the test
// creates the topic in it and the run reuses it, as a run on a user's cluster would.
nlohmann::json spec_on(const probe::MockCluster& cluster, const std::string& topic,
                       int64_t messages) {
    if (rd_kafka_mock_topic_create(cluster.get(), topic.c_str(), 3, 1) !=
        RD_KAFKA_RESP_ERR_NO_ERROR)
        qFatal("cannot create topic %s in the mock cluster", topic.c_str());
    auto spec = base_spec(messages);
    use_as_external(spec, cluster.bootstraps());
    spec["topic"] = {{"name", topic}, {"mode", "reuse"}, {"partitions", 3}};
    return spec;
}

} // namespace

class TestTruthCounts : public QObject {
    Q_OBJECT
  private slots:
    void init() { g_watch.reset(); }

    void counts_agree_with_the_topic_and_the_consumed_offsets_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("concurrent") << "concurrent";
        QTest::newRow("produce then consume") << "produce_then_consume";
    }

    // produced = the topic's end offsets − start offsets; consumed = the offsets the consumer
    // was handed, each once, with no gap; messages per poll = consumed ÷ the polls seen here.
    void counts_agree_with_the_topic_and_the_consumed_offsets() {
        QFETCH(QString, mode);
        probe::MockCluster cluster(1, 0);
        auto spec = spec_on(cluster, "truth-counts", 30000);
        spec["phases"]["mode"] = mode.toStdString();
        spec["consumer"]["max_poll_records"] = 100;
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(spec), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        const auto& s = r.summary;

        const int64_t in_topic =
            topic_message_count(cluster.bootstraps(), r.topic, r.topic_partitions);
        QCOMPARE(in_topic, int64_t{30000});
        QCOMPARE(static_cast<int64_t>(s.produced), in_topic);

        QCOMPARE(s.consumed, g_watch.messages);
        QCOMPARE(g_watch.covered_range(), static_cast<uint64_t>(in_topic));
        QCOMPARE(s.consumed, static_cast<uint64_t>(in_topic));

        QCOMPARE(s.nonempty_polls, g_watch.nonempty_polls);
        const double per_poll =
            static_cast<double>(g_watch.messages) / static_cast<double>(g_watch.nonempty_polls);
        QVERIFY2(std::abs(s.messages_per_poll - per_poll) < 1e-9,
                 (std::to_string(s.messages_per_poll) + " vs " + std::to_string(per_poll)).c_str());

        // The bound on the end-to-end stamp stated in docs/architecture.md: a poll's drain
        // call (up to 99 messages already fetched, no waiting) takes under 0.1 ms at p99.
        auto drains = g_watch.drain_ns;
        QVERIFY(drains.size() > 10);
        std::sort(drains.begin(), drains.end());
        const int64_t p99 = probe::percentile(drains, 99), max = drains.back();
        qInfo("drain calls: %zu, p50 %lld ns, p99 %lld ns, max %lld ns", drains.size(),
              static_cast<long long>(probe::percentile(drains, 50)), static_cast<long long>(p99),
              static_cast<long long>(max));
        QVERIFY2(p99 < 100'000, std::to_string(p99).c_str());
    }

    // Messages in the topic that the run did not produce: the counts disagree with the
    // topic's offsets, and the verdict must say so.
    void a_topic_holding_more_than_was_produced_is_invalid() {
        probe::MockCluster cluster(1, 0);
        const std::string topic = "truth-foreign";
        auto spec = spec_on(cluster, topic, 15000);
        spec["producer"]["target_rate"] = 5000; // 3 s, time for the intruder below
        std::atomic<bool> done{false};
        RunRecord r;
        std::thread run([&] {
            CancelToken cancel;
            r = execute_run(request_for(spec), nullptr, cancel);
            done = true;
        });
        // Once the run is producing, another producer (the test's) adds 11 messages: the
        // probe's untimed first one and 10 timed.
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        QVERIFY(!done.load());
        const probe::AckLatencies intruder =
            probe::produce_and_time(cluster.bootstraps(), topic, 0, 10, 100, {{"acks", "1"}});
        run.join();
        QCOMPARE(intruder.sorted_us.size(), std::size_t{10});

        const int64_t in_topic = topic_message_count(cluster.bootstraps(), r.topic, 3);
        QCOMPARE(in_topic, int64_t{15011});
        QCOMPARE(r.summary.produced, uint64_t{15000});
        QVERIFY(static_cast<int64_t>(r.summary.produced) != in_topic);
        QVERIFY2(!r.verdict.valid, "11 messages the run did not produce, yet the run is valid");
        QCOMPARE(r.summary.audit.foreign, uint64_t{11});
    }

    // A paced run's window and rate follow from the pacing alone: n messages at rate R take
    // (n − 1) ÷ R seconds to send, plus the last one's acknowledgement (under a millisecond
    // here); msgs/s must be the printed messages ÷ the printed window.
    void a_paced_window_and_rate_follow_from_the_pacing() {
        probe::MockCluster cluster(1, 0);
        auto spec = spec_on(cluster, "truth-pacing", 10000);
        spec["producer"]["target_rate"] = 5000;
        const int64_t before = probe::now_ns();
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(spec), nullptr, cancel);
        const double wall_s = static_cast<double>(probe::now_ns() - before) / 1e9;
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        const auto& p = r.summary.producer;
        const double sending_s = 9999.0 / 5000.0;
        const std::string figures = "window " + std::to_string(p.seconds) + " s, " +
                                    std::to_string(p.msgs_per_s) + " msgs/s, wall " +
                                    std::to_string(wall_s) + " s";
        qInfo("%s", figures.c_str());
        QVERIFY2(p.seconds >= sending_s && p.seconds <= sending_s + 0.02, figures.c_str());
        QVERIFY2(p.seconds < wall_s, figures.c_str());
        QVERIFY2(std::abs(p.msgs_per_s - static_cast<double>(p.messages) / p.seconds) < 1e-6,
                 figures.c_str());
        QVERIFY2(std::abs(p.msgs_per_s - 5000.0) <= 0.01 * 5000.0, figures.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTruthCounts)
#include "test_truth_counts.moc"
