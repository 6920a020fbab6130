#pragma once
// Destroying a librdkafka client with a deadline.

#include <chrono>
#include <librdkafka/rdkafka.h>
#include <memory>

namespace ktw {

/// An rd_kafka_destroy running on a helper thread, so the caller can stop waiting for it.
/// librdkafka's destroy joins its broker threads, and a broker thread that still has a
/// reference (a known librdkafka 2.0.x bug, or a handle the application leaked) never ends:
/// a run must not hang on it.
/// Threading: created and waited for by one thread; the helper thread only touches the
/// shared completion state.
class PendingDestroy {
  public:
    /// Starts destroying `rk` (rd_kafka_destroy_flags with `flags`) on a helper thread.
    PendingDestroy(rd_kafka_t* rk, int flags);
    /// Joins the helper if the destroy finished; otherwise detaches it (the client is leaked,
    /// and so must be everything its callbacks reach: see ClientTelemetry::detach()).
    ~PendingDestroy();
    PendingDestroy(const PendingDestroy&) = delete;
    PendingDestroy& operator=(const PendingDestroy&) = delete;

    /// Waits without a deadline: the fallback for a client destroyed outside the runner's
    /// bounded shutdown (a worker that never started, a test). Does nothing for nullptr.
    static void wait_for(std::unique_ptr<PendingDestroy> pending) {
        if (pending)
            pending->wait_until(std::chrono::steady_clock::time_point::max());
    }

    /// True once the destroy has finished; waits for it at most until `deadline`.
    bool wait_until(std::chrono::steady_clock::time_point deadline);

  private:
    struct State;
    std::shared_ptr<State> state_;
};

} // namespace ktw
