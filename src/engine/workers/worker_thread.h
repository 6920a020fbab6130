#pragma once
// The thread a producer or consumer worker runs on, named ("ktw-consumer-0") so that
// profilers, debuggers and `top -H` tell the workers apart from librdkafka's own threads
// (which name themselves "rdk:...").

#include <pthread.h>

#include <string>
#include <thread>
#include <utility>

namespace ktw {

inline void name_this_thread(const std::string& name) {
    // Linux allows 15 characters plus the terminator; a longer name is refused, not cut.
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

/// One named thread, started once and joined at most once; joined on destruction so that a
/// worker never outlives the object it runs on.
class WorkerThread {
  public:
    WorkerThread() = default;
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;
    ~WorkerThread() { join(); }

    template <typename Body>
    void start(const std::string& name, Body body) {
        thread_ = std::thread([name, body = std::move(body)]() mutable {
            name_this_thread(name);
            body();
        });
    }

    void join() {
        if (thread_.joinable())
            thread_.join();
    }

  private:
    std::thread thread_;
};

} // namespace ktw
