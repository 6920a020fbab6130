#include "cli/text/text_table.h"

#include <algorithm>

namespace ktw::cli {
namespace {

// Display width: count UTF-8 code points, not bytes ("µs" is two columns).
std::size_t width_of(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

} // namespace

void TextTable::print(std::FILE* out, const std::string& indent) const {
    std::vector<std::size_t> widths;
    for (const auto& row : rows_)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.push_back(0);
            widths[i] = std::max(widths[i], width_of(row[i]));
        }
    std::size_t total = 0;
    for (auto w : widths)
        total += w + 2;
    for (const auto& row : rows_) {
        std::string line = indent;
        if (row.empty()) {
            line += std::string(total > 2 ? total - 2 : 0, '-');
        } else {
            for (std::size_t i = 0; i < row.size(); ++i) {
                const std::string pad(widths[i] - width_of(row[i]), ' ');
                line += i == 0 ? row[i] + pad : pad + row[i];
                if (i + 1 < row.size())
                    line += "  ";
            }
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        std::fprintf(out, "%s\n", line.c_str());
    }
}

} // namespace ktw::cli
