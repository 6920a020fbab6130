// Lost, duplicated and reordered messages, within one consumer and across several.
#include "core/metrics/delivery_audit.h"
#include "core/metrics/message_header.h"

#include <QtTest>

using namespace ktw;

namespace {

std::vector<SequenceBitset> acked_range(int producers, uint64_t n) {
    std::vector<SequenceBitset> acked(static_cast<std::size_t>(producers));
    for (auto& a : acked)
        for (uint64_t s = 0; s < n; ++s)
            a.insert(s);
    return acked;
}

} // namespace

class TestDeliveryAudit : public QObject {
    Q_OBJECT
  private slots:
    void header_round_trips_and_rejects_foreign_payloads() {
        MessageHeader h;
        h.run_tag = 0xabcdef01;
        h.producer_id = 3;
        h.key_index = 77;
        h.sequence = 1234567890123ull;
        h.send_ns = -42;
        char buf[64] = {};
        h.write_to(buf);
        const auto back = MessageHeader::read_from(buf, sizeof buf);
        QVERIFY(back.has_value());
        QCOMPARE(back->run_tag, h.run_tag);
        QCOMPARE(back->producer_id, 3u);
        QCOMPARE(back->key_index, 77u);
        QCOMPARE(back->sequence, h.sequence);
        QCOMPARE(back->send_ns, int64_t{-42});
        QVERIFY(!MessageHeader::read_from(buf, 31)); // too short
        const char text[40] = "hello, this is somebody else's message";
        QVERIFY(!MessageHeader::read_from(text, sizeof text));
    }

    void bitset_counts_merges_and_finds_missing() {
        SequenceBitset a, b;
        QVERIFY(a.insert(5));
        QVERIFY(!a.insert(5));
        QVERIFY(a.insert(1000));
        QVERIFY(b.insert(5));
        QVERIFY(b.insert(7));
        QCOMPARE(a.count(), uint64_t{2});
        QCOMPARE(a.count_missing_from(b), uint64_t{1}); // 1000
        QCOMPARE(a.merge(b), uint64_t{1});              // 5 was in both
        QCOMPARE(a.count(), uint64_t{3});
        QVERIFY(a.contains(7) && a.contains(1000) && !a.contains(6));
    }

    void complete_in_order_delivery_is_clean() {
        ConsumerSequenceTracker t(2, 3, 0);
        for (uint64_t s = 0; s < 100; ++s)
            for (uint32_t p = 0; p < 2; ++p)
                t.observe(p, s, static_cast<int32_t>(s % 3), MessageHeader::kNoKey);
        const auto a = audit_delivery(acked_range(2, 100), {&t});
        QCOMPARE(a.acknowledged, uint64_t{200});
        QCOMPARE(a.consumed, uint64_t{200});
        QCOMPARE(a.consumed_unique, uint64_t{200});
        QCOMPARE(a.lost, uint64_t{0});
        QCOMPARE(a.duplicates, uint64_t{0});
        QCOMPARE(a.out_of_order, uint64_t{0});
    }

    void lost_messages_are_counted() {
        ConsumerSequenceTracker t(1, 1, 0);
        for (uint64_t s = 0; s < 100; ++s)
            if (s % 10 != 3)
                t.observe(0, s, 0, MessageHeader::kNoKey);
        const auto a = audit_delivery(acked_range(1, 100), {&t});
        QCOMPARE(a.lost, uint64_t{10});
        QCOMPARE(a.consumed_unique, uint64_t{90});
    }

    void duplicates_within_and_across_consumers() {
        ConsumerSequenceTracker c0(1, 2, 0), c1(1, 2, 0);
        for (uint64_t s = 0; s < 10; ++s)
            c0.observe(0, s, 0, MessageHeader::kNoKey);
        c0.observe(0, 4, 0, MessageHeader::kNoKey); // redelivered to the same consumer
        for (uint64_t s = 5; s < 20; ++s)           // 5..9 again after a rebalance
            c1.observe(0, s, 1, MessageHeader::kNoKey);
        const auto a = audit_delivery(acked_range(1, 20), {&c0, &c1});
        QCOMPARE(a.duplicates, uint64_t{1 + 5});
        QCOMPARE(a.lost, uint64_t{0});
        QCOMPARE(a.consumed, uint64_t{26});
        QCOMPARE(a.consumed_unique, uint64_t{20});
    }

    void reordering_within_a_partition_and_within_a_key() {
        ConsumerSequenceTracker t(1, 2, 4);
        for (uint64_t s : {0, 1, 3, 2, 4}) // 2 after 3 in partition 0
            t.observe(0, s, 0, static_cast<uint32_t>(s % 4));
        // key 1 moves partition: per partition in order, per key out of order
        t.observe(0, 9, 1, 1);
        t.observe(0, 5, 0, 1);
        const auto a = audit_delivery(acked_range(1, 10), {&t});
        QCOMPARE(a.out_of_order, uint64_t{1});
        QCOMPARE(a.out_of_order_by_key, uint64_t{1});
        QVERIFY(a.key_order_checked);
    }

    void unacknowledged_and_foreign_messages_are_separate() {
        ConsumerSequenceTracker t(1, 1, 0);
        for (uint64_t s = 0; s < 12; ++s)
            t.observe(0, s, 0, MessageHeader::kNoKey); // 10 and 11 never acked
        t.observe(7, 0, 0, MessageHeader::kNoKey);     // no producer 7
        t.observe(0, 0, 5, MessageHeader::kNoKey);     // no partition 5
        t.observe_foreign();
        const auto a = audit_delivery(acked_range(1, 10), {&t});
        QCOMPARE(a.unacknowledged_consumed, uint64_t{2});
        QCOMPARE(a.foreign, uint64_t{3});
        QCOMPARE(a.lost, uint64_t{0});
    }

    void key_tracking_is_skipped_when_too_large() {
        ConsumerSequenceTracker t(8, 1, 10'000'000);
        QVERIFY(!t.tracks_keys());
        const auto a = audit_delivery({}, {&t});
        QVERIFY(!a.key_order_checked);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryAudit)
#include "test_delivery_audit.moc"
