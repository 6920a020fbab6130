#pragma once
// The advisor before a run: rules over an experiment spec (docs/advisor.md).

#include "core/advisor/advice.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ktw {

/// Whether the linked librdkafka knows a property name. Core does not link librdkafka: the
/// CLI and the GUI pass the engine's catalog (find_librdkafka_property). Without it, every
/// name in the Java table (properties_file.h) is taken as unknown to librdkafka.
using PropertyNameKnown = std::function<bool(const std::string&)>;

/// Advice on a spec as given (JSON, before validation). Property names are judged on the raw
/// JSON, so a Java or Python name that validation refuses gets its explanation here (shown
/// beside the refusal; see advice_for_field). The other rules need a spec that parses; on one
/// that does not, only the property name rules run. A top-level "sweep" is read for its
/// latency targets and axes; the rules judge the spec's base point.
std::vector<Advice> advise_spec(const nlohmann::json& given, const PropertyNameKnown& known = {});

} // namespace ktw
