#include "core/util/text_format.h"

#include <cmath>
#include <cstdio>

namespace ktw {

std::string format_count(uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    const int len = static_cast<int>(digits.size());
    for (int i = 0; i < len; ++i) {
        if (i > 0 && (len - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string format_count(int64_t n) {
    return n < 0 ? "-" + format_count(static_cast<uint64_t>(-n))
                 : format_count(static_cast<uint64_t>(n));
}

std::string format_decimal(double v, int decimals) {
    if (!std::isfinite(v))
        return "n/a";
    const bool negative = v < 0;
    v = std::fabs(v);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot);
    const std::string frac = dot == std::string::npos ? "" : s.substr(dot);
    std::string grouped = format_count(static_cast<uint64_t>(std::stoull(whole)));
    return (negative ? "-" : "") + grouped + frac;
}

std::string format_micros(double us) {
    char buf[64];
    if (us < 1000)
        std::snprintf(buf, sizeof buf, "%.0f µs", us);
    else if (us < 1e6)
        std::snprintf(buf, sizeof buf, us < 1e4 ? "%.2f ms" : "%.1f ms", us / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.2f s", us / 1e6);
    return buf;
}

std::string format_delta_percent(double base, double value) {
    if (base == 0)
        return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f%%", (value - base) / base * 100.0);
    return buf;
}

} // namespace ktw
