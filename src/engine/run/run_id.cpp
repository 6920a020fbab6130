#include "engine/run/run_id.h"

#include <cstdio>
#include <ctime>

namespace ktw {

std::string make_run_id(const std::string& name, uint32_t tag) {
    const std::time_t tt = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    std::string slug;
    for (char c : name) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (c >= 'A' && c <= 'Z')
            slug += static_cast<char>(c - 'A' + 'a');
        else
            slug += keep ? c : '-';
        if (slug.size() >= 40)
            break;
    }
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%04x", tag & 0xffff);
    return std::string(stamp) + "-" + slug + "-" + suffix;
}

} // namespace ktw
