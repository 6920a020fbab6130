#pragma once
// What a written report file must hold, by format: tests check content (the figures and
// reasons they expect, a chart where one belongs), not merely that a file is not empty.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ktw::test {

inline std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Returns "" when the file at path looks like a report in format `extension` (html, md,
/// pdf, csv, json) holding every string of `expected`; otherwise what is missing. A PDF's text
/// is compressed, so for PDFs only the structure is checked (header, pages, end marker).
inline std::string report_content_problem(const std::string& path, const std::string& extension,
                                          const std::vector<std::string>& expected) {
    const std::string text = read_whole_file(path);
    if (text.empty())
        return path + " is empty or missing";
    if (extension == "pdf") {
        if (!text.starts_with("%PDF-") || text.find("%%EOF") == std::string::npos)
            return path + " is not a complete PDF";
        if (text.find("/Type /Page") == std::string::npos)
            return path + " has no page";
        return "";
    }
    if (extension == "html" &&
        (!text.starts_with("<!DOCTYPE html>") || text.find("</html>") == std::string::npos))
        return path + " is not a complete HTML document";
    if (extension == "json" &&
        (text.front() != '{' || text.find("\"ktw-report\"") == std::string::npos))
        return path + " is not a ktw-report JSON document";
    for (const auto& s : expected)
        if (text.find(s) == std::string::npos)
            return path + " does not contain \"" + s + "\"";
    return "";
}

} // namespace ktw::test
