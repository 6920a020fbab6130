// The analysis in core: verdicts, the poll/fetch breakdown arithmetic, statistics parsing,
// comparisons and number formatting.
#include "core/analysis/run_comparison.h"
#include "core/analysis/run_verdict.h"
#include "core/metrics/consumer_breakdown.h"
#include "core/metrics/librdkafka_statistics.h"
#include "core/record/secret_redaction.h"
#include "core/util/text_format.h"

#include <QtTest>
#include <fstream>
#include <sstream>

using namespace ktw;

namespace {

std::string read_data(const char* name) {
    std::ifstream in(std::string(KTW_TEST_DATA_DIR) + "/" + name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

VerdictInputs clean_inputs(uint64_t n) {
    VerdictInputs v;
    v.audit.acknowledged = v.audit.consumed = v.audit.consumed_unique = n;
    v.producer_measured_s = v.consumer_measured_s = 1.0;
    return v;
}

RunRecord record_with(const std::string& id, double produce_rate, uint64_t p99_us,
                      const std::string& linger) {
    RunRecord r;
    r.id = id;
    r.name = id;
    r.verdict.valid = true;
    r.summary.producer.msgs_per_s = produce_rate;
    r.summary.ack_us.count = 100;
    r.summary.ack_us.p99_us = p99_us;
    r.summary.consumers.push_back(consumer_figures(0, 1000, 20, 10, 5, 2.0));
    total_consumer_breakdown(r.summary);
    r.effective_spec = {{"name", id},
                        {"producer", {{"properties", {{"linger.ms", linger}}}, {"threads", 1}}}};
    r.client_config["producer"] = {{"linger.ms", linger}, {"acks", "-1"}, {"client.id", id}};
    return r;
}

} // namespace

class TestRunAnalysis : public QObject {
    Q_OBJECT
  private slots:
    void clean_run_is_valid() {
        const auto v = judge_run(clean_inputs(10'000));
        QVERIFY(v.valid);
        QVERIFY(v.reasons.empty());
    }

    void shortfall_is_invalid_with_the_count() {
        auto in = clean_inputs(10'000);
        in.audit.consumed = in.audit.consumed_unique = 5'000;
        in.audit.lost = 5'000;
        const auto v = judge_run(in);
        QVERIFY(!v.valid);
        QCOMPARE(v.reasons.front(),
                 std::string("consumed 5,000 of 10,000 acknowledged messages (5,000 lost)"));
    }

    void each_problem_is_a_reason() {
        auto in = clean_inputs(100);
        in.audit.duplicates = 3;
        in.audit.out_of_order = 2;
        in.audit.out_of_order_by_key = 1;
        in.produce_failed = 4;
        in.first_produce_error = "Local: Message timed out";
        in.status = RunStatus::Cancelled;
        in.status_detail = "stopped by the user after 3 s";
        const auto v = judge_run(in);
        QVERIFY(!v.valid);
        QCOMPARE(v.reasons.size(), std::size_t{5});
        QCOMPARE(v.reasons[0], std::string("cancelled: stopped by the user after 3 s"));
        QVERIFY(v.reasons[1].find(
                    "4 message(s) failed delivery (first error: Local: Message timed out)") == 0);
    }

    // The truth suite's counts check: the topic then holds more than the run produced.
    void messages_from_another_producer_make_the_run_invalid() {
        auto in = clean_inputs(1'000);
        in.audit.foreign = 10;
        const auto v = judge_run(in);
        QVERIFY(!v.valid);
        QCOMPARE(v.reasons.size(), std::size_t{1});
        QVERIFY2(v.reasons[0].rfind("10 message(s) on the topic were written during the run by "
                                    "another producer",
                                    0) == 0,
                 v.reasons[0].c_str());
    }

    void early_exit_like_the_diary_is_invalid_by_its_shortfall() {
        // The diary's 500,000 events/s: a consumer that stopped after a handful of messages in
        // 20 us. No verdict rule judges the window's length; the shortfall is what makes such a
        // run invalid, and the reason says so with the counts.
        auto in = clean_inputs(10'000);
        in.audit.consumed = in.audit.consumed_unique = 12;
        in.audit.lost = 10'000 - 12;
        in.consumer_measured_s = 0.00002;
        const auto v = judge_run(in);
        QVERIFY(!v.valid);
        QCOMPARE(v.reasons, std::vector<std::string>{
                                "consumed 12 of 10,000 acknowledged messages (9,988 lost)"});
    }

    void consume_phase_inside_the_warm_up_is_invalid() {
        // Everything consumed, but all of it within the warm-up: no window left to measure.
        auto in = clean_inputs(100);
        in.consumer_measured_s = 0;
        in.warmup_s = 2;
        const auto v = judge_run(in);
        QVERIFY(!v.valid);
        QCOMPARE(v.reasons, std::vector<std::string>{"the consume phase ended within the 2.0 s "
                                                     "warm-up: nothing left to measure"});
    }

    void warmup_longer_than_the_phase_is_invalid() {
        auto in = clean_inputs(100);
        in.producer_measured_s = 0;
        in.warmup_s = 5;
        const auto v = judge_run(in);
        QVERIFY(!v.valid);
        QVERIFY(v.reasons.front().find("produce phase ended within the 5.0 s warm-up") !=
                std::string::npos);
    }

    void retention_overflow_explains_loss() {
        auto in = clean_inputs(1000);
        in.audit.lost = 10;
        in.audit.consumed_unique = 990;
        in.partition_retention_bytes = 5 * 1048576;
        in.bytes_per_partition = {{0, 12 * 1048576}, {1, 1048576}};
        const auto v = judge_run(in);
        QCOMPARE(v.reasons.size(), std::size_t{2});
        QVERIFY(v.reasons[1].find(
                    "partition 0 received 12.0 MiB; the embedded cluster keeps about 5 MiB") == 0);
    }

    void producer_only_run_is_valid_with_a_note() {
        auto in = clean_inputs(100);
        in.consumers_ran = false;
        in.audit.consumed = in.audit.consumed_unique = 0;
        const auto v = judge_run(in);
        QVERIFY(v.valid);
        QCOMPARE(v.warnings.size(), std::size_t{1});
    }

    void breakdown_arithmetic() {
        const auto f = consumer_figures(1, 10'000, 104, 100, 40, 0.52);
        QCOMPARE(f.messages_per_poll, 100.0); // per non-empty poll
        QCOMPARE(f.messages_per_fetch, 250.0);
        QCOMPARE(f.msgs_per_s, 10'000 / 0.52);
        QCOMPARE(f.mean_poll_interval_ms, 520.0 / 104);
        const auto none = consumer_figures(0, 0, 0, 0, 0, 0);
        QCOMPARE(none.messages_per_poll, 0.0); // no division by zero
        QCOMPARE(none.mean_poll_interval_ms, 0.0);

        RunSummary s;
        s.consumers = {consumer_figures(0, 5'000, 50, 40, 10, 1.0),
                       consumer_figures(1, 5'000, 30, 20, 10, 0.5)};
        total_consumer_breakdown(s);
        QCOMPARE(s.polls, uint64_t{80});
        QCOMPARE(s.nonempty_polls, uint64_t{60});
        QCOMPARE(s.fetches, uint64_t{20});
        QCOMPARE(s.messages_per_poll, 10'000 / 60.0);
        QCOMPARE(s.messages_per_fetch, 500.0);
        QCOMPARE(s.mean_poll_interval_ms, 1500.0 / 80);
    }

    void fetches_are_interpolated_to_the_phase() {
        auto sample = [](double t, uint64_t fetches) {
            StatisticsSample s;
            s.t = t;
            s.fetch_requests = fetches;
            return s;
        };
        // Client created at 0.5 s; cumulative Fetch counts emitted every second.
        const std::vector<StatisticsSample> samples = {sample(1.5, 10), sample(2.5, 110),
                                                       sample(3.5, 130)};
        QCOMPARE(fetches_between(samples, 0.5, 1.5, 2.5), uint64_t{100}); // on samples: exact
        QCOMPARE(fetches_between(samples, 0.5, 2.0, 3.0), uint64_t{60});  // 60 -> 120
        QCOMPARE(fetches_between(samples, 0.5, 1.0, 1.5), uint64_t{5});   // from creation (0)
        QCOMPARE(fetches_between(samples, 0.5, 3.5, 9.0), uint64_t{0});   // after the last sample
        QCOMPARE(fetches_between(samples, 0.5, 3.0, 2.0), uint64_t{0});   // empty window
        QCOMPARE(fetches_between({}, 0.5, 1.0, 2.0), uint64_t{0});
    }

    void consumer_statistics_from_librdkafka() {
        // Captured from librdkafka 2.0.2 consuming 1,000 messages from its mock cluster.
        const auto s =
            parse_librdkafka_statistics(read_data("consumer_statistics.json"), "consumer-0", 1.5);
        QVERIFY(s.has_value());
        QCOMPARE(s->client, std::string("consumer-0"));
        QCOMPARE(s->t, 1.5);
        QCOMPARE(s->rx_msgs, uint64_t{1000});
        QCOMPARE(s->fetch_requests, uint64_t{109});
        QCOMPARE(s->rtt_avg_us, 500729.0);     // an idle fetch long-polls fetch.wait.max.ms
        QCOMPARE(s->consumer_lag, int64_t{0}); // -1 (unknown) partitions are not summed
    }

    void producer_statistics_from_librdkafka() {
        const auto s =
            parse_librdkafka_statistics(read_data("producer_statistics.json"), "producer-0", 0);
        QVERIFY(s.has_value());
        QCOMPARE(s->tx_msgs, uint64_t{912});
        QCOMPARE(s->produce_requests, uint64_t{183});
        QCOMPARE(s->batch_size_avg_bytes, 150.0);
        QVERIFY(s->int_latency_avg_us > 0);
    }

    void statistics_parser_rejects_garbage() {
        QVERIFY(!parse_librdkafka_statistics("{not json", "c", 0));
        QVERIFY(!parse_librdkafka_statistics("[1,2]", "c", 0));
        QVERIFY(!parse_librdkafka_statistics("{\"name\":\"x\"}", "c", 0));
    }

    void comparison_shows_differing_settings_and_best_values() {
        const std::vector<RunRecord> runs = {record_with("a", 1000, 5000, "0"),
                                             record_with("b", 1500, 8000, "20")};
        const auto c = compare_runs(runs);
        QCOMPARE(c.settings.size(), std::size_t{2}); // effective spec and client config
        QCOMPARE(c.settings[0].key, std::string("client.producer.linger.ms"));
        QCOMPARE(c.settings[0].values, (std::vector<std::string>{"0", "20"}));
        const auto rate = std::find_if(c.metrics.begin(), c.metrics.end(), [](const MetricRow& m) {
            return m.label == "produce rate" && m.unit == "msgs/s";
        });
        QVERIFY(rate != c.metrics.end());
        QCOMPARE(rate->best(), std::optional<std::size_t>(1));
        const auto p99 = std::find_if(c.metrics.begin(), c.metrics.end(),
                                      [](const MetricRow& m) { return m.label == "ack p99"; });
        QCOMPARE(*p99->values[1], 8.0); // milliseconds
        QCOMPARE(p99->best(), std::optional<std::size_t>(0));
        const auto j = comparison_to_json(c);
        const auto& rj = *std::find_if(j["metrics"].begin(), j["metrics"].end(), [](const auto& m) {
            return m["label"] == "produce rate" && m["unit"] == "msgs/s";
        });
        QCOMPARE(rj["delta_percent_vs_first"][1].get<double>(), 50.0);
        QVERIFY(rj["delta_percent_vs_first"][0].get<double>() == 0.0);
    }

    void equal_values_have_no_best() {
        const auto c =
            compare_runs({record_with("a", 1000, 5000, "0"), record_with("b", 1000, 5000, "0")});
        QVERIFY(c.settings.empty());
        for (const auto& m : c.metrics)
            QVERIFY2(!m.best(), m.label.c_str());
    }

    void comparison_warns_when_librdkafka_versions_differ() {
        std::vector<RunRecord> runs = {record_with("a", 1000, 5000, "0"),
                                       record_with("b", 1500, 8000, "0"),
                                       record_with("c", 1200, 6000, "0")};
        for (auto& r : runs)
            r.environment.librdkafka_version = "2.14.2";
        QVERIFY(compare_runs(runs).warnings.empty()); // the same client: nothing to say

        runs[1].environment.librdkafka_version = "2.0.2";
        const auto c = compare_runs(runs);
        QCOMPARE(c.librdkafka_versions, (std::vector<std::string>{"2.14.2", "2.0.2", "2.14.2"}));
        QCOMPARE(c.warnings.size(), std::size_t{1});
        QCOMPARE(c.warnings[0],
                 std::string("the runs used different librdkafka versions: 2.14.2 (a, c); "
                             "2.0.2 (b); differences between them may come from the client, "
                             "not only from the settings"));
        QVERIFY(c.settings.empty()); // the version is the environment, not a setting
        const auto j = comparison_to_json(c);
        QCOMPARE(j["warnings"].size(), std::size_t{1});
        QCOMPARE(j["runs"][1]["librdkafka"], nlohmann::json("2.0.2"));

        // A record naming no version is "unknown"; one known version alone is no warning.
        QVERIFY(!client_version_warning({"a", "b"}, {"2.14.2", ""}));
        const auto w = client_version_warning({"a", "b", "c"}, {"", "2.12.1", "2.14.2"});
        QVERIFY(w);
        QVERIFY2(w->find("unknown (a); 2.12.1 (b); 2.14.2 (c)") != std::string::npos, w->c_str());
    }

    void secrets_are_redacted_in_specs_and_overrides() {
        const nlohmann::json spec = {
            {"cluster", {{"properties", {{"sasl.password", "hunter2"}, {"sasl.username", "me"}}}}},
            {"producer", {{"threads", 1}}}};
        const auto r = redact_spec_secrets(spec);
        QCOMPARE(r["cluster"]["properties"]["sasl.password"], nlohmann::json(kRedacted));
        QCOMPARE(r["cluster"]["properties"]["sasl.username"], nlohmann::json("me"));
        QVERIFY(!r["producer"].contains("properties")); // nothing added
        QCOMPARE(redact_override("cluster.properties.sasl.password=hunter2"),
                 std::string("cluster.properties.sasl.password=[redacted]"));
        QCOMPARE(redact_override("cluster.properties.ssl.key.pem=-----BEGIN"),
                 std::string("cluster.properties.ssl.key.pem=[redacted]"));
        QCOMPARE(redact_override("producer.properties.linger.ms=5"),
                 std::string("producer.properties.linger.ms=5"));
        const std::string whole =
            redact_override("consumer.properties={\"sasl.password\":\"x\",\"acks\":1}");
        QVERIFY2(whole.find("\"x\"") == std::string::npos &&
                     whole.find("[redacted]") != std::string::npos,
                 whole.c_str());
        const std::string section =
            redact_override("cluster={\"properties\":{\"ssl.keystore.password\":\"x\"}}");
        QVERIFY2(section.find("\"x\"") == std::string::npos, section.c_str());
    }

    void number_formatting() {
        QCOMPARE(format_count(uint64_t{0}), std::string("0"));
        QCOMPARE(format_count(uint64_t{1234567}), std::string("1,234,567"));
        QCOMPARE(format_count(int64_t{-1000}), std::string("-1,000"));
        QCOMPARE(format_decimal(1234.56, 1), std::string("1,234.6"));
        QCOMPARE(format_decimal(-0.5, 2), std::string("-0.50"));
        QCOMPARE(format_micros(850), std::string("850 µs"));
        QCOMPARE(format_micros(12345), std::string("12.3 ms"));
        QCOMPARE(format_micros(2.5e6), std::string("2.50 s"));
        QCOMPARE(format_delta_percent(100, 112.3), std::string("+12.3%"));
        QCOMPARE(format_delta_percent(0, 5), std::string("n/a"));
    }
};

QTEST_GUILESS_MAIN(TestRunAnalysis)
#include "test_run_analysis.moc"
