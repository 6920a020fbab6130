#include "core/metrics/consumer_breakdown.h"

namespace ktw {

namespace {

double cumulative_fetches_at(const std::vector<StatisticsSample>& samples, double created_t,
                             double t) {
    double prev_t = created_t, prev_v = 0;
    for (const auto& s : samples) {
        const auto v = static_cast<double>(s.fetch_requests);
        if (s.t >= t) {
            if (s.t <= prev_t)
                return v;
            return prev_v + (v - prev_v) * (t - prev_t) / (s.t - prev_t);
        }
        prev_t = s.t;
        prev_v = v;
    }
    return prev_v;
}

} // namespace

uint64_t fetches_between(const std::vector<StatisticsSample>& samples, double created_t,
                         double from_t, double to_t) {
    if (to_t <= from_t)
        return 0;
    const double n = cumulative_fetches_at(samples, created_t, to_t) -
                     cumulative_fetches_at(samples, created_t, from_t);
    return n > 0 ? static_cast<uint64_t>(n + 0.5) : 0;
}

double safe_ratio(double x, double y) {
    return y > 0 ? x / y : 0.0;
}

ConsumerFigures consumer_figures(int index, uint64_t messages, uint64_t polls,
                                 uint64_t nonempty_polls, uint64_t fetches, double seconds) {
    ConsumerFigures f;
    f.index = index;
    f.messages = messages;
    f.polls = polls;
    f.nonempty_polls = nonempty_polls;
    f.fetches = fetches;
    f.seconds = seconds > 0 ? seconds : 0;
    const auto m = static_cast<double>(messages);
    f.messages_per_poll = safe_ratio(m, static_cast<double>(nonempty_polls));
    f.messages_per_fetch = safe_ratio(m, static_cast<double>(fetches));
    f.msgs_per_s = safe_ratio(m, f.seconds);
    f.mean_poll_interval_ms = safe_ratio(f.seconds * 1000.0, static_cast<double>(polls));
    return f;
}

void total_consumer_breakdown(RunSummary& s) {
    s.polls = s.nonempty_polls = s.fetches = 0;
    uint64_t messages = 0;
    double seconds = 0;
    for (const auto& c : s.consumers) {
        s.polls += c.polls;
        s.nonempty_polls += c.nonempty_polls;
        s.fetches += c.fetches;
        messages += c.messages;
        seconds += c.seconds;
    }
    const auto m = static_cast<double>(messages);
    s.messages_per_poll = safe_ratio(m, static_cast<double>(s.nonempty_polls));
    s.messages_per_fetch = safe_ratio(m, static_cast<double>(s.fetches));
    s.mean_poll_interval_ms = safe_ratio(seconds * 1000.0, static_cast<double>(s.polls));
}

} // namespace ktw
