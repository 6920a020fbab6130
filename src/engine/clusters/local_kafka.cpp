#include "engine/clusters/local_kafka.h"

#include "engine/clusters/cluster.h"
#include "engine/kafka/kafka_handles.h"

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <random>
#include <sstream>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#ifndef KTW_DEFAULT_KAFKA_LIBS
#define KTW_DEFAULT_KAFKA_LIBS ""
#endif

namespace ktw {
namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

constexpr auto kStopGrace = seconds(10);

bool port_accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

// Kafka's Uuid text form: 16 random bytes, base64url without padding; never starting with
// '-' (the command-line tools would take it for an option).
std::string new_cluster_id() {
    static const char* alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::random_device rd;
    while (true) {
        unsigned char b[18] = {};
        for (int i = 0; i < 16; ++i)
            b[i] = static_cast<unsigned char>(rd());
        std::string out;
        for (int i = 0; i < 18; i += 3) {
            const uint32_t v = (uint32_t(b[i]) << 16) | (uint32_t(b[i + 1]) << 8) | b[i + 2];
            for (int k = 3; k >= 0; --k)
                out += alphabet[(v >> (6 * k)) & 63];
        }
        out.resize(22);
        if (out[0] != '-')
            return out;
    }
}

// Starts argv with stdout and stderr appended to log_path, in its own process group (a
// terminal's Ctrl-C reaches the workbench, which then stops the brokers in order), and with
// SIGTERM when the thread that started it ends.
pid_t spawn(const std::vector<std::string>& args, const std::string& log_path) {
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0)
        throw ClusterError("cannot write " + log_path);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) { // child: async-signal-safe calls only
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(127);
        ::dup2(log_fd, STDOUT_FILENO);
        ::dup2(log_fd, STDERR_FILENO);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd >= 0)
            ::dup2(null_fd, STDIN_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(log_fd);
    if (pid < 0)
        throw ClusterError("cannot start " + args.front());
    return pid;
}

// Waits for a child until the deadline; true (and *status set) if it exited.
bool wait_child(pid_t pid, steady_clock::time_point deadline, int* status) {
    while (true) {
        const pid_t r = ::waitpid(pid, status, WNOHANG);
        if (r == pid || r < 0)
            return true;
        if (steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(milliseconds(50));
    }
}

std::string tail_of(const std::string& path, std::size_t lines) {
    std::ifstream in(path);
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
        all.push_back(line);
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
        out += "\n  " + all[i];
    return out;
}

std::string default_folder() {
    const char* env = std::getenv("KTW_LOCAL_KAFKA_DIR");
    fs::path base;
    if (env && *env) {
        base = env;
    } else {
        const char* cache = std::getenv("XDG_CACHE_HOME");
        const char* home = std::getenv("HOME");
        base =
            cache && *cache ? fs::path(cache) : fs::path(home && *home ? home : "/tmp") / ".cache";
        base /= "kafka-tuning-workbench/local-kafka";
    }
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    return (base / (std::string(stamp) + "-" + std::to_string(::getpid()))).string();
}

} // namespace

std::string LocalKafka::kafka_libs() {
    std::vector<std::string> candidates; // $KTW_KAFKA_LIBS, when set, is the only place
    if (const char* env = std::getenv("KTW_KAFKA_LIBS"); env && *env)
        candidates.push_back(env);
    else if (*KTW_DEFAULT_KAFKA_LIBS)
        candidates.push_back(KTW_DEFAULT_KAFKA_LIBS);
    for (const auto& dir : candidates) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.path().filename().string().rfind("kafka_2.13-", 0) == 0)
                return dir;
    }
    throw ClusterError(
        "cluster.kind \"local\" needs Apache Kafka's jars (kafka_2.13 4.x and its dependencies) "
        "and none were found in " +
        (candidates.empty() ? std::string("$KTW_KAFKA_LIBS") : candidates.front()) +
        ". Get them with scripts/local-kafka.sh fetch (uses Maven: apt-get install maven), or "
        "set KTW_KAFKA_LIBS to a folder holding them");
}

std::string LocalKafka::java() {
    if (const char* home = std::getenv("JAVA_HOME"); home && *home) {
        const std::string path = std::string(home) + "/bin/java";
        if (::access(path.c_str(), X_OK) == 0)
            return path;
    }
    const char* path_env = std::getenv("PATH");
    std::stringstream dirs(path_env ? path_env : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string path = (dir.empty() ? "." : dir) + "/java";
        if (::access(path.c_str(), X_OK) == 0)
            return path;
    }
    throw ClusterError("cluster.kind \"local\" runs Apache Kafka on a Java runtime, and no java "
                       "was found (JAVA_HOME, PATH): apt-get install openjdk-17-jre-headless");
}

