#include "engine/clusters/cluster.h"

#include "engine/clusters/embedded_cluster.h"
#include "engine/clusters/external_cluster.h"
#include "engine/clusters/local_cluster.h"

namespace ktw {

std::unique_ptr<Cluster> open_cluster(const ClusterSpec& spec,
                                      const std::function<bool()>& cancelled) {
    switch (spec.kind) {
    case ClusterKind::Embedded:
        return std::make_unique<EmbeddedCluster>(spec.brokers, spec.broker_rtt_ms);
    case ClusterKind::External:
        return std::make_unique<ExternalCluster>(spec);
    case ClusterKind::Local:
        return std::make_unique<LocalCluster>(spec, cancelled);
    }
    throw ClusterError("unknown cluster kind");
}

} // namespace ktw
