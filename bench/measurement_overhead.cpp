// Benchmark: what measuring costs. Runs the same workload on the embedded cluster with
// measurement on (timestamps, histograms, sequence checks, statistics) and off (counts only),
// alternating over several rounds, and prints the medians and their ratio.
//
//   build/bench/measurement_overhead [rounds]
//
// Two workloads, because the embedded cluster keeps only ~5 MiB per partition:
//   produce: producer-only, 2 threads, 3,000,000 messages (long enough for a stable rate)
//   consume: 240,000 messages produced first, then drained by 2 consumers (fits retention)
//
// Not a test: it prints numbers for docs/benchmarks.md and exits 0 unless a run was invalid.

#include "engine/kafka/client_config.h"
#include "engine/run/runner.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown";
}

ktw::RunRequest request(bool measure, bool consume) {
    nlohmann::json j = {
        {"name", measure ? "bench-measured" : "bench-unmeasured"},
        {"cluster", {{"kind", "embedded"}, {"brokers", 1}}},
        {"topic", {{"name", "bench"}, {"auto_unique", true}, {"partitions", 8}}},
        {"producer",
         {{"threads", 2},
          {"messages", consume ? 240000 : 3000000},
          {"message_bytes", 100},
          {"keys", {{"mode", "round_robin"}}}}},
        {"consumer", {{"threads", consume ? 2 : 0}, {"properties", {{"fetch.wait.max.ms", 10}}}}},
        {"phases", {{"mode", consume ? "produce_then_consume" : "concurrent"}, {"timeout_s", 120}}},
        {"measurement", {{"enabled", measure}}},
    };
    ktw::RunRequest r;
    const auto parsed = ktw::parse_experiment_spec(j);
    if (!parsed.ok()) {
        std::fprintf(stderr, "bad spec: %s\n", parsed.errors.front().to_string().c_str());
        std::exit(2);
    }
    r.spec = parsed.spec;
    r.given = j;
    return r;
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    std::printf("measurement overhead benchmark: %d rounds per workload, 100-byte messages, "
                "embedded cluster (1 broker), 8 partitions, round-robin partitioning\n",
                rounds);
    std::printf("machine: %s, %u hardware threads, librdkafka %s\n\n", cpu_model().c_str(),
                std::thread::hardware_concurrency(), ktw::librdkafka_version().c_str());
    bool all_valid = true;
    for (const bool consume : {false, true}) {
        std::vector<double> rate[2];
        for (int round = 0; round < rounds; ++round) {
            for (int k = 0; k < 2; ++k) {
                const bool measure = (round + k) % 2 == 0; // alternate which goes first
                ktw::CancelToken cancel;
                const ktw::RunRecord r =
                    ktw::execute_run(request(measure, consume), nullptr, cancel);
                all_valid = all_valid && r.verdict.valid;
                const double v =
                    consume ? r.summary.consumer.msgs_per_s : r.summary.producer.msgs_per_s;
                rate[measure].push_back(v);
                std::printf("%s round %d, measurement %-3s: %10.0f msgs/s%s%s\n",
                            consume ? "consume" : "produce", round + 1, measure ? "on" : "off", v,
                            r.verdict.valid ? "" : "  INVALID: ",
                            r.verdict.valid ? "" : r.verdict.reasons.front().c_str());
            }
        }
        const double on = median(rate[1]), off = median(rate[0]);
        std::printf(
            "%s median: measurement on %.0f msgs/s, off %.0f msgs/s; cost of measuring %.1f%%\n\n",
            consume ? "consume" : "produce", on, off, (1 - on / off) * 100);
    }
    return all_valid ? 0 : 1;
}
