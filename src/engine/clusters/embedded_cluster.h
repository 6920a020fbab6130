#pragma once
// librdkafka's mock cluster, running inside this process (rdkafka_mock.h).

#include "engine/clusters/cluster.h"
#include "engine/kafka/kafka_handles.h"

struct rd_kafka_mock_cluster_s;

namespace ktw {

class EmbeddedCluster : public Cluster {
  public:
    /// Starts brokers 1..broker_count on loopback ports chosen by librdkafka.
    EmbeddedCluster(int broker_count, int broker_rtt_ms);
    ~EmbeddedCluster() override;

    std::string kind() const override { return "embedded"; }
    int broker_count() const override { return brokers_; }
    std::string bootstrap_servers() const override;
    std::vector<std::string> notes() const override;
    uint64_t partition_retention_bytes() const override { return kPartitionRetentionBytes; }
    int prepare_topic(const TopicSpec& spec, const std::string& name,
                      std::chrono::milliseconds timeout,
                      const std::function<bool()>& cancelled) override;
    std::string delete_topic(const std::string&, std::chrono::milliseconds) override { return ""; }
    /// stop and kill take the mock broker down (its connections close), resume and start
    /// bring it up again.
    std::string apply_fault(int broker, FaultAction action) override;

    /// The mock cluster, for fault injection in tests and fault experiments.
    rd_kafka_mock_cluster_s* mock() const { return mock_; }

    /// librdkafka 2.0.2's mock partitions keep 5 MiB (rdkafka_mock.c, max_size).
    static constexpr uint64_t kPartitionRetentionBytes = 5ull * 1024 * 1024;

  private:
    int brokers_;
    int rtt_ms_;
    KafkaHandle host_; // the client instance that owns the mock cluster
    rd_kafka_mock_cluster_s* mock_ = nullptr;
};

} // namespace ktw
