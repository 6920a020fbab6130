#pragma once
// Apache Kafka brokers on loopback, started (or found running) by the workbench: the
// `local` cluster kind and the integration tests.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ktw {

struct LocalKafkaOptions {
    int brokers = 1;    ///< 1 or 3; each is broker and KRaft controller in one process
    int port = 19092;   ///< broker i (0-based) listens on port + 2i, its controller on + 1
    std::string folder; ///< data, configs and logs; empty: a new folder per cluster (below)
};

/// Threading: used from one thread. Child processes get SIGTERM if that thread ends.
class LocalKafka {
  public:
    /// Uses a cluster already answering on the ports if it has as many brokers; otherwise
    /// formats a new cluster (fresh cluster id) in its own folder, starts it and waits until
    /// metadata shows every broker. Throws ClusterError naming what is missing (JDK, jars),
    /// what went wrong (a broker exited: the end of its log), or the timeout.
    static std::unique_ptr<LocalKafka> start(const LocalKafkaOptions& options,
                                             std::chrono::milliseconds timeout,
                                             const std::function<bool()>& cancelled);
    /// Stops the brokers it started (SIGTERM, SIGKILL after 10 s); logs and configs stay.
    ~LocalKafka();
    LocalKafka(const LocalKafka&) = delete;
    LocalKafka& operator=(const LocalKafka&) = delete;

    std::string bootstrap_servers() const;
    int brokers() const { return options_.brokers; }
    /// False when an already running cluster was found and is left running.
    bool started_here() const { return !pids_.empty(); }
    /// Where the data, configs and broker logs are ("" for a reused cluster).
    const std::string& folder() const { return options_.folder; }
    void stop();

    /// Fault injection (tests): sends a signal to broker i (0-based) of a cluster started
    /// here, e.g. SIGSTOP, SIGCONT, SIGKILL (which also reaps it).
    void signal_broker(int i, int signal);
    /// Starts broker i again after a SIGKILL, on its data and config; its log continues.
    void restart_broker(int i);

    /// The folder holding Apache Kafka's jars: $KTW_KAFKA_LIBS if set, else the source tree's
    /// .cache/local-kafka/lib (scripts/local-kafka.sh fetch fills it). Throws ClusterError
    /// saying how to get them.
    static std::string kafka_libs();
    /// The java executable ($JAVA_HOME/bin/java, else java on PATH). Throws ClusterError.
    static std::string java();
    /// Brokers answering metadata on these bootstrap servers within the timeout; 0 if none.
    static int brokers_answering(const std::string& bootstrap, std::chrono::milliseconds timeout);

  private:
    explicit LocalKafka(LocalKafkaOptions options) : options_(std::move(options)) {}
    void format_and_launch(const std::string& java, const std::string& libs);
    void wait_until_ready(std::chrono::steady_clock::time_point deadline,
                          const std::function<bool()>& cancelled);
    std::string broker_log(int i) const;
    std::string exit_report(int i) const;

    LocalKafkaOptions options_;
    std::vector<pid_t> pids_; // -1: not running
    std::vector<std::vector<std::string>> launch_args_;
};

} // namespace ktw
