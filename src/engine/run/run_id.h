#pragma once
// Ids of runs and sweeps: readable, sortable by start time, unique enough for one workspace.

#include <cstdint>
#include <string>

namespace ktw {

/// "<YYYYMMDD-HHMMSS UTC>-<name as a slug>-<tag's low 16 bits in hex>": run ids (the tag is
/// the run's random tag), and after "sweep-" the sweep ids.
std::string make_run_id(const std::string& name, uint32_t tag);

} // namespace ktw
