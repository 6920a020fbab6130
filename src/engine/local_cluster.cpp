#include "local_cluster.h"

namespace ktw {

namespace {
// Starting 3 JVMs and their controller quorum on a busy 2-core machine takes tens of seconds.
constexpr auto kStartTimeout = std::chrono::seconds(180);
} // namespace

LocalCluster::LocalCluster(const ClusterSpec& spec, const std::function<bool()>& cancelled) {
    LocalKafkaOptions options;
    options.brokers = spec.brokers;
    options.port = spec.port;
    kafka_ = LocalKafka::start(options, kStartTimeout, cancelled);
    ClusterSpec external = spec;
    external.kind = ClusterKind::External;
    external.bootstrap_servers = kafka_->bootstrap_servers();
    admin_ = std::make_unique<ExternalCluster>(external);
}

LocalCluster::~LocalCluster() {
    admin_.reset();
    kafka_.reset();
}

std::vector<std::string> LocalCluster::notes() const {
    const std::string where = std::to_string(kafka_->brokers()) + " Apache Kafka broker(s) on " +
                              kafka_->bootstrap_servers();
    if (!kafka_->started_here())
        return {"local cluster: reused the " + where + " already running (left running)"};
    return {"local cluster: started " + where +
            " for this run (KRaft, new cluster id; configs "
            "and broker logs kept in " +
            kafka_->folder() + ")"};
}

} // namespace ktw
