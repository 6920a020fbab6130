#pragma once
// Names the calling thread ("ktw-consumer-0") so profilers, debuggers and `top -H` can tell
// the workers apart from librdkafka's own threads (which name themselves "rdk:...").

#include <pthread.h>
#include <string>

namespace ktw {

inline void name_this_thread(const std::string& name) {
    // Linux allows 15 characters plus the terminator; a longer name is refused, not cut.
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

} // namespace ktw
