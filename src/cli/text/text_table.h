#pragma once
// A plain-text table with aligned columns (first column left, the rest right-aligned).

#include <cstdio>
#include <string>
#include <vector>

namespace ktw::cli {

class TextTable {
  public:
    void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
    void add_rule() { rows_.push_back({}); }
    void print(std::FILE* out, const std::string& indent = "  ") const;

  private:
    std::vector<std::vector<std::string>> rows_;
};

} // namespace ktw::cli
