#include "cli/cli_interrupt.h"

#include <csignal>

namespace ktw::cli {
namespace {

CancelToken* g_cancel = nullptr;

extern "C" void on_interrupt(int) {
    if (g_cancel)
        g_cancel->cancel();       // only an atomic store: safe in a signal handler
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C (or kill) ends the program at once
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace

InterruptGuard::InterruptGuard(CancelToken& cancel) {
    g_cancel = &cancel;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
}

InterruptGuard::~InterruptGuard() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_cancel = nullptr;
}

} // namespace ktw::cli
