// Runs that must end badly, and end on time: shortfall, cancel, timeout, unreachable cluster.
#include "support/engine_test_support.h"

#include <QtTest>
#include <chrono>
#include <future>
#include <thread>

using namespace ktw;
using namespace ktw::test;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// Remembers when the run reached a phase.
class PhaseWatcher : public RunObserver {
  public:
    explicit PhaseWatcher(RunPhase wanted) : wanted_(wanted) {}
    void on_phase(RunPhase phase) override {
        if (phase == wanted_)
            reached_.set_value();
    }
    std::future<void> reached() { return reached_.get_future(); }

  private:
    RunPhase wanted_;
    std::promise<void> reached_;
};

} // namespace

class TestEngineStops : public QObject {
    Q_OBJECT
  private slots:
    void shortfall_is_invalid_and_ends() {
        // 8 MB into one partition before anyone consumes: the embedded cluster keeps about
        // 5 MiB, so the consumer cannot get everything. The run must say so, not hang.
        const auto start = Clock::now();
        CancelToken cancel;
        const RunRecord r =
            execute_run(request_for(base_spec(80000), {"phases.mode=produce_then_consume",
                                                       "phases.idle_timeout_s=2"}),
                        nullptr, cancel);
        QVERIFY(!r.verdict.valid);
        QCOMPARE(r.summary.produced, uint64_t{80000});
        QVERIFY(r.summary.audit.lost > 0);
        QVERIFY2(r.verdict.reasons.front().rfind("consumed ", 0) == 0 &&
                     r.verdict.reasons.front().find(" of 80,000 acknowledged messages (") !=
                         std::string::npos,
                 r.verdict.reasons.front().c_str());
        bool explained = false;
        for (const auto& reason : r.verdict.reasons)
            explained =
                explained || reason.find("keeps about 5 MiB per partition") != std::string::npos;
        QVERIFY2(explained, reasons_of(r).c_str());
        QVERIFY2(seconds_since(start) < 30, "the run must end by its idle timeout");
    }

    void cancel_stops_everything_within_two_seconds() {
        auto spec = base_spec(0);
        spec["producer"].erase("messages");
        auto request = request_for(spec, {"producer.duration_s=50", "producer.target_rate=3000",
                                          "consumer.threads=2", "topic.partitions=2"});
        PhaseWatcher watcher(RunPhase::Producing);
        auto producing = watcher.reached();
        CancelToken cancel;
        auto result =
            std::async(std::launch::async, [&] { return execute_run(request, &watcher, cancel); });
        QVERIFY(producing.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        const auto cancelled_at = Clock::now();
        cancel.cancel();
        QVERIFY(result.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        const double stop_s = seconds_since(cancelled_at);
        const RunRecord r = result.get();
        qInfo("stopped %.3f s after cancel", stop_s);
        QVERIFY(stop_s < 2.0);
        QCOMPARE(r.status, RunStatus::Cancelled);
        QVERIFY(!r.verdict.valid);
        QVERIFY(r.verdict.reasons.front().rfind("cancelled", 0) == 0);
        QVERIFY(r.summary.produced > 1000); // the partial record keeps what was measured
        QVERIFY(!r.intervals.empty());
    }

    void cancel_during_group_join_is_quick() {
        PhaseWatcher watcher(RunPhase::JoiningGroup);
        auto joining = watcher.reached();
        CancelToken cancel;
        auto request = request_for(base_spec(1000));
        auto result =
            std::async(std::launch::async, [&] { return execute_run(request, &watcher, cancel); });
        QVERIFY(joining.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
        const auto cancelled_at = Clock::now();
        cancel.cancel();
        QVERIFY(result.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        QVERIFY(seconds_since(cancelled_at) < 2.0);
        QCOMPARE(result.get().status, RunStatus::Cancelled);
    }

    void overall_timeout_ends_the_run() {
        const auto start = Clock::now();
        CancelToken cancel;
        const RunRecord r = execute_run(
            request_for(base_spec(10'000'000), {"producer.target_rate=1000", "phases.timeout_s=6"}),
            nullptr, cancel);
        QCOMPARE(r.status, RunStatus::TimedOut);
        QVERIFY(!r.verdict.valid);
        QCOMPARE(r.verdict.reasons.front(), std::string("timed out after 6 s (phases.timeout_s)"));
        QVERIFY2(seconds_since(start) < 9, qPrintable(QString::number(seconds_since(start))));
    }

    void cancel_while_waiting_for_an_unreachable_cluster_is_quick() {
        auto spec = base_spec(100);
        spec["cluster"] = {{"kind", "external"}, {"bootstrap_servers", "127.0.0.1:1"}};
        CancelToken cancel;
        auto request = request_for(spec);
        auto result =
            std::async(std::launch::async, [&] { return execute_run(request, nullptr, cancel); });
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        const auto cancelled_at = Clock::now();
        cancel.cancel();
        QVERIFY(result.wait_for(std::chrono::seconds(2)) == std::future_status::ready);
        QVERIFY(seconds_since(cancelled_at) < 2.0);
        const RunRecord r = result.get();
        QCOMPARE(r.status, RunStatus::Cancelled);
        QVERIFY(!r.verdict.valid);
    }

    void unreachable_external_cluster_fails_with_a_reason() {
        auto spec = base_spec(100);
        spec["cluster"] = {{"kind", "external"}, {"bootstrap_servers", "127.0.0.1:1"}};
        spec["phases"]["timeout_s"] = 5;
        const auto start = Clock::now();
        CancelToken cancel;
        const RunRecord r = execute_run(request_for(spec), nullptr, cancel);
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY(!r.verdict.valid);
        // The cause as the client saw it (nothing listens on port 1), not only the time-out
        // that followed.
        const std::string& reason = r.verdict.reasons.front();
        QVERIFY2(reason.find("127.0.0.1:1") != std::string::npos &&
                     reason.find("Connection refused") != std::string::npos,
                 reason.c_str());
        QVERIFY(seconds_since(start) < 20);
    }
};

QTEST_GUILESS_MAIN(TestEngineStops)
#include "test_engine_stops.moc"
