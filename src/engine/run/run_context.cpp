#include "engine/run/run_context.h"

namespace ktw {

void LogSink::add(LogLevel level, std::string source, std::string message) {
    std::lock_guard lock(mutex_);
    if (total_ >= kMaxEntries) {
        ++dropped_;
        return;
    }
    ++total_;
    pending_.push_back(
        {clock_.seconds_now(), level, std::move(source), std::move(message)});
}

std::vector<LogEntry> LogSink::drain() {
    std::lock_guard lock(mutex_);
    std::vector<LogEntry> out;
    out.swap(pending_);
    return out;
}

} // namespace ktw