int LocalKafka::brokers_answering(const std::string& bootstrap, milliseconds timeout) {
    KafkaConf conf(rd_kafka_conf_new());
    char err[512];
    rd_kafka_conf_set(conf.get(), "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
    rd_kafka_conf_set(conf.get(), "log_level", "0", err, sizeof err);
    KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof err));
    if (!rk)
        return 0;
    conf.release();
    const rd_kafka_metadata_t* raw = nullptr;
    if (rd_kafka_metadata(rk.get(), 0, nullptr, &raw, static_cast<int>(timeout.count())))
        return 0;
    KafkaMetadata md(raw);
    return md->broker_cnt;
}

std::string LocalKafka::bootstrap_servers() const {
    std::string out;
    for (int i = 0; i < options_.brokers; ++i)
        out += (i ? "," : "") + std::string("127.0.0.1:") + std::to_string(options_.port + 2 * i);
    return out;
}

std::string LocalKafka::broker_log(int i) const {
    return options_.folder + "/broker-" + std::to_string(i + 1) + ".log";
}

std::unique_ptr<LocalKafka> LocalKafka::start(const LocalKafkaOptions& options,
                                              milliseconds timeout,
                                              const std::function<bool()>& cancelled) {
    const auto deadline = steady_clock::now() + timeout;
    std::unique_ptr<LocalKafka> kafka(new LocalKafka(options));
    if (port_accepts(options.port)) {
        const int seen = brokers_answering(kafka->bootstrap_servers(), seconds(5));
        if (seen == options.brokers) {
            kafka->options_.folder.clear();
            return kafka; // reused, left running
        }
        throw ClusterError("port " + std::to_string(options.port) +
                           " is taken, but not by a local Kafka of " +
                           std::to_string(options.brokers) + " broker(s) (" + std::to_string(seen) +
                           " answered); stop it (scripts/local-kafka.sh stop) or set cluster.port");
    }
    const std::string java = LocalKafka::java();
    const std::string libs = kafka_libs();
    if (kafka->options_.folder.empty())
        kafka->options_.folder = default_folder();
    kafka->format_and_launch(java, libs);
    kafka->wait_until_ready(deadline, cancelled);
    return kafka;
}

