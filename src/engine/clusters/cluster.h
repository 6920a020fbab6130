#pragma once
// Where a run's messages go: the embedded mock cluster or a cluster the user runs.

#include "core/spec/experiment_spec.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ktw {

/// A cluster could not be set up or does not do what the run needs; the message says why.
class ClusterError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Threading: used from the runner's thread only.
class Cluster {
  public:
    virtual ~Cluster() = default;

    virtual std::string kind() const = 0;
    virtual int broker_count() const = 0;
    virtual std::string bootstrap_servers() const = 0;
    /// Limits that make this cluster's numbers differ from a real one's; shown with results.
    virtual std::vector<std::string> notes() const = 0;
    /// Bytes a partition keeps before dropping old data; 0 when not limited by the cluster.
    virtual uint64_t partition_retention_bytes() const { return 0; }

    /// Makes the topic ready as the spec's mode says and returns its partition count.
    /// Throws ClusterError (topic exists in "create" mode, missing in "reuse", timeout...),
    /// also when cancelled() turns true while waiting for the cluster (checked every 100 ms).
    virtual int prepare_topic(const TopicSpec& spec, const std::string& name,
                              std::chrono::milliseconds timeout,
                              const std::function<bool()>& cancelled) = 0;
    /// Best effort; returns an error message or "".
    virtual std::string delete_topic(const std::string& name,
                                     std::chrono::milliseconds timeout) = 0;
    /// Does a spec's fault to broker (1-based); returns an error message or "".
    virtual std::string apply_fault(int /*broker*/, FaultAction /*action*/) {
        return "this cluster kind cannot inject faults";
    }
};

/// Opens the cluster a spec names: for "embedded", starts a new mock cluster; for "local",
/// starts Apache Kafka brokers or reuses running ones (returns early, throwing ClusterError,
/// once cancelled() turns true).
std::unique_ptr<Cluster> open_cluster(const ClusterSpec& spec,
                                      const std::function<bool()>& cancelled = {});

} // namespace ktw
