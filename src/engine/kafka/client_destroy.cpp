#include "engine/kafka/client_destroy.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace ktw {

struct PendingDestroy::State {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    std::thread helper;
};

PendingDestroy::PendingDestroy(rd_kafka_t* rk, int flags) : state_(std::make_shared<State>()) {
    // The helper holds its own reference to the state: it may outlive this object.
    state_->helper = std::thread([state = state_, rk, flags] {
        rd_kafka_destroy_flags(rk, flags);
        std::lock_guard lock(state->mutex);
        state->done = true;
        state->done_cv.notify_all();
    });
}

PendingDestroy::~PendingDestroy() {
    std::unique_lock lock(state_->mutex);
    const bool done = state_->done;
    lock.unlock();
    if (done)
        state_->helper.join();
    else
        state_->helper.detach();
}

bool PendingDestroy::wait_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(state_->mutex);
    return state_->done_cv.wait_until(lock, deadline, [this] { return state_->done; });
}

} // namespace ktw
