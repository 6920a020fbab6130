// Sweep results from run records: per-point statistics, invalid runs excluded and counted,
// the frontier, targets, the best point, and what a resume would skip.
#include "core/sweep/sweep_plan.h"
#include "core/sweep/sweep_results.h"

#include <QtTest>

namespace QTest {
template <> inline char* toString(const std::string& s) {
    return qstrdup(s.c_str());
}
} // namespace QTest
#include <cmath>

using nlohmann::json;
using namespace ktw;

namespace {

json sweep_spec() {
    return json::parse(R"({
      "name": "batching",
      "topic": {"name": "t1"},
      "producer": {"messages": 1000, "properties": {"linger.ms": 0}},
      "sweep": {"axes": {"producer.properties.linger.ms": [0, 5, 20],
                         "producer.properties.batch.size": [16384, 131072]},
                "repeats": 2}})");
}

// A run of point `point` with the given figures (throughput msg/s, e2e p99 ms).
RunRecord run(const json& spec, int point, int repeat, double msgs_per_s, double e2e_p99_ms,
              bool valid = true, bool warmup = false, RunStatus status = RunStatus::Completed) {
    static int counter = 0;
    const auto points = expand_sweep(parse_sweep_plan(spec).plan);
    RunRecord r;
    r.id = "run-" + std::to_string(++counter);
    r.status = status;
    r.verdict.valid = valid;
    r.summary.producer.msgs_per_s = msgs_per_s;
    r.summary.consumer.msgs_per_s = msgs_per_s;
    r.summary.producer.mib_per_s = msgs_per_s / 10000;
    r.summary.e2e_us.count = 1000;
    r.summary.e2e_us.p99_us = static_cast<uint64_t>(e2e_p99_ms * 1000);
    r.summary.ack_us.p99_us = static_cast<uint64_t>(e2e_p99_ms * 500);
    r.sweep = RunSweepInfo{"sweep-a",
                           point,
                           static_cast<int>(points.size()),
                           points[point].label,
                           points[point].values,
                           repeat,
                           warmup,
                           spec};
    return r;
}

// Points (batch.size slowest): 0 = 16384/0, 1 = 16384/5, 2 = 16384/20,
// 3 = 131072/0, 4 = 131072/5, 5 = 131072/20.
std::vector<RunRecord> six_points(const json& spec) {
    return {run(spec, 0, 0, 0, 0, true, true), // warm-up: excluded
            run(spec, 0, 0, 10000, 2),         run(spec, 0, 1, 10400, 2.2),
            run(spec, 1, 0, 30000, 8),         run(spec, 1, 1, 31000, 9),
            run(spec, 2, 0, 50000, 30),        run(spec, 2, 1, 52000, 28),
            run(spec, 3, 0, 12000, 5),         run(spec, 3, 1, 11000, 6), // dominated by 1
            run(spec, 4, 0, 31500, 9),         run(spec, 4, 1, 29000, 8.5),
            run(spec, 4, 2, 1, 500, false), // invalid: out of the figures, counted
            run(spec, 5, 0, 60000, 40)};
}

} // namespace

class TestSweepResults : public QObject {
    Q_OBJECT
  private slots:
    void per_point_figures() {
        const auto spec = sweep_spec();
        const auto r = summarize_sweep(six_points(spec), "sweep-a");
        QCOMPARE(r.name, std::string("batching"));
        QCOMPARE(r.planned_points, 6);
        QCOMPARE(r.warmup_runs, 1);
        QCOMPARE(r.invalid_runs, 1);
        QCOMPARE(r.latency_kind, std::string("e2e"));
        const auto& p0 = r.points[0];
        QCOMPARE(p0.label, std::string("batch.size=16384 linger.ms=0"));
        QCOMPARE(p0.runs, 2);
        QCOMPARE(p0.valid_runs, 2);
        QCOMPARE(p0.produce_msgs_per_s.mean, 10200.0);
        // n = 2: s = 400 / sqrt(2), CI = t(0.975, 1) * s / sqrt(2) = 12.7062 * 200
        QVERIFY(std::fabs(*p0.produce_msgs_per_s.ci95 - 12.7062 * 200) < 0.1);
        QVERIFY(std::fabs(p0.e2e_p99_ms.mean - 2.1) < 1e-9);
        const auto& p4 = r.points[4];
        QCOMPARE(p4.runs, 3);
        QCOMPARE(p4.valid_runs, 2);
        QCOMPARE(p4.produce_msgs_per_s.mean, 30250.0);
        QCOMPARE(p4.run_ids.size(), std::size_t{3});
        const auto& p5 = r.points[5];
        QCOMPARE(p5.valid_runs, 1);
        QVERIFY(!p5.produce_msgs_per_s.ci95); // one run: no interval
    }

