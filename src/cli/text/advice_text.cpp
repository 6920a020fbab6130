#include "cli/text/advice_text.h"

#include <sstream>
#include <string>

namespace ktw::cli {
namespace {

constexpr std::size_t kWidth = 100;

// Greedy word wrap with a hanging indent (byte counts: a few µ and × are off by one column).
// The first line starts with `first`, the others with `indent`.
void print_wrapped(std::FILE* out, const std::string& first, const std::string& indent,
                   const std::string& text) {
    std::istringstream words(text);
    std::string line = first, word;
    std::size_t start = first.size();
    while (words >> word) {
        if (line.size() > start && line.size() + 1 + word.size() > kWidth) {
            std::fprintf(out, "%s\n", line.c_str());
            line = indent;
            start = indent.size();
        }
        line += (line.size() > start ? " " : "") + word;
    }
    if (line.size() > start)
        std::fprintf(out, "%s\n", line.c_str());
}

} // namespace

void print_advice(std::FILE* out, const char* heading, const std::vector<Advice>& advice) {
    std::size_t warnings = 0;
    for (const auto& a : advice)
        warnings += a.severity == AdviceSeverity::Warning ? 1 : 0;
    const std::size_t notes = advice.size() - warnings;
    const std::string count =
        std::to_string(warnings) + " warning(s), " + std::to_string(notes) + " note(s)";
    std::fprintf(out, "\n%s: %s\n", heading, advice.empty() ? "nothing to remark" : count.c_str());
    for (const auto& a : advice) {
        std::fprintf(out, "  %-7s %s\n", to_string(a.severity), a.title.c_str());
        const std::string indent(10, ' ');
        print_wrapped(out, indent, indent, a.reason);
        print_wrapped(out, indent, indent, "Try: " + a.suggestion);
        std::fprintf(out, "          (%s%s%s)\n", a.rule.c_str(), a.field.empty() ? "" : "; ",
                     a.field.c_str());
    }
}

std::vector<Advice> print_spec_errors(std::FILE* out, const std::string& file,
                                      const std::vector<SpecError>& errors,
                                      const std::vector<Advice>& advice) {
    std::vector<Advice> rest = advice;
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (i == 0)
            std::fprintf(out, "ktw-cli: %s: %s\n", file.c_str(), errors[i].to_string().c_str());
        else
            std::fprintf(out, "ktw-cli: also: %s\n", errors[i].to_string().c_str());
        for (const auto& a : advice_for_field(advice, errors[i].path)) {
            print_wrapped(
                out, "ktw-cli:   advisor: ", "ktw-cli:            ", a.title + ". " + a.suggestion);
            std::erase_if(rest,
                          [&](const Advice& r) { return r.field == a.field && r.rule == a.rule; });
        }
    }
    return rest;
}

} // namespace ktw::cli
