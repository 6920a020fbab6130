#pragma once
// Building librdkafka configurations from spec properties, and reading them back.

#include "core/spec/experiment_spec.h"
#include "engine/kafka/kafka_handles.h"

#include <map>
#include <string>
#include <vector>

namespace ktw {

/// One layer of properties and the spec path it came from ("producer.properties").
struct PropertyLayer {
    std::string path;
    const PropertyMap* properties;
};

/// Applies the layers in order. Each rejected key is reported as "<path>.<key>: <librdkafka's
/// own message>". Returns a configuration even with errors (for further checks).
KafkaConf build_conf(const std::vector<PropertyLayer>& layers, std::vector<SpecError>& errors);

/// Every property after defaults, as librdkafka reports it; secrets (passwords, client
/// secrets) become "[redacted]" and callback pointers are left out.
std::map<std::string, std::string> effective_config(const rd_kafka_conf_t* conf);

/// Checks the producer and consumer properties of a spec against librdkafka: each key and
/// value, then the combination (by creating a client that is never connected).
std::vector<SpecError> validate_client_properties(const ExperimentSpec& spec);

/// The workbench's consumer properties, applied below consumer.properties (which win).
/// docs/experiment-spec.md lists them with their reasons.
PropertyMap workbench_consumer_defaults(ClusterKind kind);

/// librdkafka's version string, e.g. "2.0.2".
std::string librdkafka_version();

} // namespace ktw
