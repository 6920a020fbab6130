#pragma once
// RAII ownership of librdkafka handles.

#include <librdkafka/rdkafka.h>
#include <memory>

namespace ktw {

struct KafkaDeleter {
    void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
    void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
    void operator()(rd_kafka_topic_partition_list_t* p) const {
        rd_kafka_topic_partition_list_destroy(p);
    }
    void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
    void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
    void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
    void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
    void operator()(rd_kafka_DeleteTopic_t* p) const { rd_kafka_DeleteTopic_destroy(p); }
    void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
    void operator()(rd_kafka_topic_t* p) const { rd_kafka_topic_destroy(p); }
    void operator()(rd_kafka_error_t* p) const { rd_kafka_error_destroy(p); }
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, KafkaDeleter>;
using KafkaQueue = std::unique_ptr<rd_kafka_queue_t, KafkaDeleter>;
using KafkaEvent = std::unique_ptr<rd_kafka_event_t, KafkaDeleter>;
using KafkaMetadata = std::unique_ptr<const rd_kafka_metadata_t, KafkaDeleter>;
/// An application reference to a topic; the client keeps its own, this one keeps the client
/// alive, so it must go before rd_kafka_destroy.
using KafkaTopic = std::unique_ptr<rd_kafka_topic_t, KafkaDeleter>;
/// An error object returned by the transactional and incremental-rebalance calls.
using KafkaError = std::unique_ptr<rd_kafka_error_t, KafkaDeleter>;

/// The error's text, or "" for no error.
inline const char* error_text(const KafkaError& e) { return e ? rd_kafka_error_string(e.get()) : ""; }

} // namespace ktw
