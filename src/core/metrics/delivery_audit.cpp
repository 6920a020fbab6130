#include "core/metrics/delivery_audit.h"

#include <algorithm>
#include <bit>

namespace ktw {

bool SequenceBitset::insert(uint64_t seq) {
    const std::size_t word = seq / 64;
    if (word >= words_.size())
        words_.resize(std::max(word + 1, words_.size() * 2), 0);
    const uint64_t bit = uint64_t{1} << (seq % 64);
    if (words_[word] & bit)
        return false;
    words_[word] |= bit;
    ++count_;
    return true;
}

bool SequenceBitset::contains(uint64_t seq) const {
    const std::size_t word = seq / 64;
    return word < words_.size() && (words_[word] >> (seq % 64)) & 1;
}

uint64_t SequenceBitset::merge(const SequenceBitset& other) {
    if (other.words_.size() > words_.size())
        words_.resize(other.words_.size(), 0);
    uint64_t overlap = 0;
    for (std::size_t i = 0; i < other.words_.size(); ++i) {
        overlap += std::popcount(words_[i] & other.words_[i]);
        words_[i] |= other.words_[i];
    }
    count_ = count_ + other.count_ - overlap;
    return overlap;
}

uint64_t SequenceBitset::count_missing_from(const SequenceBitset& other) const {
    uint64_t missing = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) {
        const uint64_t theirs = i < other.words_.size() ? other.words_[i] : 0;
        missing += std::popcount(words_[i] & ~theirs);
    }
    return missing;
}

ConsumerSequenceTracker::ConsumerSequenceTracker(int producers, int partitions, int keys)
    : producers_(producers), partitions_(partitions), keys_(keys), seen_(producers),
      last_by_partition_(static_cast<std::size_t>(producers) * partitions, -1) {
    const auto key_slots = static_cast<uint64_t>(producers) * static_cast<uint64_t>(keys);
    if (keys > 0 && key_slots <= (uint64_t{4} << 20))
        last_by_key_.assign(key_slots, -1);
}

bool ConsumerSequenceTracker::observe(uint32_t producer_id, uint64_t sequence, int32_t partition,
                                      uint32_t key_index) {
    if (producer_id >= static_cast<uint32_t>(producers_) || partition < 0 ||
        partition >= partitions_) {
        ++foreign_; // a header we wrote cannot name a producer or partition we do not have
        return false;
    }
    ++consumed_;
    if (!seen_[producer_id].insert(sequence)) {
        ++duplicates_;
        return false; // a redelivery says nothing new about order
    }
    const auto seq = static_cast<int64_t>(sequence);
    auto& last =
        last_by_partition_[static_cast<std::size_t>(producer_id) * partitions_ + partition];
    if (seq < last)
        ++out_of_order_partition_;
    else
        last = seq;
    if (!last_by_key_.empty() && key_index < static_cast<uint32_t>(keys_)) {
        auto& last_key = last_by_key_[static_cast<std::size_t>(producer_id) * keys_ + key_index];
        if (seq < last_key)
            ++out_of_order_key_;
        else
            last_key = seq;
    }
    return true;
}

DeliveryAudit audit_delivery(const std::vector<SequenceBitset>& acked,
                             const std::vector<const ConsumerSequenceTracker*>& consumers) {
    DeliveryAudit a;
    std::vector<SequenceBitset> received(acked.size());
    a.key_order_checked = !consumers.empty();
    for (const auto* c : consumers) {
        a.consumed += c->consumed();
        a.duplicates += c->duplicates();
        a.out_of_order += c->out_of_order_partition();
        a.out_of_order_by_key += c->out_of_order_key();
        a.foreign += c->foreign();
        a.key_order_checked = a.key_order_checked && c->tracks_keys();
        for (std::size_t p = 0; p < received.size() && p < c->seen().size(); ++p)
            a.duplicates += received[p].merge(c->seen()[p]);
    }
    for (std::size_t p = 0; p < acked.size(); ++p) {
        a.acknowledged += acked[p].count();
        a.consumed_unique += received[p].count();
        a.lost += acked[p].count_missing_from(received[p]);
        a.unacknowledged_consumed += received[p].count_missing_from(acked[p]);
    }
    return a;
}

} // namespace ktw
