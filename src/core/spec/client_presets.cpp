#include "core/spec/client_presets.h"

namespace ktw {

// Source: the deep-dive notebook's "Production-Ready Configuration Examples" and its
// consumer fetch test (seeds/001). Java names were mapped: compression.type ->
// compression.codec, buffer.memory (bytes) -> queue.buffering.max.kbytes (KiB),
// max.in.flight.requests.per.connection -> max.in.flight, fetch.max.wait.ms ->
// fetch.wait.max.ms. batch.size keeps the notes' number although librdkafka's batch.size caps
// a whole batch (default 1000000), not a per-partition buffer as in Java.
const std::vector<ClientPreset>& client_presets() {
    static const std::vector<ClientPreset> presets = {
        {"High throughput",
         "Batching and compression: linger.ms 10, batch.size 64 KiB, lz4, acks=1, 64 MiB "
         "producer buffer; consumers wait for at least 10 KiB per fetch (up to 500 ms). Costs "
         "latency and durability.",
         {{"linger.ms", "10"},
          {"batch.size", "65536"},
          {"compression.codec", "lz4"},
          {"queue.buffering.max.kbytes", "65536"},
          {"acks", "1"},
          {"retries", "3"}},
         {{"fetch.min.bytes", "10240"}, {"fetch.wait.max.ms", "500"}}},
        {"High reliability",
         "acks=all with idempotence (no loss, no duplicates, order kept), 5 requests in flight, "
         "10 retries, moderate batching (linger.ms 5, batch.size 16 KiB), gzip. Costs "
         "throughput.",
         {{"acks", "all"},
          {"enable.idempotence", "true"},
          {"retries", "10"},
          {"max.in.flight", "5"},
          {"batch.size", "16384"},
          {"linger.ms", "5"},
          {"compression.codec", "gzip"}},
         {{"isolation.level", "read_committed"}}},
        {"Low latency",
         "No batching delay (linger.ms 0), no compression, acks=1, no retries; consumers "
         "return after 1 byte or 100 ms. Costs throughput and durability.",
         {{"linger.ms", "0"},
          {"batch.size", "1"},
          {"compression.codec", "none"},
          {"acks", "1"},
          {"retries", "0"}},
         {{"fetch.min.bytes", "1"}, {"fetch.wait.max.ms", "100"}}},
    };
    return presets;
}

} // namespace ktw
