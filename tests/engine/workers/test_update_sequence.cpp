// UpdateSequence: a reader never sees one meter of a bracketed update without the other,
// while a writer thread updates them as fast as it can (what a consumer does per poll and
// the runner reads at the end of a warm-up).
#include "engine/workers/update_sequence.h"

#include <QtTest>
#include <atomic>
#include <thread>

using namespace ktw;

class TestUpdateSequence : public QObject {
    Q_OBJECT
  private slots:
    void readings_are_consistent_while_writing() {
        UpdateSequence updates;
        std::atomic<uint64_t> messages{0}, latencies{0};
        std::atomic<bool> stop{false};
        std::thread writer([&] {
            while (!stop.load(std::memory_order_relaxed)) {
                updates.begin();
                for (int i = 0; i < 8; ++i) { // a poll of 8 messages, each counted twice
                    messages.store(messages.load(std::memory_order_relaxed) + 1,
                                   std::memory_order_relaxed);
                    latencies.store(latencies.load(std::memory_order_relaxed) + 1,
                                    std::memory_order_relaxed);
                }
                updates.end();
            }
        });
        int mismatches = 0, readings = 0;
        uint64_t last = 0;
        while (readings < 200000 || last == 0) {
            uint64_t m = 0, l = 0;
            updates.read([&] {
                m = messages.load(std::memory_order_relaxed);
                l = latencies.load(std::memory_order_relaxed);
            });
            mismatches += m != l || m % 8 != 0 ? 1 : 0; // torn: part of a poll, or one meter
            last = m;
            ++readings;
        }
        stop = true;
        writer.join();
        QCOMPARE(mismatches, 0);
        QVERIFY(last > 0); // the writer did write while we read
    }
};

QTEST_GUILESS_MAIN(TestUpdateSequence)
#include "test_update_sequence.moc"
