#include "engine/clusters/embedded_cluster.h"

#include <librdkafka/rdkafka_mock.h>

namespace ktw {

EmbeddedCluster::EmbeddedCluster(int broker_count, int broker_rtt_ms)
    : brokers_(broker_count), rtt_ms_(broker_rtt_ms) {
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    // The host client never connects anywhere; it only carries the mock cluster's thread.
    rd_kafka_conf_set(conf, "client.id", "ktw-embedded-cluster", nullptr, 0);
    // It has no bootstrap.servers on purpose; silence librdkafka's warning about that.
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        throw ClusterError(std::string("cannot start the embedded cluster's host client: ") + err);
    }
    host_.reset(rk);
    mock_ = rd_kafka_mock_cluster_new(rk, broker_count);
    if (!mock_)
        throw ClusterError("librdkafka could not start an embedded (mock) cluster of " +
                           std::to_string(broker_count) + " broker(s)");
    if (broker_rtt_ms > 0)
        rd_kafka_mock_broker_set_rtt(mock_, -1, broker_rtt_ms);
}

EmbeddedCluster::~EmbeddedCluster() {
    if (mock_)
        rd_kafka_mock_cluster_destroy(mock_);
}

std::string EmbeddedCluster::bootstrap_servers() const {
    return rd_kafka_mock_cluster_bootstraps(mock_);
}

std::vector<std::string> EmbeddedCluster::notes() const {
    std::vector<std::string> notes = {
        "embedded cluster: librdkafka's mock brokers inside this process, all on one thread; "
        "its numbers describe the client, not a real Kafka cluster",
        "embedded cluster: acks are not enforced (acks=all costs what acks=1 costs)",
        "embedded cluster: each partition keeps only about 5 MiB; a consumer that falls behind "
        "loses data",
        "embedded cluster: an empty fetch waits the full fetch.wait.max.ms; a fetch returns at "
        "most one batch per partition; topic configs are ignored",
    };
    if (rtt_ms_ > 0)
        notes.push_back("embedded cluster: " + std::to_string(rtt_ms_) +
                        " ms round-trip delay added per broker");
    return notes;
}

int EmbeddedCluster::prepare_topic(const TopicSpec& spec, const std::string& name,
                                   std::chrono::milliseconds, const std::function<bool()>&) {
    if (spec.mode == TopicMode::Reuse)
        throw ClusterError("topic.mode \"reuse\": the embedded cluster starts empty for every run, "
                           "so there is no topic to reuse; use \"create\"");
    const rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(mock_, name.c_str(), spec.partitions, spec.replication_factor);
    if (err)
        throw ClusterError("cannot create topic \"" + name +
                           "\" on the embedded cluster: " + rd_kafka_err2str(err));
    return spec.partitions;
}

std::string EmbeddedCluster::apply_fault(int broker, FaultAction action) {
    const bool down = action == FaultAction::Stop || action == FaultAction::Kill;
    const rd_kafka_resp_err_t err = down ? rd_kafka_mock_broker_set_down(mock_, broker)
                                         : rd_kafka_mock_broker_set_up(mock_, broker);
    return err ? rd_kafka_err2str(err) : "";
}

} // namespace ktw
