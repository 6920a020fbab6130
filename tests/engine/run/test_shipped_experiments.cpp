// Every shipped experiment (experiments/**/*.json) parses and passes librdkafka's checks, each
// point of a sweep included; the ones short enough run VALID on the embedded cluster.
#include "engine/kafka/client_config.h"
#include "support/engine_test_support.h"
#include "core/sweep/sweep_plan.h"
#include "engine/sweep/sweep_runner.h"

#include <QtTest>
#include <filesystem>
#include <fstream>

using nlohmann::json;
using namespace ktw;
using namespace ktw::test;

namespace {

std::vector<std::filesystem::path> shipped_specs(const std::string& under = "") {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(
             std::string(KTW_SOURCE_DIR "/experiments/") + under))
        if (e.is_regular_file() && e.path().extension() == ".json")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

// Every point of a sweep as a plain spec (the sweep machinery's own expansion); a spec
// without a sweep is its one point.
std::vector<std::pair<std::string, json>> points_of(const json& spec) {
    if (!has_sweep(spec))
        return {{"", spec}};
    const auto plan = parse_sweep_plan(spec);
    if (!plan.ok())
        qFatal("sweep: %s", plan.errors.front().to_string().c_str());
    std::vector<std::pair<std::string, json>> points;
    for (const auto& p : expand_sweep(plan.plan))
        points.push_back({" [" + p.label + "]", p.spec});
    return points;
}

std::string errors_text(const std::vector<SpecError>& errors) {
    std::string all;
    for (const auto& e : errors)
        all += e.to_string() + "; ";
    return all;
}

} // namespace

class TestShippedExperiments : public QObject {
    Q_OBJECT
  private slots:
    void every_shipped_experiment_and_sweep_point_validates() {
        int specs = 0, points = 0;
        for (const auto& file : shipped_specs()) {
            const json spec = read_json(file);
            QVERIFY2(!spec.value("description", std::string()).empty(), file.c_str());
            if (has_sweep(spec)) { // the sweep section itself, as ktw-cli sweep checks it
                const auto prepared = prepare_sweep(spec);
                QVERIFY2(prepared.ok(),
                         (file.string() + ": " + errors_text(prepared.errors)).c_str());
            }
            for (const auto& [label, point] : points_of(spec)) {
                const auto parsed = parse_experiment_spec(point);
                auto errors = parsed.errors;
                if (errors.empty())
                    errors = validate_client_properties(parsed.spec);
                QVERIFY2(errors.empty(),
                         (file.string() + label + ": " + errors_text(errors)).c_str());
                ++points;
            }
            ++specs;
        }
        QVERIFY2(specs >= 26, std::to_string(specs).c_str()); // 4 + 14 diary + 7 + 1
        QVERIFY(points > specs);
    }

    // The diary's steps as shipped (1,000 to 21,000 messages each), except that an empty
    // fetch waits 10 ms instead of 500 (the embedded cluster waits the whole time).
    void diary_steps_run_valid() {
        const auto files = shipped_specs("diary");
        QCOMPARE(files.size(), std::size_t{14});
        for (const auto& file : files) {
            CancelToken cancel;
            const RunRecord r = execute_run(
                request_for(read_json(file), {"consumer.properties.fetch.wait.max.ms=10"}), nullptr,
                cancel);
            QVERIFY2(r.verdict.valid, (file.filename().string() + ": " + reasons_of(r)).c_str());
            QCOMPARE(r.summary.audit.consumed_unique, r.summary.produced);
            QVERIFY(r.summary.polls > 0);
            QVERIFY(r.effective_spec.contains("reference"));
        }
    }

    // 3 seconds of the scenario instead of 30: the same rate, keys, settings and checks.
    void best_practice_scenario_verifies_per_key_order() {
        const json spec = read_json(KTW_SOURCE_DIR "/experiments/best-practice-trade-keyed.json");
        CancelToken cancel;
        const RunRecord r = execute_run(
            request_for(spec, {"producer.messages=3000", "phases.warmup_s=0.5"}), nullptr, cancel);
        QVERIFY2(r.verdict.valid, reasons_of(r).c_str());
        QCOMPARE(r.summary.audit.acknowledged, uint64_t{3000});
        QVERIFY(r.summary.audit.key_order_checked);
        QCOMPARE(r.summary.audit.out_of_order_by_key, uint64_t{0});
        QVERIFY(r.summary.wire.compression_ratio > 1.2); // snappy on half-random payloads
    }

    // One point of each deep-dive sweep, scaled down, on the embedded cluster (acks and fetch
    // default to a local cluster and are moved to the embedded one for this check). Manual
    // assignment saves the mock group's 3 s join per run; the producer settings are the point.
    void deep_dive_points_run_valid() {
        for (const auto& file : shipped_specs("deep-dive")) {
            const json spec = read_json(file);
            const auto points = points_of(spec);
            const auto& [label, point] = points.back();
            CancelToken cancel;
            const RunRecord r =
                execute_run(request_for(point, {"cluster.kind=embedded", "producer.messages=20000",
                                                "producer.target_rate=null"}),
                            nullptr, cancel);
            QVERIFY2(r.verdict.valid,
                     (file.filename().string() + label + ": " + reasons_of(r)).c_str());
            QCOMPARE(r.summary.audit.acknowledged, uint64_t{20000});
        }
    }
};

QTEST_GUILESS_MAIN(TestShippedExperiments)
#include "test_shipped_experiments.moc"
