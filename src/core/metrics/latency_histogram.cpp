#include "core/metrics/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ktw {

std::size_t HistogramLayout::index_of(uint64_t value) {
    value = std::min(value, kMaxValue);
    if (value < kLinearLimit)
        return static_cast<std::size_t>(value);
    // exponent such that (value >> exponent) lands in [1024, 2047]
    const int exponent = (63 - std::countl_zero(value)) - kSubBucketBits;
    return static_cast<std::size_t>(exponent) * kSubBucketHalf +
           static_cast<std::size_t>(value >> exponent);
}

uint64_t HistogramLayout::lowest_of(std::size_t index) {
    if (index < kLinearLimit)
        return index;
    const std::size_t exponent = (index >> kSubBucketBits) - 1;
    const uint64_t sub = index - exponent * kSubBucketHalf;
    return sub << exponent;
}

uint64_t HistogramLayout::highest_of(std::size_t index) {
    if (index < kLinearLimit)
        return index;
    const std::size_t exponent = (index >> kSubBucketBits) - 1;
    const uint64_t sub = index - exponent * kSubBucketHalf;
    return ((sub + 1) << exponent) - 1;
}

LatencyHistogram::LatencyHistogram() : counts_(HistogramLayout::kBucketCount, 0) {}

void LatencyHistogram::record_n(uint64_t value_us, uint64_t n) {
    if (n == 0)
        return;
    value_us = std::min(value_us, HistogramLayout::kMaxValue);
    counts_[HistogramLayout::index_of(value_us)] += n;
    count_ += n;
    sum_ += value_us * n;
    min_ = std::min(min_, value_us);
    max_ = std::max(max_, value_us);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    if (other.count_ == 0)
        return;
    for (std::size_t i = 0; i < counts_.size(); ++i)
        counts_[i] += other.counts_[i];
    count_ += other.count_;
    sum_ += other.sum_;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
}

void LatencyHistogram::subtract(const LatencyHistogram& earlier) {
    // The difference of two snapshots knows its extremes only to bucket precision, except
    // that the cumulative max is exact if it falls in the difference's highest bucket.
    const uint64_t cumulative_max = max_;
    count_ = 0;
    std::size_t first = counts_.size(), last = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        counts_[i] -= std::min(counts_[i], earlier.counts_[i]);
        if (counts_[i] == 0)
            continue;
        count_ += counts_[i];
        first = std::min(first, i);
        last = i;
    }
    sum_ = sum_ >= earlier.sum_ ? sum_ - earlier.sum_ : 0;
    if (count_ == 0) {
        min_ = UINT64_MAX;
        max_ = 0;
        return;
    }
    min_ = HistogramLayout::lowest_of(first);
    const bool exact_max_here = cumulative_max >= HistogramLayout::lowest_of(last) &&
                                cumulative_max <= HistogramLayout::highest_of(last);
    max_ = exact_max_here ? cumulative_max : HistogramLayout::highest_of(last);
}

void LatencyHistogram::clear() {
    std::fill(counts_.begin(), counts_.end(), 0);
    count_ = sum_ = max_ = 0;
    min_ = UINT64_MAX;
}

uint64_t LatencyHistogram::percentile(double p) const {
    if (count_ == 0)
        return 0;
    p = std::clamp(p, 0.0, 100.0);
    auto rank = static_cast<uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
    rank = std::clamp<uint64_t>(rank, 1, count_);
    uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank)
            return std::clamp(HistogramLayout::highest_of(i), min(), max_);
    }
    return max_;
}

LatencySummary LatencyHistogram::summary() const {
    LatencySummary s;
    s.count = count_;
    s.mean_us = mean();
    s.min_us = min();
    s.p50_us = percentile(50);
    s.p90_us = percentile(90);
    s.p99_us = percentile(99);
    s.p999_us = percentile(99.9);
    s.max_us = max_;
    return s;
}

nlohmann::json LatencyHistogram::to_json() const {
    nlohmann::json buckets = nlohmann::json::array();
    for (std::size_t i = 0; i < counts_.size(); ++i)
        if (counts_[i])
            buckets.push_back({HistogramLayout::lowest_of(i), counts_[i]});
    return {{"unit", "us"},
            {"significant_digits", 3},
            {"count", count_},
            {"sum", sum_},
            {"min", min()},
            {"max", max_},
            {"buckets", std::move(buckets)}};
}

LatencyHistogram LatencyHistogram::from_json(const nlohmann::json& j) {
    LatencyHistogram h;
    for (const auto& b : j.at("buckets")) {
        const auto value = b.at(0).get<uint64_t>();
        const auto n = b.at(1).get<uint64_t>();
        h.counts_[HistogramLayout::index_of(value)] += n;
        h.count_ += n;
    }
    h.sum_ = j.value("sum", uint64_t{0});
    if (h.count_) {
        h.min_ = j.value("min", uint64_t{0});
        h.max_ = j.value("max", uint64_t{0});
    }
    return h;
}

AtomicLatencyHistogram::AtomicLatencyHistogram()
    : counts_(new std::atomic<uint64_t>[HistogramLayout::kBucketCount]) {
    for (std::size_t i = 0; i < HistogramLayout::kBucketCount; ++i)
        counts_[i].store(0, std::memory_order_relaxed);
}

void AtomicLatencyHistogram::snapshot_into(LatencyHistogram& out) const {
    uint64_t total = 0;
    for (std::size_t i = 0; i < HistogramLayout::kBucketCount; ++i) {
        out.counts_[i] = counts_[i].load(std::memory_order_relaxed);
        total += out.counts_[i];
    }
    // count from the buckets so percentile ranks always match what the buckets hold
    out.count_ = total;
    out.sum_ = sum_.load(std::memory_order_relaxed);
    out.min_ = min_.load(std::memory_order_relaxed);
    out.max_ = max_.load(std::memory_order_relaxed);
    if (total == 0) {
        out.min_ = UINT64_MAX;
        out.max_ = 0;
    }
}

} // namespace ktw
