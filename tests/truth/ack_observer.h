#pragma once
// The truth suite's observer of the workbench's own producers: librdkafka interceptors that
// time each message from produce() (on_send, on the producer's thread) to the broker's
// acknowledgement as librdkafka handles it (on_acknowledgement, on its broker thread), with
// the test's own clock. An executable that includes this header (once) must be linked with
// -Wl,--wrap=rd_kafka_new: every client it creates then passes through
// __wrap_rd_kafka_new below, which adds the interceptors to the workbench's producers only
// (client.id "ktw-producer-N").

#include "independent_probe.h"

#include <QtGlobal>

#include <atomic>
#include <string_view>

namespace {

// The observer keeps a message's send time in the message itself (its opaque, which the
// workbench leaves empty), so the broker thread's acknowledgement costs one clock read and
// one store: it runs for every message of a response before librdkafka hands the reports
// over, and anything slower would delay the workbench's reports by the observer's own cost.
struct AckObserver {
    std::vector<int64_t> latencies_us = std::vector<int64_t>(200'000);
    std::atomic<std::size_t> count{0};

    void reset() { count = 0; }
    probe::AckLatencies take() {
        probe::AckLatencies out;
        out.sorted_us.assign(latencies_us.begin(),
                             latencies_us.begin() + static_cast<std::ptrdiff_t>(count.load()));
        std::sort(out.sorted_us.begin(), out.sorted_us.end());
        return out;
    }
} g_observer;

rd_kafka_resp_err_t on_send(rd_kafka_t*, rd_kafka_message_t* m, void*) {
    if (m->_private)
        qFatal("the workbench now sets a message opaque: the observer must keep its own map");
    m->_private = reinterpret_cast<void*>(static_cast<std::intptr_t>(probe::now_ns()));
    return RD_KAFKA_RESP_ERR_NO_ERROR;
}

rd_kafka_resp_err_t on_acknowledgement(rd_kafka_t*, rd_kafka_message_t* m, void*) {
    const int64_t sent = static_cast<int64_t>(reinterpret_cast<std::intptr_t>(m->_private));
    if (m->err || !sent)
        return RD_KAFKA_RESP_ERR_NO_ERROR;
    const std::size_t i = g_observer.count.fetch_add(1, std::memory_order_relaxed);
    if (i < g_observer.latencies_us.size())
        g_observer.latencies_us[i] = (probe::now_ns() - sent) / 1000;
    return RD_KAFKA_RESP_ERR_NO_ERROR;
}

rd_kafka_resp_err_t on_new(rd_kafka_t* rk, const rd_kafka_conf_t*, void*, char*, size_t) {
    rd_kafka_interceptor_add_on_send(rk, "truth-observer", on_send, nullptr);
    rd_kafka_interceptor_add_on_acknowledgement(rk, "truth-observer", on_acknowledgement, nullptr);
    return RD_KAFKA_RESP_ERR_NO_ERROR;
}

} // namespace

extern "C" rd_kafka_t* __real_rd_kafka_new(rd_kafka_type_t, rd_kafka_conf_t*, char*, size_t);

// Every client this process creates passes here; only the workbench's producers (client.id
// "ktw-producer-N") are observed.
extern "C" rd_kafka_t* __wrap_rd_kafka_new(rd_kafka_type_t type, rd_kafka_conf_t* conf,
                                           char* errstr, size_t errstr_size) {
    char id[128];
    size_t id_size = sizeof id;
    if (type == RD_KAFKA_PRODUCER && conf &&
        rd_kafka_conf_get(conf, "client.id", id, &id_size) == RD_KAFKA_CONF_OK &&
        std::string_view(id).substr(0, 12) == "ktw-producer")
        rd_kafka_conf_interceptor_add_on_new(conf, "truth-observer", on_new, nullptr);
    return __real_rd_kafka_new(type, conf, errstr, errstr_size);
}
