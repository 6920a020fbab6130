#pragma once
// The advisor's items as ktw-cli prints them: a heading, then per item its severity and
// title, the reason and the suggestion, wrapped to the terminal's usual 100 columns.

#include "core/advisor/advice.h"
#include "core/spec/experiment_spec.h"

#include <cstdio>
#include <vector>

namespace ktw::cli {

void print_advice(std::FILE* out, const char* heading, const std::vector<Advice>& advice);

/// Spec problems as `ktw-cli run` reports them (first "ktw-cli: FILE: ...", then "also: "),
/// each followed by the advisor's suggestion about its field, when there is one. Returns the
/// advice not shown.
std::vector<Advice> print_spec_errors(std::FILE* out, const std::string& file,
                                      const std::vector<SpecError>& errors,
                                      const std::vector<Advice>& advice);

} // namespace ktw::cli
