// The "sweep" section: parsing, the errors it names, expansion order and point naming.
#include "core/spec/experiment_spec.h"
#include "core/record/run_record.h"
#include "core/sweep/sweep_plan.h"

#include <QtTest>
#include <filesystem>
#include <fstream>

namespace QTest {
template <> inline char* toString(const std::string& s) {
    return qstrdup(s.c_str());
}
} // namespace QTest

using nlohmann::json;
using namespace ktw;

namespace {

json sweep_spec() {
    return json::parse(R"({
      "name": "batching",
      "topic": {"name": "t1", "partitions": 2},
      "producer": {"messages": 1000, "properties": {"acks": "all"}},
      "sweep": {
        "axes": {
          "producer.properties.linger.ms": [0, 5, 20],
          "producer.properties.batch.size": [16384, 131072],
          "topic.partitions": [1, 4]
        },
        "repeats": 3,
        "warmup_runs": 1,
        "targets": {"max_e2e_p99_ms": 20, "min_produce_msgs_per_s": 50000}
      }})");
}

// The first error as "path: message", or "" when the sweep is accepted.
std::string first_error(const json& spec) {
    const auto r = parse_sweep_plan(spec);
    return r.ok() ? "" : r.errors.front().to_string();
}

} // namespace

class TestSweepPlan : public QObject {
    Q_OBJECT
  private slots:
    void every_shipped_sweep_parses() {
        int sweeps = 0;
        for (const auto& entry :
             std::filesystem::directory_iterator(KTW_SOURCE_DIR "/experiments")) {
            if (entry.path().extension() != ".json")
                continue;
            std::ifstream in(entry.path());
            const json spec = json::parse(in);
            if (!has_sweep(spec))
                continue;
            const auto r = parse_sweep_plan(spec);
            QVERIFY2(r.ok(), (entry.path().filename().string() + ": " +
                              (r.ok() ? "" : r.errors.front().to_string()))
                                 .c_str());
            ++sweeps;
        }
        QVERIFY(sweeps >= 1); // experiments/sweep-batching.json
    }

