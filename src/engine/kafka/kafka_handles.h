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
};

using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using KafkaConf = std::unique_ptr<rd_kafka_conf_t, KafkaDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, KafkaDeleter>;
using KafkaQueue = std::unique_ptr<rd_kafka_queue_t, KafkaDeleter>;
using KafkaEvent = std::unique_ptr<rd_kafka_event_t, KafkaDeleter>;
using KafkaMetadata = std::unique_ptr<const rd_kafka_metadata_t, KafkaDeleter>;

} // namespace ktw
