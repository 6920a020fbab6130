#pragma once
// A cluster the user runs, reached through bootstrap servers; topics via the admin API.

#include "engine/clusters/cluster.h"
#include "engine/kafka/kafka_handles.h"

#include <memory>
#include <mutex>
#include <optional>

namespace ktw {

class ExternalCluster : public Cluster {
  public:
    /// Connects an admin client; throws ClusterError if the properties are refused.
    explicit ExternalCluster(const ClusterSpec& spec);

    std::string kind() const override { return "external"; }
    int broker_count() const override;
    std::string bootstrap_servers() const override { return spec_.bootstrap_servers; }
    std::vector<std::string> notes() const override { return {}; }
    int prepare_topic(const TopicSpec& spec, const std::string& name,
                      std::chrono::milliseconds timeout,
                      const std::function<bool()>& cancelled) override;
    std::string delete_topic(const std::string& name, std::chrono::milliseconds timeout) override;

  private:
    /// Partitions with a leader, or -1 if the topic is unknown. Throws on timeout.
    /// nullopt if the cluster did not answer within the timeout.
    std::optional<int> partitions_in_metadata(const std::string& name,
                                              std::chrono::milliseconds timeout) const;
    /// Runs CreateTopics; returns the broker's error code for the topic.
    rd_kafka_resp_err_t create_topic(const TopicSpec& spec, const std::string& name,
                                     std::chrono::milliseconds timeout, std::string& message,
                                     const std::function<bool()>& cancelled);

    /// The client's last connection-level error or warning, or "": an admin call that times
    /// out says why the brokers did not answer (refused, unknown host, TLS, authentication)
    /// instead of only that they did not.
    std::string client_cause() const;
    /// "CAUSE (then: WHAT)", or WHAT when the client saw no error.
    std::string with_cause(const std::string& what) const;

    /// The admin client's log callback writes here, on librdkafka's threads.
    struct ClientErrors {
        std::mutex mutex;
        std::string last;
    };

    ClusterSpec spec_;
    std::unique_ptr<ClientErrors> errors_ = std::make_unique<ClientErrors>();
    KafkaHandle admin_; // after errors_: destroyed first, so no callback outlives them
    mutable int brokers_seen_ = 0;
};

} // namespace ktw
