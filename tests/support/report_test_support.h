#pragma once
// Runs for report tests: two small runs on the embedded cluster with clearly different
// throughput (a producer paced at 4,000 msgs/s, and one unpaced), made once per test program.

#include "support/engine_test_support.h"

#include <vector>

namespace ktw::test {

inline const std::vector<RunRecord>& paced_and_unpaced_runs() {
    static const std::vector<RunRecord> runs = [] {
        std::vector<RunRecord> out;
        for (const char* rate : {"producer.target_rate=4000", "producer.target_rate=0"}) {
            CancelToken cancel;
            out.push_back(execute_run(
                request_for(base_spec(6000), {rate, "consumer.threads=2", "topic.partitions=2"}),
                nullptr, cancel));
            if (!out.back().verdict.valid)
                qFatal("report test run is invalid: %s", reasons_of(out.back()).c_str());
        }
        return out;
    }();
    return runs;
}

} // namespace ktw::test
