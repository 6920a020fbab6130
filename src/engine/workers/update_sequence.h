#pragma once
// A consistent reading of several meters that one thread writes (a sequence lock): the
// writer brackets each group of updates with begin() and end(); a reader's copy is retried
// while it overlapped one. Without it a baseline taken mid-run (the end of a warm-up) could
// count a message in one meter and not yet in another (CI: 10,042 messages consumed in the
// measured window, 10,026 end-to-end latencies).

#include <atomic>
#include <cstdint>
#include <thread>

namespace ktw {

class UpdateSequence {
  public:
    /// Writer thread only. Updates between begin() and end() are seen by read() all or none.
    void begin() {
        seq_.store(seq_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
    }
    void end() { seq_.store(seq_.load(std::memory_order_relaxed) + 1, std::memory_order_release); }

    /// Any thread. copy() reads the meters into fresh storage (it may run more than once).
    /// After kMaxTries overlapping attempts the last copy is kept: a reading is never blocked
    /// for long, at worst off by one group of updates as before.
    template <class Copy> void read(Copy&& copy) const {
        for (int attempt = 1;; ++attempt) {
            const uint64_t before = seq_.load(std::memory_order_acquire);
            if (before % 2 == 1 && attempt < kMaxTries) { // a writer is in the middle
                std::this_thread::yield();
                continue;
            }
            copy();
            std::atomic_thread_fence(std::memory_order_acquire);
            if (seq_.load(std::memory_order_relaxed) == before || attempt >= kMaxTries)
                return;
        }
    }

  private:
    static constexpr int kMaxTries = 10000;
    std::atomic<uint64_t> seq_{0};
};

} // namespace ktw