    void frontier_is_the_non_dominated_points_by_latency() {
        const auto r = summarize_sweep(six_points(sweep_spec()), "sweep-a");
        // 0 (10.2k, 2.1 ms), 1 (30.5k, 8.5 ms), 4 (30.25k, 8.75 ms: dominated by 1),
        // 2 (51k, 29 ms), 5 (60k, 40 ms); 3 (11.5k, 5.5 ms) is not dominated either.
        QCOMPARE(r.frontier, (std::vector<int>{0, 3, 1, 2, 5}));
        QVERIFY(!r.points[4].on_frontier);
        QVERIFY(r.points[1].on_frontier);
    }

    void latency_target_picks_the_fastest_point_meeting_it() {
        SweepTargets t;
        t.max_e2e_p99_ms = 10;
        const auto r = summarize_sweep(six_points(sweep_spec()), "sweep-a", t);
        QVERIFY(r.points[1].meets_targets);
        QVERIFY(r.points[4].meets_targets);
        QVERIFY(!r.points[2].meets_targets);
        QCOMPARE(r.points[2].missed, std::vector<std::string>{"e2e p99 <= 10.0 ms"});
        QVERIFY(r.best.has_value());
        QCOMPARE(r.best->point, 1);
        QVERIFY(r.best->reason.starts_with("highest produce throughput among the points meeting"));
        // Point 1 differs from the spec's linger.ms=0 and sets batch.size, which the spec
        // leaves to librdkafka.
        QCOMPARE(r.best->settings,
                 (std::vector<std::string>{"batch.size=16384 (spec: librdkafka's default)",
                                           "linger.ms=5 (spec: 0)"}));
        // Runner-up 4: 30.25k vs 30.5k msg/s with this spread is noise.
        QVERIFY2(r.best->runner_up.starts_with("#4 (batch.size=131072 linger.ms=5) is within "
                                               "noise"),
                 r.best->runner_up.c_str());
    }

    void throughput_target_picks_the_lowest_latency_meeting_it() {
        SweepTargets t;
        t.min_produce_msgs_per_s = 40000;
        const auto r = summarize_sweep(six_points(sweep_spec()), "sweep-a", t);
        QCOMPARE(r.best->point, 2);
        QVERIFY(r.best->reason.starts_with("lowest e2e p99 among"));
        QVERIFY(r.best->runner_up.find("fewer than 2 valid runs") != std::string::npos);
    }

    void no_point_meets_impossible_targets() {
        SweepTargets t;
        t.max_e2e_p99_ms = 1;
        const auto r = summarize_sweep(six_points(sweep_spec()), "sweep-a", t);
        QVERIFY(!r.best);
        QVERIFY(r.best_note.starts_with("no point meets the targets (e2e p99 <= 1.0 ms)"));
    }

    void no_targets_names_the_fastest() {
        const auto r = summarize_sweep(six_points(sweep_spec()), "sweep-a");
        QCOMPARE(r.best->point, 5);
        QCOMPARE(r.best->reason, std::string("highest produce throughput (no targets given)"));
    }

    void resume_skips_finished_not_cancelled_runs() {
        const auto spec = sweep_spec();
        std::vector<RunRecord> runs = {run(spec, 0, 0, 1, 1),
                                       run(spec, 0, 1, 1, 1, false), // invalid still done
                                       run(spec, 1, 0, 1, 1, false, false, RunStatus::Cancelled),
                                       run(spec, 2, 0, 1, 1, true, true)}; // warm-up
        RunRecord other = run(spec, 3, 0, 1, 1);
        other.sweep->id = "sweep-b";
        runs.push_back(other);
        const auto done = finished_sweep_runs(runs, "sweep-a");
        QCOMPARE(done, (std::set<std::pair<int, int>>{{0, 0}, {0, 1}}));
        QCOMPARE(list_sweeps(runs),
                 (std::vector<std::pair<std::string, int>>{{"sweep-a", 4}, {"sweep-b", 1}}));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, summarize_sweep(runs, "sweep-x"));
    }
};

QTEST_GUILESS_MAIN(TestSweepResults)
#include "test_sweep_results.moc"
