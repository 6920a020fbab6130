#pragma once
// Ctrl-C / SIGTERM cancel the current run through its CancelToken; a second one ends the
// program at once.

#include "engine/run/runner.h"

namespace ktw::cli {

/// Routes SIGINT and SIGTERM to cancel.cancel() until the guard goes out of scope.
class InterruptGuard {
  public:
    explicit InterruptGuard(CancelToken& cancel);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

} // namespace ktw::cli
