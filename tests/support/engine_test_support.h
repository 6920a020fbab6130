#pragma once
// Helpers for engine tests: specs from JSON text, and running them on the embedded cluster.

#include "engine/kafka/client_config.h"
#include "engine/run/runner.h"
#include "core/spec/spec_overrides.h"

#include <QtTest>

namespace ktw::test {

/// A small spec: 1 broker, auto-unique topic, short timeouts so a failing test ends fast.
inline nlohmann::json base_spec(int64_t messages) {
    auto j = nlohmann::json::parse(R"({
        "name": "engine-test",
        "cluster": {"kind": "embedded", "brokers": 1},
        "topic": {"name": "t", "auto_unique": true, "partitions": 1},
        "producer": {"threads": 1, "message_bytes": 100},
        "consumer": {"threads": 1, "properties": {"fetch.wait.max.ms": 10}},
        "phases": {"timeout_s": 60, "idle_timeout_s": 5},
        "measurement": {"statistics_interval_ms": 200}
    })");
    j["producer"]["messages"] = messages;
    return j;
}

inline RunRequest request_for(nlohmann::json j, const std::vector<std::string>& overrides = {}) {
    for (const auto& o : overrides) {
        const auto err = apply_spec_override(j, o);
        if (err)
            qFatal("bad override in test: %s", err->c_str());
    }
    RunRequest r;
    const auto parsed = parse_experiment_spec(j);
    if (!parsed.ok())
        qFatal("bad spec in test: %s", parsed.errors.front().to_string().c_str());
    r.spec = parsed.spec;
    r.given = j;
    r.overrides = overrides;
    return r;
}

// A mock cluster of the test's own reached as an external cluster (only through
// bootstrap.servers). The consumers get the session the workbench gives them on the embedded
// cluster: the mock refuses a member's SyncGroup that arrives after the leader's, and the
// member's rejoin then waits session.timeout.ms - 1 s (44 s by default; seen in CI).
inline void use_as_external(nlohmann::json& spec, const std::string& bootstrap_servers) {
    spec["cluster"] = {{"kind", "external"}, {"bootstrap_servers", bootstrap_servers}};
    for (const char* key : {"session.timeout.ms", "heartbeat.interval.ms"})
        spec["consumer"]["properties"][key] =
            workbench_consumer_defaults(ClusterKind::Embedded).at(key);
}

inline std::string reasons_of(const RunRecord& r) {
    std::string all;
    for (const auto& s : r.verdict.reasons)
        all += s + "; ";
    for (const auto& e : r.log)
        if (e.level == LogLevel::Error)
            all += "[log] " + e.source + ": " + e.message + "; ";
    return all;
}

} // namespace ktw::test
