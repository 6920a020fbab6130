// Benchmark: what measuring costs. Runs the same workload on the embedded cluster with
// measurement on (timestamps, histograms, sequence checks, statistics) and off (counts only),
// alternating over several rounds, and prints the medians and their ratio.
//
//   build/bench/measurement_overhead [rounds] [messages]
//
// Not a test: it prints numbers for docs/benchmarks.md and exits 0 unless a run was invalid.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "client_config.h"
#include "runner.h"

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

ktw::RunRequest request(bool measure, int64_t messages) {
    nlohmann::json j = {
        {"name", measure ? "bench-measured" : "bench-unmeasured"},
        {"cluster", {{"kind", "embedded"}, {"brokers", 1}}},
        {"topic", {{"name", "bench"}, {"auto_unique", true}, {"partitions", 8}}},
        {"producer", {{"threads", 2}, {"messages", messages}, {"message_bytes", 100},
                      {"keys", {{"mode", "round_robin"}}}}},
        {"consumer", {{"threads", 2}, {"properties", {{"fetch.wait.max.ms", 10}}}}},
        {"phases", {{"mode", "produce_then_consume"}, {"timeout_s", 120}}},
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

}  // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    const int64_t messages = argc > 2 ? std::atoll(argv[2]) : 400000;
    std::printf("measurement overhead benchmark: %d rounds, %lld messages of 100 bytes per run\n",
                rounds, static_cast<long long>(messages));
    std::printf("workload: embedded cluster (1 broker), 8 partitions, 2 producer threads (unlimited "
                "rate, round robin), then 2 consumer threads draining (produce_then_consume)\n");
    std::printf("machine: %s, %u hardware threads, librdkafka %s\n\n", cpu_model().c_str(),
                std::thread::hardware_concurrency(), ktw::librdkafka_version().c_str());
    std::vector<double> produce[2], consume[2];
    bool all_valid = true;
    for (int round = 0; round < rounds; ++round) {
        for (int k = 0; k < 2; ++k) {
            const bool measure = (round + k) % 2 == 0;  // alternate which goes first
            ktw::CancelToken cancel;
            const ktw::RunRecord r = ktw::execute_run(request(measure, messages), nullptr, cancel);
            all_valid = all_valid && r.verdict.valid;
            produce[measure].push_back(r.summary.producer.msgs_per_s);
            consume[measure].push_back(r.summary.consumer.msgs_per_s);
            std::printf("round %d, measurement %-3s: produce %10.0f msgs/s, consume %10.0f msgs/s%s\n",
                        round + 1, measure ? "on" : "off", r.summary.producer.msgs_per_s,
                        r.summary.consumer.msgs_per_s, r.verdict.valid ? "" : "  (INVALID run)");
        }
    }
    const double p_on = median(produce[1]), p_off = median(produce[0]);
    const double c_on = median(consume[1]), c_off = median(consume[0]);
    std::printf("\nmedian produce: on %.0f msgs/s, off %.0f msgs/s, cost of measuring %.1f%%\n", p_on,
                p_off, (1 - p_on / p_off) * 100);
    std::printf("median consume: on %.0f msgs/s, off %.0f msgs/s, cost of measuring %.1f%%\n", c_on,
                c_off, (1 - c_on / c_off) * 100);
    return all_valid ? 0 : 1;
}
