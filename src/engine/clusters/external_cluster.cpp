#include "engine/clusters/external_cluster.h"

#include "engine/kafka/client_config.h"

#include <string_view>
#include <thread>

namespace ktw {
using namespace std::chrono;

ExternalCluster::ExternalCluster(const ClusterSpec& spec) : spec_(spec) {
    std::vector<SpecError> errors;
    const PropertyMap base = {{"bootstrap.servers", spec.bootstrap_servers},
                              {"client.id", "ktw-admin"}};
    KafkaConf conf =
        build_conf({{"cluster", &base}, {"cluster.properties", &spec.properties}}, errors);
    if (!errors.empty())
        throw ClusterError(errors.front().to_string());
    // librdkafka logs a broker connection's failure (refused, unknown host, TLS handshake,
    // authentication) on its own thread as it happens; the admin calls only time out later.
    // The log line is kept as the cause and not printed on the user's terminal.
    rd_kafka_conf_set_opaque(conf.get(), errors_.get());
    rd_kafka_conf_set_log_cb(conf.get(), [](const rd_kafka_t* rk, int level, const char*,
                                            const char* line) {
        if (level > 4) // errors and warnings only
            return;
        auto* errors = static_cast<ClientErrors*>(rd_kafka_opaque(rk));
        // "N/M brokers are down" only sums up the connection failures logged before it, and
        // librdkafka 2.14 repeats it on every metadata retry: it must not replace their cause.
        const bool summary = std::string_view(line).ends_with(" brokers are down");
        const std::lock_guard lock(errors->mutex);
        if (summary && !errors->last.empty())
            return;
        errors->last = line;
    });
    char err[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof err);
    if (!rk)
        throw ClusterError(std::string("cannot create an admin client for ") +
                           spec.bootstrap_servers + ": " + err);
    conf.release();
    admin_.reset(rk);
}

std::string ExternalCluster::client_cause() const {
    std::string line;
    {
        const std::lock_guard lock(errors_->mutex);
        line = errors_->last;
    }
    // "[thrd:HOST/bootstrap]: HOST/bootstrap: Connect to ... failed: Connection refused
    // (after 0ms in state CONNECT)": the thread tag and the state detail say nothing to a user.
    if (line.starts_with("[thrd:"))
        if (const auto end = line.find("]: "); end != std::string::npos)
            line.erase(0, end + 3);
    if (const auto detail = line.find(" (after "); detail != std::string::npos)
        line.erase(detail);
    return line;
}

std::string ExternalCluster::with_cause(const std::string& what) const {
    const std::string cause = client_cause();
    return cause.empty() ? what : cause + " (then: " + what + ")";
}

int ExternalCluster::broker_count() const {
    return brokers_seen_;
}

std::optional<int> ExternalCluster::partitions_in_metadata(const std::string& name,
                                                           milliseconds timeout) const {
    const rd_kafka_metadata_t* raw = nullptr;
    const rd_kafka_resp_err_t err =
        rd_kafka_metadata(admin_.get(), 1, nullptr, &raw, static_cast<int>(timeout.count()));
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT)
        return std::nullopt;
    if (err)
        throw ClusterError(
            "cannot read metadata from " + spec_.bootstrap_servers + " within " +
            std::to_string(timeout.count()) + " ms: " + with_cause(rd_kafka_err2str(err)) +
            " (is the cluster running and reachable, are the security settings right?)");
    KafkaMetadata md(raw);
    brokers_seen_ = md->broker_cnt;
    for (int i = 0; i < md->topic_cnt; ++i) {
        const auto& t = md->topics[i];
        if (name != t.topic)
            continue;
        if (t.err)
            return -1;
        int led = 0;
        for (int p = 0; p < t.partition_cnt; ++p)
            led += t.partitions[p].leader >= 0 ? 1 : 0;
        return led == t.partition_cnt ? t.partition_cnt : 0;
    }
    return -1;
}