void LocalKafka::format_and_launch(const std::string& java, const std::string& libs) {
    const int n = options_.brokers;
    fs::create_directories(options_.folder);
    std::string voters;
    for (int i = 0; i < n; ++i)
        voters += (i ? "," : "") + std::to_string(i + 1) +
                  "@127.0.0.1:" + std::to_string(options_.port + 2 * i + 1);
    const std::string cluster_id = new_cluster_id();
    const std::string replicas = std::to_string(std::min(n, 3));
    std::vector<std::string> configs;
    for (int i = 0; i < n; ++i) {
        const std::string port = std::to_string(options_.port + 2 * i);
        const std::string controller = std::to_string(options_.port + 2 * i + 1);
        const std::string config =
            options_.folder + "/server-" + std::to_string(i + 1) + ".properties";
        std::ofstream out(config);
        out << "process.roles=broker,controller\n"
            << "node.id=" << i + 1 << "\n"
            << "controller.quorum.voters=" << voters << "\n"
            << "listeners=PLAINTEXT://127.0.0.1:" << port
            << ",CONTROLLER://127.0.0.1:" << controller << "\n"
            << "advertised.listeners=PLAINTEXT://127.0.0.1:" << port << "\n"
            << "controller.listener.names=CONTROLLER\n"
            << "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n"
            << "inter.broker.listener.name=PLAINTEXT\n"
            << "log.dirs=" << options_.folder << "/data-" << i + 1 << "\n"
            << "offsets.topic.replication.factor=" << replicas << "\n"
            << "offsets.topic.num.partitions=10\n"
            << "transaction.state.log.replication.factor=" << replicas << "\n"
            << "transaction.state.log.min.isr=" << std::min(n, 2) << "\n"
            << "group.initial.rebalance.delay.ms=0\n"
            << "auto.create.topics.enable=false\n";
        if (!out)
            throw ClusterError("cannot write " + config);
        configs.push_back(config);
    }
    // Broker logs go to stdout, which is broker-<i>.log (reload4j, as packaging/local-kafka
    // resolves it).
    const std::string log_config = options_.folder + "/log4j.properties";
    std::ofstream(log_config)
        << "log4j.rootLogger=INFO, stdout\n"
           "log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n"
           "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n"
           "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n";
    const std::string classpath = libs + "/*";
    // Format every node's storage at once (a JVM start each), then start them.
    std::vector<pid_t> formats;
    for (int i = 0; i < n; ++i)
        formats.push_back(spawn({java, "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                                 cluster_id, "-c", configs[i]},
                                options_.folder + "/format-" + std::to_string(i + 1) + ".log"));
    for (int i = 0; i < n; ++i) {
        int status = 0;
        if (!wait_child(formats[i], steady_clock::now() + seconds(60), &status)) {
            ::kill(formats[i], SIGKILL);
            ::waitpid(formats[i], &status, 0);
            throw ClusterError("formatting the storage of local broker " + std::to_string(i + 1) +
                               " took more than 60 s");
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            const std::string log = options_.folder + "/format-" + std::to_string(i + 1) + ".log";
            throw ClusterError("formatting the storage of local broker " + std::to_string(i + 1) +
                               " failed (" + log + "):" + tail_of(log, 5));
        }
    }
    const std::string heap = n == 1 ? "-Xmx1g" : "-Xmx512m";
    for (int i = 0; i < n; ++i) {
        launch_args_.push_back({java, heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                                "-Dlog4j.configuration=file:" + log_config,
                                "-Dkafka.logs.dir=" + options_.folder, "-cp", classpath,
                                "kafka.Kafka", configs[i]});
        pids_.push_back(spawn(launch_args_.back(), broker_log(i)));
    }
}

void LocalKafka::signal_broker(int i, int signal) {
    if (i < 0 || i >= static_cast<int>(pids_.size()) || pids_[i] <= 0)
        throw ClusterError("local broker " + std::to_string(i + 1) + " is not running here");
    ::kill(pids_[i], signal);
    if (signal == SIGKILL) {
        int status = 0;
        ::waitpid(pids_[i], &status, 0);
        pids_[i] = -1;
    }
}

void LocalKafka::restart_broker(int i) {
    if (i < 0 || i >= static_cast<int>(launch_args_.size()) || pids_[i] > 0)
        throw ClusterError("local broker " + std::to_string(i + 1) + " cannot be restarted here");
    pids_[i] = spawn(launch_args_[i], broker_log(i));
}

std::string LocalKafka::exit_report(int i) const {
    return "local broker " + std::to_string(i + 1) + " exited; the end of " + broker_log(i) + ":" +
           tail_of(broker_log(i), 8);
}

void LocalKafka::wait_until_ready(steady_clock::time_point deadline,
                                  const std::function<bool()>& cancelled) {
    while (true) {
        for (std::size_t i = 0; i < pids_.size(); ++i) {
            int status = 0;
            if (::waitpid(pids_[i], &status, WNOHANG) == pids_[i]) {
                pids_[i] = -1;
                const std::string report = exit_report(static_cast<int>(i));
                stop();
                throw ClusterError(report);
            }
        }
        if (brokers_answering(bootstrap_servers(), milliseconds(1000)) == options_.brokers)
            return;
        if (cancelled && cancelled()) {
            stop();
            throw ClusterError("cancelled while starting the local Kafka brokers");
        }
        if (steady_clock::now() >= deadline) {
            stop();
            throw ClusterError("the local Kafka brokers did not all answer metadata in time; "
                               "logs in " +
                               options_.folder);
        }
        std::this_thread::sleep_for(milliseconds(250));
    }
}

void LocalKafka::stop() {
    for (pid_t pid : pids_)
        if (pid > 0) {
            ::kill(pid, SIGTERM);
            ::kill(pid, SIGCONT); // a stopped broker (fault injection) must see the SIGTERM
        }
    const auto deadline = steady_clock::now() + kStopGrace;
    for (pid_t& pid : pids_) {
        if (pid <= 0)
            continue;
        int status = 0;
        if (!wait_child(pid, deadline, &status)) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
        }
        pid = -1;
    }
    if (!pids_.empty() && !options_.folder.empty()) { // the data goes, configs and logs stay
        std::error_code ec;
        for (int i = 0; i < options_.brokers; ++i)
            fs::remove_all(options_.folder + "/data-" + std::to_string(i + 1), ec);
    }
    pids_.clear();
}

LocalKafka::~LocalKafka() {
    stop();
}

} // namespace ktw
