#pragma once
// State shared by the runner and its worker threads during one run.

#include "core/record/run_record.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace ktw {

/// One steady clock for the whole run: message send times, delivery and consume times
/// and interval boundaries are all read from it, so they compare without skew.
struct RunClock {
    std::chrono::steady_clock::time_point origin = std::chrono::steady_clock::now();

    static int64_t now_ns() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    int64_t origin_ns() const {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(origin.time_since_epoch())
            .count();
    }
    double seconds_at(int64_t ns) const { return static_cast<double>(ns - origin_ns()) / 1e9; }
    double seconds_now() const { return seconds_at(now_ns()); }
};

/// Threading: any thread adds (rarely: client errors and warnings), the runner drains.
class LogSink {
  public:
    explicit LogSink(const RunClock& clock) : clock_(clock) {}
    void add(LogLevel level, std::string source, std::string message);
    std::vector<LogEntry> drain();
    std::size_t dropped() const { return dropped_.load(); }

  private:
    static constexpr std::size_t kMaxEntries = 2000;
    const RunClock& clock_;
    std::mutex mutex_;
    std::vector<LogEntry> pending_;
    std::size_t total_ = 0;
    std::atomic<std::size_t> dropped_{0};
};

/// Threading: written by the runner, read by every worker's loop.
struct RunSignals {
    std::atomic<bool> go{false};                 ///< producers may start
    std::atomic<int64_t> go_ns{0};               ///< when they did
    std::atomic<bool> consumers_counting{false}; ///< the consume phase has begun
    std::atomic<int64_t> consume_start_ns{0};
    std::atomic<bool> stop_producers{false};
    std::atomic<bool> stop_consumers{false};
    std::atomic<bool> abort{false}; ///< cancel or timeout: drop what is queued
};

} // namespace ktw
