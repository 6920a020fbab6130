// PendingDestroy: a client's rd_kafka_destroy with a deadline (the safety net against
// librdkafka destroys that never return), on the embedded cluster.

#include "engine/kafka/client_destroy.h"
#include "engine/clusters/embedded_cluster.h"
#include "engine/kafka/kafka_handles.h"

#include <QtTest>
#include <chrono>

using namespace ktw;
using Clock = std::chrono::steady_clock;

namespace {

rd_kafka_t* new_client(rd_kafka_type_t type, const std::string& bootstrap) {
    KafkaConf conf(rd_kafka_conf_new());
    char err[512];
    auto set = [&](const char* key, const char* value) {
        if (rd_kafka_conf_set(conf.get(), key, value, err, sizeof err) != RD_KAFKA_CONF_OK)
            qFatal("%s: %s", key, err);
    };
    set("bootstrap.servers", bootstrap.c_str());
    if (type == RD_KAFKA_CONSUMER) {
        set("group.id", "test-client-destroy");
        set("fetch.wait.max.ms", "10");
    }
    rd_kafka_t* rk = rd_kafka_new(type, conf.get(), err, sizeof err);
    if (!rk)
        qFatal("rd_kafka_new: %s", err);
    conf.release();
    return rk;
}

} // namespace

class TestClientDestroy : public QObject {
    Q_OBJECT

  private slots:
    void healthyClientIsDestroyedInTime() {
        EmbeddedCluster cluster(1, 0);
        PendingDestroy destroy(new_client(RD_KAFKA_PRODUCER, cluster.bootstrap_servers()), 0);
        QVERIFY(destroy.wait_until(Clock::now() + std::chrono::seconds(10)));
    }

    // A message the application never destroys keeps its partition, and so its broker
    // thread, alive: rd_kafka_destroy never returns. The wait must give up at its deadline
    // (the client is leaked on purpose; the sanitizer pass runs this test without leak checks).
    void stuckClientIsGivenUpAtTheDeadline() {
        EmbeddedCluster cluster(1, 0);
        TopicSpec spec;
        cluster.prepare_topic(spec, "stuck", std::chrono::seconds(5), [] { return false; });

        KafkaHandle producer(new_client(RD_KAFKA_PRODUCER, cluster.bootstrap_servers()));
        const char value[] = "keep me";
        QCOMPARE(rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC("stuck"),
                                   RD_KAFKA_V_VALUE(const_cast<char*>(value), sizeof value),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(rd_kafka_flush(producer.get(), 10000), RD_KAFKA_RESP_ERR_NO_ERROR);

        rd_kafka_t* consumer = new_client(RD_KAFKA_CONSUMER, cluster.bootstrap_servers());
        PartitionList parts(rd_kafka_topic_partition_list_new(1));
        rd_kafka_topic_partition_list_add(parts.get(), "stuck", 0)->offset =
            RD_KAFKA_OFFSET_BEGINNING;
        QCOMPARE(rd_kafka_assign(consumer, parts.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_message_t* kept = nullptr;
        const auto poll_deadline = Clock::now() + std::chrono::seconds(20);
        while (!kept && Clock::now() < poll_deadline) {
            rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100);
            if (m && !m->err)
                kept = m; // deliberately never destroyed
            else if (m)
                rd_kafka_message_destroy(m);
        }
        QVERIFY(kept);

        const auto start = Clock::now();
        PendingDestroy destroy(consumer, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
        QVERIFY(!destroy.wait_until(start + std::chrono::seconds(2)));
        QVERIFY(Clock::now() - start < std::chrono::seconds(4));
    }
};

QTEST_GUILESS_MAIN(TestClientDestroy)
#include "test_client_destroy.moc"
