#pragma once
// The ready-made client configurations of the deep-dive notes (high throughput, high
// reliability, low latency), in librdkafka's property names.

#include "core/spec/experiment_spec.h"

#include <string>
#include <vector>

namespace ktw {

struct ClientPreset {
    std::string name;        ///< "High throughput"
    std::string description; ///< what it trades, and how the notes' Java names were mapped
    PropertyMap producer;
    PropertyMap consumer;
};

const std::vector<ClientPreset>& client_presets();

} // namespace ktw
