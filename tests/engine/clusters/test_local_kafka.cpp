// The local cluster without what it needs: the run fails at once, saying what to install.
// (Runs against real brokers are in test_integration_kafka.cpp.)
#include "engine/clusters/cluster.h"
#include "support/engine_test_support.h"
#include "engine/clusters/local_kafka.h"

#include <QtTest>
#include <cstdlib>

using namespace ktw;
using namespace ktw::test;

class TestLocalKafka : public QObject {
    Q_OBJECT

    static std::string error_of(const std::function<void()>& f) {
        try {
            f();
        } catch (const ClusterError& e) {
            return e.what();
        }
        return "";
    }

  private slots:
    void missing_jars_say_how_to_get_them() {
        QTemporaryDir empty;
        qputenv("KTW_KAFKA_LIBS", empty.path().toUtf8());
        const std::string e = error_of([] { LocalKafka::kafka_libs(); });
        qunsetenv("KTW_KAFKA_LIBS");
        QVERIFY2(e.find("scripts/local-kafka.sh fetch") != std::string::npos, e.c_str());
        QVERIFY2(e.find("apt-get install maven") != std::string::npos, e.c_str());
    }

    void missing_java_says_what_to_install() {
        const QByteArray path = qgetenv("PATH"), home = qgetenv("JAVA_HOME");
        qputenv("PATH", "/nonexistent");
        qunsetenv("JAVA_HOME");
        const std::string e = error_of([] { LocalKafka::java(); });
        qputenv("PATH", path);
        if (!home.isEmpty())
            qputenv("JAVA_HOME", home);
        QVERIFY2(e.find("apt-get install openjdk-17-jre-headless") != std::string::npos, e.c_str());
    }

    void run_on_a_local_cluster_without_jars_fails_with_the_reason() {
        QTemporaryDir empty;
        qputenv("KTW_KAFKA_LIBS", empty.path().toUtf8());
        auto j = base_spec(100);
        j["cluster"] = {{"kind", "local"}, {"brokers", 1}, {"port", 19992}};
        CancelToken cancel;
        const auto start = std::chrono::steady_clock::now();
        const RunRecord r = execute_run(request_for(j), nullptr, cancel);
        qunsetenv("KTW_KAFKA_LIBS");
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY(!r.verdict.valid);
        QVERIFY2(reasons_of(r).find("scripts/local-kafka.sh fetch") != std::string::npos,
                 reasons_of(r).c_str());
        QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    }
};

QTEST_GUILESS_MAIN(TestLocalKafka)
#include "test_local_kafka.moc"
