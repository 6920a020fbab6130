#pragma once
// Cluster kind "local": Apache Kafka brokers on loopback started for the run (or found
// running); topics through the admin API as on an external cluster.

#include "engine/clusters/cluster.h"
#include "engine/clusters/external_cluster.h"
#include "engine/clusters/local_kafka.h"

namespace ktw {

class LocalCluster : public Cluster {
  public:
    /// Starts (or reuses) the brokers, then connects an admin client. Throws ClusterError.
    LocalCluster(const ClusterSpec& spec, const std::function<bool()>& cancelled);
    /// Stops the brokers if this cluster started them.
    ~LocalCluster() override;

    std::string kind() const override { return "local"; }
    int broker_count() const override { return kafka_->brokers(); }
    std::string bootstrap_servers() const override { return kafka_->bootstrap_servers(); }
    std::vector<std::string> notes() const override;
    int prepare_topic(const TopicSpec& spec, const std::string& name,
                      std::chrono::milliseconds timeout,
                      const std::function<bool()>& cancelled) override {
        return admin_->prepare_topic(spec, name, timeout, cancelled);
    }
    std::string delete_topic(const std::string& name, std::chrono::milliseconds timeout) override {
        return admin_->delete_topic(name, timeout);
    }
    /// stop/resume: SIGSTOP/SIGCONT; kill: SIGKILL; start: the killed broker again, on its
    /// data. Only for brokers this run started.
    std::string apply_fault(int broker, FaultAction action) override;

  private:
    std::unique_ptr<LocalKafka> kafka_;
    std::unique_ptr<ExternalCluster> admin_; // destroyed before the brokers stop
};

} // namespace ktw
