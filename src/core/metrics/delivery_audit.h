#pragma once
// Completeness and order checking: which acknowledged messages were consumed, which twice,
// which out of order. Each consumer thread owns one tracker; they are merged at the end.

#include <cstdint>
#include <string>
#include <vector>

namespace ktw {

/// A growable set of sequence numbers 0..n.
class SequenceBitset {
  public:
    /// Marks seq; returns false if it was already marked.
    bool insert(uint64_t seq);
    bool contains(uint64_t seq) const;
    uint64_t count() const { return count_; }
    uint64_t size_bits() const { return words_.size() * 64; }
    /// Adds other's members; returns how many were already here (duplicates across sets).
    uint64_t merge(const SequenceBitset& other);
    /// Members of this set missing from other.
    uint64_t count_missing_from(const SequenceBitset& other) const;

  private:
    std::vector<uint64_t> words_;
    uint64_t count_ = 0;
};

/// Threading: owned by one consumer thread until the run ends, then read by the orchestrator.
class ConsumerSequenceTracker {
  public:
    /// producers: producer thread count; partitions: topic partition count; keys: distinct
    /// key count (0 when unkeyed). Per-key order is tracked when producers * keys <= 4M.
    ConsumerSequenceTracker(int producers, int partitions, int keys);

    /// Returns true for a first delivery of one of this run's messages.
    bool observe(uint32_t producer_id, uint64_t sequence, int32_t partition, uint32_t key_index);
    void observe_foreign() { ++foreign_; }

    uint64_t consumed() const { return consumed_; }
    uint64_t duplicates() const { return duplicates_; }
    uint64_t out_of_order_partition() const { return out_of_order_partition_; }
    uint64_t out_of_order_key() const { return out_of_order_key_; }
    uint64_t foreign() const { return foreign_; }
    bool tracks_keys() const { return !last_by_key_.empty(); }
    const std::vector<SequenceBitset>& seen() const { return seen_; }

  private:
    int producers_, partitions_, keys_;
    std::vector<SequenceBitset> seen_;       // per producer
    std::vector<int64_t> last_by_partition_; // [producer * partitions + partition]
    std::vector<int64_t> last_by_key_;       // [producer * keys + key]
    uint64_t consumed_ = 0, duplicates_ = 0, out_of_order_partition_ = 0, out_of_order_key_ = 0,
             foreign_ = 0;
};

/// The outcome of comparing what producers had acknowledged with what consumers received.
struct DeliveryAudit {
    uint64_t acknowledged = 0;
    uint64_t consumed = 0; ///< messages received, duplicates included
    uint64_t consumed_unique = 0;
    uint64_t lost = 0;         ///< acknowledged, never consumed
    uint64_t duplicates = 0;   ///< received more than once (within or across consumers)
    uint64_t out_of_order = 0; ///< per producer and partition
    uint64_t out_of_order_by_key = 0;
    uint64_t unacknowledged_consumed = 0; ///< consumed although delivery was not confirmed
    uint64_t foreign = 0;                 ///< not from this run (another run's or another app's)
    bool key_order_checked = false;
};

/// acked: per producer, the sequences whose delivery was confirmed.
DeliveryAudit audit_delivery(const std::vector<SequenceBitset>& acked,
                             const std::vector<const ConsumerSequenceTracker*>& consumers);

} // namespace ktw