rd_kafka_resp_err_t ExternalCluster::create_topic(const TopicSpec& spec, const std::string& name,
                                                  milliseconds timeout, std::string& message,
                                                  const std::function<bool()>& cancelled) {
    char err[512];
    std::unique_ptr<rd_kafka_NewTopic_t, KafkaDeleter> topic(rd_kafka_NewTopic_new(
        name.c_str(), spec.partitions, spec.replication_factor, err, sizeof err));
    if (!topic)
        throw ClusterError("topic \"" + name + "\": " + err);
    for (const auto& [key, value] : spec.configs)
        if (rd_kafka_NewTopic_set_config(topic.get(), key.c_str(), value.c_str()))
            throw ClusterError("topic.configs." + key + ": not accepted");
    std::unique_ptr<rd_kafka_AdminOptions_t, KafkaDeleter> options(
        rd_kafka_AdminOptions_new(admin_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
    rd_kafka_AdminOptions_set_operation_timeout(options.get(), static_cast<int>(timeout.count()),
                                                err, sizeof err);
    rd_kafka_AdminOptions_set_request_timeout(options.get(), static_cast<int>(timeout.count()), err,
                                              sizeof err);
    KafkaQueue queue(rd_kafka_queue_new(admin_.get()));
    rd_kafka_NewTopic_t* topics[] = {topic.get()};
    rd_kafka_CreateTopics(admin_.get(), topics, 1, options.get(), queue.get());
    KafkaEvent event;
    const auto deadline = steady_clock::now() + timeout + milliseconds(1000);
    while (!event && steady_clock::now() < deadline) {
        if (cancelled())
            throw ClusterError("cancelled while creating topic \"" + name + "\"");
        event.reset(rd_kafka_queue_poll(queue.get(), 100));
    }
    if (!event)
        throw ClusterError(with_cause("creating topic \"" + name + "\" got no answer within " +
                                      std::to_string(timeout.count()) + " ms"));
    if (rd_kafka_event_error(event.get())) {
        message = rd_kafka_event_error_string(event.get());
        return rd_kafka_event_error(event.get());
    }
    size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(
        rd_kafka_event_CreateTopics_result(event.get()), &count);
    if (count != 1)
        throw ClusterError("creating topic \"" + name + "\": unexpected answer from the cluster");
    const rd_kafka_resp_err_t code = rd_kafka_topic_result_error(results[0]);
    if (code)
        message = rd_kafka_topic_result_error_string(results[0])
                      ? rd_kafka_topic_result_error_string(results[0])
                      : rd_kafka_err2str(code);
    return code;
}

int ExternalCluster::prepare_topic(const TopicSpec& spec, const std::string& name,
                                   milliseconds timeout, const std::function<bool()>& cancelled) {
    const auto deadline = steady_clock::now() + timeout;
    if (spec.mode != TopicMode::Reuse) {
        std::string message;
        const auto code = create_topic(spec, name, timeout, message, cancelled);
        if (code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS && spec.mode == TopicMode::Create)
            throw ClusterError("topic \"" + name +
                               "\" already exists; set topic.mode to "
                               "\"create_or_reuse\" or \"reuse\", or choose another name");
        if (code && code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
            throw ClusterError("cannot create topic \"" + name + "\": " + with_cause(message));
    }
    // Wait until every partition has a leader: producing earlier only measures the wait.
    while (true) {
        if (cancelled())
            throw ClusterError("cancelled while waiting for topic \"" + name + "\"");
        // short metadata requests, so a cancel is seen within about half a second
        const auto partitions = partitions_in_metadata(name, milliseconds(500));
        if (!partitions && steady_clock::now() >= deadline)
            throw ClusterError("cannot read metadata from " + spec_.bootstrap_servers + " within " +
                               std::to_string(timeout.count()) + " ms: " +
                               with_cause("no answer") + " (is the cluster running and reachable, are the security "
                               "settings right?)");
        if (partitions && *partitions > 0)
            return *partitions;
        if (partitions && *partitions < 0 && spec.mode == TopicMode::Reuse)
            throw ClusterError("topic \"" + name + "\" does not exist (topic.mode is \"reuse\")");
        if (steady_clock::now() >= deadline)
            throw ClusterError("topic \"" + name + "\" has no leader for every partition after " +
                               std::to_string(timeout.count()) + " ms");
        std::this_thread::sleep_for(milliseconds(100));
    }
}

std::string ExternalCluster::delete_topic(const std::string& name, milliseconds timeout) {
    std::unique_ptr<rd_kafka_DeleteTopic_t, KafkaDeleter> topic(
        rd_kafka_DeleteTopic_new(name.c_str()));
    KafkaQueue queue(rd_kafka_queue_new(admin_.get()));
    rd_kafka_DeleteTopic_t* topics[] = {topic.get()};
    rd_kafka_DeleteTopics(admin_.get(), topics, 1, nullptr, queue.get());
    KafkaEvent event(rd_kafka_queue_poll(queue.get(), static_cast<int>(timeout.count())));
    if (!event)
        return "deleting topic \"" + name + "\" got no answer within " +
               std::to_string(timeout.count()) + " ms";
    if (rd_kafka_event_error(event.get()))
        return rd_kafka_event_error_string(event.get());
    size_t count = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(
        rd_kafka_event_DeleteTopics_result(event.get()), &count);
    if (count == 1 && rd_kafka_topic_result_error(results[0]))
        return rd_kafka_err2str(rd_kafka_topic_result_error(results[0]));
    return "";
}

} // namespace ktw