    void reads_the_section() {
        const auto r = parse_sweep_plan(sweep_spec());
        QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().to_string().c_str());
        QCOMPARE(r.plan.repeats, 3);
        QCOMPARE(r.plan.warmup_runs, 1);
        QCOMPARE(r.plan.axes.size(), std::size_t{3});
        QCOMPARE(r.plan.point_count(), std::size_t{12});
        QCOMPARE(*r.plan.targets.max_e2e_p99_ms, 20.0);
        QCOMPARE(*r.plan.targets.min_produce_msgs_per_s, 50000.0);
        QVERIFY(!r.plan.targets.max_ack_p99_ms);
        QVERIFY(!r.plan.base.contains("sweep"));
    }

    void defaults() {
        json j = sweep_spec();
        j["sweep"] = {{"axes", {{"consumer.threads", {1, 2}}}}};
        const auto r = parse_sweep_plan(j);
        QVERIFY(r.ok());
        QCOMPARE(r.plan.repeats, 1);
        QCOMPARE(r.plan.warmup_runs, 0);
        QVERIFY(r.plan.targets.empty());
    }

    // nlohmann_json keeps object keys sorted, so axes come in path order whatever the file
    // says; the first axis varies slowest.
    void expands_in_documented_order() {
        const auto r = parse_sweep_plan(sweep_spec());
        QCOMPARE(r.plan.axes[0].path, std::string("producer.properties.batch.size"));
        QCOMPARE(r.plan.axes[1].path, std::string("producer.properties.linger.ms"));
        QCOMPARE(r.plan.axes[2].path, std::string("topic.partitions"));
        const auto points = expand_sweep(r.plan);
        QCOMPARE(points.size(), std::size_t{12});
        QCOMPARE(points[0].label, std::string("batch.size=16384 linger.ms=0 topic.partitions=1"));
        QCOMPARE(points[1].label, std::string("batch.size=16384 linger.ms=0 topic.partitions=4"));
        QCOMPARE(points[2].label, std::string("batch.size=16384 linger.ms=5 topic.partitions=1"));
        QCOMPARE(points[11].label,
                 std::string("batch.size=131072 linger.ms=20 topic.partitions=4"));
        for (std::size_t i = 0; i < points.size(); ++i)
            QCOMPARE(points[i].index, static_cast<int>(i));
        QCOMPARE(points[11].values["producer.properties.linger.ms"].get<int>(), 20);
    }

    void point_specs_are_concrete() {
        const auto points = expand_sweep(parse_sweep_plan(sweep_spec()).plan);
        const json& spec = points[3].spec; // batch.size=16384 linger.ms=5 topic.partitions=4
        QVERIFY(!spec.contains("sweep"));
        QCOMPARE(spec["name"].get<std::string>(),
                 std::string("batching [batch.size=16384 linger.ms=5 topic.partitions=4]"));
        const auto parsed = parse_experiment_spec(spec);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.spec.producer.properties.at("linger.ms"), std::string("5"));
        QCOMPARE(parsed.spec.producer.properties.at("batch.size"), std::string("16384"));
        QCOMPARE(parsed.spec.producer.properties.at("acks"), std::string("all")); // kept
        QCOMPARE(parsed.spec.topic.partitions, 4);
    }

    void string_values_and_clashing_short_names() {
        json j = sweep_spec();
        j["sweep"] = json::parse(R"({"axes": {
            "producer.properties.client.rack": ["a", "b"],
            "consumer.properties.client.rack": ["a"],
            "producer.properties.compression.type": ["lz4", "zstd"]}})");
        const auto r = parse_sweep_plan(j);
        QVERIFY2(r.ok(), r.ok() ? "" : r.errors.front().to_string().c_str());
        const auto points = expand_sweep(r.plan);
        QCOMPARE(points[0].label, std::string("consumer.properties.client.rack=a "
                                              "producer.properties.client.rack=a "
                                              "compression.type=lz4"));
        QCOMPARE(points[0].spec["producer"]["properties"]["compression.type"].get<std::string>(),
                 std::string("lz4"));
    }

    void a_spec_with_a_sweep_is_still_a_spec_and_round_trips() {
        const auto parsed = parse_experiment_spec(sweep_spec());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.errors.front().to_string().c_str());
        QCOMPARE(parsed.spec.topic.partitions, 2); // the base, not an axis value
        const json out = experiment_spec_to_json(parsed.spec);
        QCOMPARE(out["sweep"], sweep_spec()["sweep"]);
        QVERIFY(parse_sweep_plan(out).ok());
        QVERIFY(!experiment_spec_to_json(
                     parse_experiment_spec(parse_sweep_plan(sweep_spec()).plan.base).spec)
                     .contains("sweep"));
        json bad = sweep_spec();
        bad["sweep"] = 3;
        QCOMPARE(parse_experiment_spec(bad).errors.front().path, std::string("sweep"));
    }

    void bad_sections_name_the_field() {
        json j = sweep_spec();
        j["sweep"]["repeats"] = 0;
        QCOMPARE(first_error(j), std::string("sweep.repeats: is 0; allowed: 1 to 100"));
        j = sweep_spec();
        j["sweep"]["repeats"] = 101;
        QVERIFY(first_error(j).starts_with("sweep.repeats: "));
        j = sweep_spec();
        j["sweep"]["warmup_runs"] = 11;
        QCOMPARE(first_error(j), std::string("sweep.warmup_runs: is 11; allowed: 0 to 10"));
        j = sweep_spec();
        j["sweep"]["repeat"] = 2;
        QVERIFY(first_error(j).starts_with("sweep.repeat: unknown field"));
        j = sweep_spec();
        j["sweep"]["targets"]["max_p99_ms"] = 5;
        QVERIFY(first_error(j).starts_with("sweep.targets.max_p99_ms: unknown field"));
        j = sweep_spec();
        j["sweep"]["targets"]["max_e2e_p99_ms"] = -1;
        QVERIFY(first_error(j).starts_with("sweep.targets.max_e2e_p99_ms: "));
        j = sweep_spec();
        j["sweep"].erase("axes");
        QVERIFY(first_error(j).starts_with("sweep.axes: is required"));
        j = sweep_spec();
        j["sweep"]["axes"] = json::object();
        QVERIFY(first_error(j).starts_with("sweep.axes: is empty"));
        QVERIFY(first_error(json::parse(R"({"name":"x"})")).starts_with("sweep: is missing"));
    }

    void bad_axes_name_the_axis_and_value() {
        json j = sweep_spec();
        j["sweep"]["axes"]["producer.threds"] = {1, 2};
        QVERIFY(first_error(j).starts_with(
            "sweep.axes.producer.threds: value 1 is refused: producer.threds: unknown field"));
        QVERIFY(first_error(j).find("unknown field") != std::string::npos);
        j = sweep_spec();
        j["sweep"]["axes"]["topic.partitions"] = {1, 0};
        QCOMPARE(first_error(j), std::string("sweep.axes.topic.partitions: value 0 is refused: "
                                             "topic.partitions: is 0; allowed: 1 to 10000"));
        j = sweep_spec();
        j["sweep"]["axes"]["topic.partitions"] = {1, 1};
        QCOMPARE(first_error(j),
                 std::string("sweep.axes.topic.partitions: value 1 is given twice"));
        j = sweep_spec();
        j["sweep"]["axes"]["topic.partitions"] = json::array();
        QVERIFY(first_error(j).starts_with("sweep.axes.topic.partitions: must be a list of 1 to"));
        j = sweep_spec();
        j["sweep"]["axes"]["topic.partitions"] = {json::array({1})};
        QVERIFY(first_error(j).starts_with(
            "sweep.axes.topic.partitions: value [1] must be a number, a string"));
        j = sweep_spec();
        j["sweep"]["axes"]["name"] = {"a", "b"};
        QVERIFY(first_error(j).starts_with("sweep.axes.name: cannot be swept"));
        j = sweep_spec();
        j["sweep"]["axes"]["consumer.properties.group.id"] = {"g"};
        QVERIFY(first_error(j).starts_with(
            "sweep.axes.consumer.properties.group.id: value \"g\" is refused: "
            "consumer.properties.group.id: is set by the workbench"));
    }

    // Values valid alone may clash with each other: the point is named.
    void clashing_points_are_refused() {
        json j = sweep_spec();
        j["sweep"] = json::parse(R"({"axes": {"producer.keys.mode": ["none", "round_robin"],
                                              "topic.partitions": [1, 2]}})");
        const std::string e = first_error(j);
        QVERIFY2(e.starts_with("sweep.axes: point 2 (producer.keys.mode=round_robin "
                               "topic.partitions=1) is refused: producer.keys.mode"),
                 e.c_str());
    }

    void a_bad_base_spec_is_reported_as_such() {
        json j = sweep_spec();
        j["producer"]["messages"] = 0;
        QVERIFY(first_error(j).starts_with("producer.messages"));
    }

    void targets_from_the_command_line() {
        SweepTargets t;
        QVERIFY(!apply_sweep_target(t, "max_ack_p99_ms=12.5"));
        QCOMPARE(*t.max_ack_p99_ms, 12.5);
        QVERIFY(apply_sweep_target(t, "max_p99=3")->starts_with("unknown target \"max_p99\""));
        QVERIFY(apply_sweep_target(t, "max_ack_p99_ms=fast")->find("not a number") !=
                std::string::npos);
        QVERIFY(apply_sweep_target(t, "max_ack_p99_ms")->find("name=value") != std::string::npos);
        QCOMPARE(describe_sweep_targets(t), std::string("ack p99 <= 12.5 ms"));
        QCOMPARE(sweep_targets_to_json(t).dump(), std::string(R"({"max_ack_p99_ms":12.5})"));
    }

    void run_records_carry_the_sweep() {
        RunRecord r;
        r.id = std::string("20261126-000000-x-0000");
        QVERIFY(!run_record_to_json(r).contains("sweep")); // single runs unchanged
        r.sweep = RunSweepInfo{"sweep-1", 3, 12, "linger.ms=5", {{"a", 5}}, 2, false, {}};
        const RunRecord back = run_record_from_json(run_record_to_json(r));
        QVERIFY(back.sweep.has_value());
        QCOMPARE(back.sweep->id, std::string("sweep-1"));
        QCOMPARE(back.sweep->point, 3);
        QCOMPARE(back.sweep->points, 12);
        QCOMPARE(back.sweep->label, std::string("linger.ms=5"));
        QCOMPARE(back.sweep->repeat, 2);
        QVERIFY(!back.sweep->warmup);
        json old = run_record_to_json(r);
        old.erase("sweep");
        QVERIFY(!run_record_from_json(old).sweep.has_value());
    }
};

QTEST_GUILESS_MAIN(TestSweepPlan)
#include "test_sweep_plan.moc"
