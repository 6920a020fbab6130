#pragma once
// The Runner behind execute_run (runner.h): one object per run, on the caller's thread. Its
// parts live in three files: runner.cpp (set-up: cluster, topic, clients), runner_loop.cpp
// (the run: readiness, the 10 ms loop, phases, baselines, ticks) and runner_teardown.cpp
// (stop, destroy, the summary and the verdict). Only those three include this header.

#include "engine/clusters/cluster.h"
#include "engine/kafka/client_config.h"
#include "engine/run/interval_collector.h"
#include "engine/run/run_context.h"
#include "engine/run/runner.h"
#include "engine/workers/consumer_worker.h"
#include "engine/workers/producer_worker.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ktw::detail {

/// "2026-12-04T15:03:13Z"
std::string iso_time_utc(std::chrono::system_clock::time_point t);

class Runner {
  public:
    Runner(const RunRequest& request, RunObserver* observer, const CancelToken& cancel);
    RunRecord run();

  private:
    // setup (runner.cpp)
    void setup();
    void create_consumers();
    void create_producers();
    // the run: readiness, the loop, phases, ticks (runner_loop.cpp)
    void wait_for_consumers();
    void drive();
    void apply_due_faults(int64_t now, int64_t go);
    void take_consumer_baseline_when_due(int64_t now);
    void start_consume_phase(int64_t now);
    void step();
    std::string where_things_stand() const;
    void publish_tick();
    void forward_log();
    void phase(RunPhase p);
    // teardown and the record (runner_teardown.cpp)
    void shut_down();
    void destroy_clients();
    void abandon(ConsumerWorker* w);
    void abandon(ProducerWorker* w);
    void leak_abandoned_workers();
    void finish_record();

    int64_t warmup_ns() const { return static_cast<int64_t>(spec_.phases.warmup_s * 1e9); }

    bool stopping() const { return signals_.abort.load(); }

    const ExperimentSpec& spec_;
    RunObserver* observer_;
    const CancelToken& cancel_;
    RunClock clock_;
    LogSink log_;
    RunSignals signals_;
    RunRecord record_;
    uint32_t run_tag_ = 0;
    RunStatus status_ = RunStatus::Completed;
    std::string status_detail_;
    RunPhase phase_ = RunPhase::Starting;

    std::unique_ptr<Cluster> cluster_;
    std::string topic_;
    int partitions_ = 0;
    PropertyMap base_properties_, consumer_defaults_;
    // Workers are declared after the cluster so they are destroyed before it.
    std::vector<std::unique_ptr<ConsumerWorker>> consumers_;
    std::vector<std::unique_ptr<ProducerWorker>> producers_;
    std::unique_ptr<IntervalCollector> collector_;
    std::vector<ConsumerWorker*> abandoned_consumers_;
    std::vector<ProducerWorker*> abandoned_producers_;
    std::vector<std::string> abandoned_clients_;
    std::size_t next_fault_ = 0; // spec_.faults before it are done
    double last_tick_ = 0;
    int64_t consume_start_ns_ = 0;
    MeterTotals producer_baseline_, consumer_baseline_, final_totals_;
    bool producer_baseline_taken_ = false, consumer_baseline_taken_ = false;
};

} // namespace ktw::detail
