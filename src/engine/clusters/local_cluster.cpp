#include "engine/clusters/local_cluster.h"

#include <csignal>

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

std::string LocalCluster::apply_fault(int broker, FaultAction action) {
    if (!kafka_->started_here())
        return "the local cluster was already running, not started by this run: faults are "
               "only done to brokers the run started";
    try {
        switch (action) {
        case FaultAction::Stop:
            kafka_->signal_broker(broker - 1, SIGSTOP);
            break;
        case FaultAction::Resume:
            kafka_->signal_broker(broker - 1, SIGCONT);
            break;
        case FaultAction::Kill:
            kafka_->signal_broker(broker - 1, SIGKILL);
            break;
        case FaultAction::Start:
            kafka_->restart_broker(broker - 1);
            break;
        }
    } catch (const ClusterError& e) {
        return e.what();
    }
    return "";
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
