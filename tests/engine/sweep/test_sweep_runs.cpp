// Sweeps end to end on the embedded cluster: every point and repeat a saved, valid run of
// the sweep; an interrupted sweep keeps its runs and a resume runs only the missing ones.
#include "support/engine_test_support.h"
#include "core/sweep/sweep_results.h"
#include "engine/sweep/sweep_runner.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ktw;
using namespace ktw::test;

namespace {

nlohmann::json small_sweep(int repeats, int warmups) {
    auto j = base_spec(3000);
    j["name"] = "sweep-test";
    j["sweep"] = {
        {"axes", {{"producer.properties.linger.ms", {0, 5}}, {"topic.partitions", {1, 2}}}},
        {"repeats", repeats},
        {"warmup_runs", warmups}};
    return j;
}

// Records the slots started; cancels at a chosen moment.
class Recorder : public SweepObserver {
  public:
    CancelToken* cancel = nullptr;
    int cancel_when_started = 0; ///< cancel as run number N starts (it is then cancelled)
    std::vector<SweepRunSlot> started;
    std::vector<std::string> saved_ids;

    void on_sweep_run_started(const SweepRunSlot& slot, const SweepPoint&, int ordinal,
                              int) override {
        started.push_back(slot);
        if (cancel && ordinal == cancel_when_started)
            cancel->cancel();
    }
    void on_sweep_run_saved(const RunRecord& r, const std::filesystem::path&) override {
        saved_ids.push_back(r.id);
    }
};

} // namespace

class TestSweepRuns : public QObject {
    Q_OBJECT
  private slots:
    void a_small_sweep_runs_every_point_and_groups_its_runs() {
        QTemporaryDir dir;
        const RunStore store(dir.path().toStdString());
        const auto prepared = prepare_sweep(small_sweep(2, 1));
        QVERIFY2(prepared.ok(), prepared.ok() ? "" : prepared.errors[0].to_string().c_str());
        Recorder observer;
        CancelToken cancel;
        const std::string id = make_sweep_id("sweep-test");
        QVERIFY(id.starts_with("sweep-") && id.find("-sweep-test-") != std::string::npos);
        const auto outcome = run_sweep(prepared.sweep, id, store, &observer, cancel);
        QVERIFY2(outcome.error.empty(), outcome.error.c_str());
        QVERIFY(!outcome.cancelled);
        QCOMPARE(outcome.total_runs, 8);
        QCOMPARE(outcome.runs_done, 9); // the warm-up included
        QCOMPARE(outcome.invalid_runs, 0);
        QVERIFY(observer.started.front().warmup);

        const auto runs = store.load_all().runs;
        QCOMPARE(runs.size(), std::size_t{9});
        for (const auto& r : runs) {
            QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
            QVERIFY(r.sweep && r.sweep->id == id);
            QCOMPARE(r.summary.produced, uint64_t{3000});
            QVERIFY(!r.spec.contains("sweep"));
            QCOMPARE(r.topic_partitions,
                     r.sweep->values["topic.partitions"].get<int>()); // the point's settings ran
        }
        const auto results = summarize_sweep(runs, id);
        QCOMPARE(results.planned_points, 4);
        QCOMPARE(results.warmup_runs, 1);
        QCOMPARE(results.invalid_runs, 0);
        for (const auto& p : results.points) {
            QCOMPARE(p.valid_runs, 2);
            QVERIFY(p.produce_msgs_per_s.mean > 0);
            QVERIFY(p.produce_msgs_per_s.ci95.has_value());
        }
        QVERIFY(!results.frontier.empty());
        QVERIFY(results.best.has_value());
    }

    void an_interrupted_sweep_resumes_with_the_missing_runs_only() {
        QTemporaryDir dir;
        const RunStore store(dir.path().toStdString());
        const auto prepared = prepare_sweep(small_sweep(1, 0));
        QVERIFY(prepared.ok());
        const std::string id = make_sweep_id("sweep-test");

        Recorder first;
        CancelToken cancel;
        first.cancel = &cancel;
        first.cancel_when_started = 3; // runs 1 and 2 finish, run 3 is cancelled
        const auto interrupted = run_sweep(prepared.sweep, id, store, &first, cancel);
        QVERIFY(interrupted.cancelled);
        QCOMPARE(interrupted.runs_done, 2);
        auto runs = store.load_all().runs;
        QCOMPARE(runs.size(), std::size_t{3}); // the cancelled run is kept
        QCOMPARE(finished_sweep_runs(runs, id), (std::set<std::pair<int, int>>{{0, 0}, {1, 0}}));

        Recorder second;
        CancelToken fresh;
        const auto resumed = run_sweep(prepared.sweep, id, store, &second, fresh);
        QVERIFY2(resumed.error.empty(), resumed.error.c_str());
        QCOMPARE(resumed.skipped_runs, 2);
        QCOMPARE(resumed.runs_done, 2);
        QCOMPARE(second.started.size(), std::size_t{2});
        QCOMPARE(second.started[0].point, 2); // the cancelled one, again
        QCOMPARE(second.started[1].point, 3);

        runs = store.load_all().runs;
        const auto results = summarize_sweep(runs, id);
        for (const auto& p : results.points)
            QCOMPARE(p.valid_runs, 1);
        QCOMPARE(results.invalid_runs, 1); // the cancelled run: counted, not in the figures

        // Another matrix under the same id is refused instead of mixing points.
        auto other = small_sweep(1, 0);
        other["sweep"]["axes"]["producer.properties.linger.ms"] = {0, 10};
        const auto changed = prepare_sweep(other);
        QVERIFY(changed.ok());
        Recorder third;
        const auto refused = run_sweep(changed.sweep, id, store, &third, fresh);
        QVERIFY(refused.error.find("was run with other points") != std::string::npos);
        QVERIFY(third.started.empty());
    }

    void librdkafka_refusals_name_the_point() {
        auto j = small_sweep(1, 0);
        j["sweep"]["axes"]["producer.properties.compression.codec"] = {"lz4", "brotli"};
        const auto prepared = prepare_sweep(j);
        QVERIFY(!prepared.ok());
        const std::string e = prepared.errors[0].to_string();
        QVERIFY2(
            e.starts_with(
                "sweep.axes: point 4 (compression.codec=brotli linger.ms=0 topic.partitions=1)") &&
                e.find("producer.properties.compression.codec") != std::string::npos,
            e.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSweepRuns)
#include "test_sweep_runs.moc"
