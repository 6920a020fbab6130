#pragma once
// Log-linear latency histogram in the HdrHistogram scheme (3 significant digits).

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace ktw {

/// Bucket layout shared by the plain and the atomic histogram.
/// Values are whole microseconds. Values below 2048 have a bucket each; above that every
/// power of two is split into 1024 buckets, so a bucket is at most 1/1024 (< 0.1 %) wide
/// relative to its value: 3 significant digits. Values above kMaxValue are clamped.
struct HistogramLayout {
    static constexpr int kSubBucketBits = 10; // 1024 buckets per power of two
    static constexpr uint64_t kSubBucketHalf = uint64_t{1} << kSubBucketBits;
    static constexpr uint64_t kLinearLimit = kSubBucketHalf * 2;   // 2048
    static constexpr uint64_t kMaxValue = (uint64_t{1} << 36) - 1; // ~19 hours in µs
    static constexpr int kMaxExponent = 36 - kSubBucketBits - 1;   // 25
    static constexpr std::size_t kBucketCount =
        static_cast<std::size_t>(kMaxExponent) * kSubBucketHalf + kLinearLimit;

    static std::size_t index_of(uint64_t value);
    static uint64_t lowest_of(std::size_t index);
    static uint64_t highest_of(std::size_t index);
};

/// Percentiles the workbench reports everywhere.
struct LatencySummary {
    uint64_t count = 0;
    double mean_us = 0;
    uint64_t min_us = 0;
    uint64_t p50_us = 0;
    uint64_t p90_us = 0;
    uint64_t p99_us = 0;
    uint64_t p999_us = 0;
    uint64_t max_us = 0;
};

/// A plain (single-threaded) histogram: recording, merging, percentile queries.
class LatencyHistogram {
  public:
    LatencyHistogram();

    void record(uint64_t value_us) { record_n(value_us, 1); }
    void record_n(uint64_t value_us, uint64_t n);
    void merge(const LatencyHistogram& other);
    /// this -= earlier, where earlier is an older snapshot of the same cumulative histogram.
    void subtract(const LatencyHistogram& earlier);
    void clear();

    uint64_t count() const { return count_; }
    uint64_t min() const { return count_ ? min_ : 0; }
    uint64_t max() const { return max_; }
    double mean() const { return count_ ? static_cast<double>(sum_) / count_ : 0.0; }
    /// Nearest-rank percentile (0 < p <= 100): the highest value equivalent to the bucket
    /// holding the ceil(p/100 * count)-th value, never above the recorded maximum.
    uint64_t percentile(double p) const;
    LatencySummary summary() const;

    uint64_t bucket_count_at(std::size_t index) const { return counts_[index]; }
    /// Sparse form for run records: {"unit":"us","buckets":[[lowest_value,count],...],...}.
    nlohmann::json to_json() const;
    static LatencyHistogram from_json(const nlohmann::json& j);

  private:
    friend class AtomicLatencyHistogram;
    std::vector<uint64_t> counts_;
    uint64_t count_ = 0;
    uint64_t sum_ = 0;
    uint64_t min_ = UINT64_MAX;
    uint64_t max_ = 0;
};

/// Threading: written by exactly one thread (record), read by any (snapshot). Relaxed
/// load+store instead of fetch_add keeps recording free of locked instructions; a snapshot
/// taken while recording may be off by the in-flight value, which live views tolerate and
/// final results avoid by snapshotting after the writer has stopped.
class AtomicLatencyHistogram {
  public:
    AtomicLatencyHistogram();

    void record(uint64_t value_us) {
        auto& bucket = counts_[HistogramLayout::index_of(value_us)];
        bucket.store(bucket.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        count_.store(count_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        sum_.store(sum_.load(std::memory_order_relaxed) + value_us, std::memory_order_relaxed);
        if (value_us > max_.load(std::memory_order_relaxed))
            max_.store(value_us, std::memory_order_relaxed);
        if (value_us < min_.load(std::memory_order_relaxed))
            min_.store(value_us, std::memory_order_relaxed);
    }
    /// Copies the cumulative state into out (reusing its storage).
    void snapshot_into(LatencyHistogram& out) const;

  private:
    std::unique_ptr<std::atomic<uint64_t>[]> counts_;
    std::atomic<uint64_t> count_{0};
    std::atomic<uint64_t> sum_{0};
    std::atomic<uint64_t> min_{UINT64_MAX};
    std::atomic<uint64_t> max_{0};
};

} // namespace ktw
