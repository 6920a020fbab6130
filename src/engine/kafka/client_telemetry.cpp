#include "engine/kafka/client_telemetry.h"

#include "core/metrics/librdkafka_statistics.h"

namespace ktw {

std::vector<StatisticsSample> ClientTelemetry::samples() const {
    std::lock_guard lock(mutex_);
    return samples_;
}

void ClientTelemetry::detach() {
    std::lock_guard lock(callback_mutex_);
    detached_ = true;
}

void ClientTelemetry::on_statistics(const char* json, size_t len) {
    std::lock_guard callback(callback_mutex_);
    if (detached_)
        return;
    if (auto sample =
            parse_librdkafka_statistics(std::string(json, len), name_, clock_.seconds_now())) {
        latest_fetches_ = sample->fetch_requests;
        std::lock_guard lock(mutex_);
        samples_.push_back(std::move(*sample));
    }
    ++emits_;
}

void ClientTelemetry::on_error(int err, const char* reason) {
    std::lock_guard callback(callback_mutex_);
    if (detached_)
        return;
    log_.add(quiet_ ? LogLevel::Info : LogLevel::Error, name_,
             std::string(rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err))) + ": " + reason);
}

void ClientTelemetry::on_log(int level, const char* facility, const char* message) {
    std::lock_guard callback(callback_mutex_);
    if (detached_)
        return;
    // syslog levels: 3 error, 4 warning, above that notices and debug output
    const LogLevel kind = quiet_ || level > 4 ? LogLevel::Info
                         : level <= 3        ? LogLevel::Error
                                             : LogLevel::Warning;
    log_.add(kind, name_, std::string(facility) + ": " + message);
}

} // namespace ktw
