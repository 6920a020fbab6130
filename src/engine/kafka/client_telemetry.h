#pragma once
// Statistics, errors and log lines of one librdkafka client, kept for the run record.

#include "engine/run/run_context.h"
#include "core/record/run_record.h"

#include <atomic>
#include <librdkafka/rdkafka.h>
#include <mutex>
#include <string>
#include <vector>

namespace ktw {

/// Threading: librdkafka calls in from the thread that polls the client (statistics) and
/// from its internal threads (errors, log lines), one callback at a time (callback_mutex_,
/// taken about once per statistics interval or log line, never per message); the runner
/// reads at any time.
class ClientTelemetry {
  public:
    ClientTelemetry(std::string name, LogSink& log, const RunClock& clock)
        : name_(std::move(name)), log_(log), clock_(clock) {}

    const std::string& name() const { return name_; }
    std::vector<StatisticsSample> samples() const;
    /// Cumulative Fetch requests in the newest statistics emit.
    uint64_t latest_fetch_requests() const { return latest_fetches_.load(); }
    /// Statistics emits so far: lets a worker wait for the next one.
    uint64_t emits() const { return emits_.load(); }
    /// While quiet, errors and warnings are logged as "info" (e.g. commit failures while a
    /// consumer group dissolves at the end of a run are expected, not news).
    void set_quiet(bool quiet) { quiet_ = quiet; }
    /// From now on every callback is ignored: for a client whose destroy was abandoned, whose
    /// librdkafka threads may still call in after the run (and its log) is gone.
    void detach();

    void on_statistics(const char* json, size_t len);
    void on_error(int err, const char* reason);
    void on_log(int level, const char* facility, const char* message);

  private:
    std::string name_;
    LogSink& log_;
    const RunClock& clock_;
    mutable std::mutex mutex_;
    std::mutex callback_mutex_; // held by each callback, so detach() waits for a running one
    bool detached_ = false;     // guarded by callback_mutex_
    std::vector<StatisticsSample> samples_;
    std::atomic<uint64_t> latest_fetches_{0};
    std::atomic<uint64_t> emits_{0};
    std::atomic<bool> quiet_{false};
};

/// Routes a configuration's statistics, error and log callbacks to worker->telemetry();
/// the configuration's opaque must be the Worker.
template <typename Worker> void install_telemetry_callbacks(rd_kafka_conf_t* conf) {
    rd_kafka_conf_set_stats_cb(conf, [](rd_kafka_t*, char* json, size_t len, void* opaque) {
        static_cast<Worker*>(opaque)->telemetry().on_statistics(json, len);
        return 0; // librdkafka frees the JSON
    });
    rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t*, int err, const char* reason, void* opaque) {
        static_cast<Worker*>(opaque)->telemetry().on_error(err, reason);
    });
    rd_kafka_conf_set_log_cb(conf,
                             [](const rd_kafka_t* rk, int level, const char* fac, const char* buf) {
                                 if (auto* worker = static_cast<Worker*>(rd_kafka_opaque(rk)))
                                     worker->telemetry().on_log(level, fac, buf);
                             });
}

} // namespace ktw
