#pragma once
// The advisor's property name rule: Java and Python client names in a spec's properties
// that librdkafka spells differently or lacks (the tuning diary's max_poll_records, ...).

#include "core/advisor/advice.h"
#include "core/advisor/spec_advisor.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace ktw {

/// One "java-property-name" item per such key in cluster.properties, producer.properties and
/// consumer.properties of the raw spec JSON (no validation needed).
std::vector<Advice> advise_property_names(const nlohmann::json& given,
                                          const PropertyNameKnown& known);

} // namespace ktw
