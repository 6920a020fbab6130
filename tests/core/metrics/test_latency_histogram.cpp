// Histogram percentiles against exact values from a sorted array.
#include "core/metrics/latency_histogram.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

using ktw::HistogramLayout;
using ktw::LatencyHistogram;

namespace {

// Nearest-rank percentile of sorted values: the reference the histogram must match.
uint64_t exact_percentile(const std::vector<uint64_t>& sorted, double p) {
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

// 3 significant digits: within 1/1024 of the value (plus one unit below 2048).
bool within_precision(uint64_t got, uint64_t want) {
    const double tolerance = std::max(1.0, static_cast<double>(want) / 1024.0);
    return std::fabs(static_cast<double>(got) - static_cast<double>(want)) <= tolerance;
}

} // namespace

class TestLatencyHistogram : public QObject {
    Q_OBJECT
  private slots:
    void layout_is_contiguous_and_monotonic() {
        for (std::size_t i = 1; i < HistogramLayout::kBucketCount; ++i) {
            QCOMPARE(HistogramLayout::lowest_of(i), HistogramLayout::highest_of(i - 1) + 1);
            QCOMPARE(HistogramLayout::index_of(HistogramLayout::lowest_of(i)), i);
            QCOMPARE(HistogramLayout::index_of(HistogramLayout::highest_of(i)), i);
        }
        QCOMPARE(HistogramLayout::index_of(HistogramLayout::kMaxValue),
                 HistogramLayout::kBucketCount - 1);
        QCOMPARE(HistogramLayout::index_of(UINT64_MAX), HistogramLayout::kBucketCount - 1);
    }

    void bucket_width_keeps_three_significant_digits() {
        for (std::size_t i = HistogramLayout::kLinearLimit; i < HistogramLayout::kBucketCount;
             i += 997) {
            const double low = static_cast<double>(HistogramLayout::lowest_of(i));
            const double width = static_cast<double>(HistogramLayout::highest_of(i)) - low + 1;
            QVERIFY2(width / low <= 1.0 / 1024 + 1e-12, qPrintable(QString::number(i)));
        }
    }

    void percentiles_match_sorted_values_data() {
        QTest::addColumn<int>("distribution");
        QTest::newRow("lognormal latencies") << 0;
        QTest::newRow("uniform 0..10s") << 1;
        QTest::newRow("small exact values") << 2;
        QTest::newRow("bimodal with outliers") << 3;
    }

    void percentiles_match_sorted_values() {
        QFETCH(int, distribution);
        std::mt19937_64 rng(42 + distribution);
        std::lognormal_distribution<double> lognormal(std::log(2000.0), 1.0);
        std::uniform_int_distribution<uint64_t> uniform(0, 10'000'000);
        std::uniform_int_distribution<uint64_t> small(0, 500);
        std::vector<uint64_t> values;
        for (int i = 0; i < 200'000; ++i) {
            uint64_t v = 0;
            switch (distribution) {
            case 0:
                v = static_cast<uint64_t>(lognormal(rng));
                break;
            case 1:
                v = uniform(rng);
                break;
            case 2:
                v = small(rng);
                break;
            default:
                v = (i % 100 == 0) ? 5'000'000 + small(rng) * 1000 : 300 + small(rng);
                break;
            }
            values.push_back(v);
        }
        LatencyHistogram h;
        for (auto v : values)
            h.record(v);
        std::sort(values.begin(), values.end());
        QCOMPARE(h.count(), values.size());
        QCOMPARE(h.min(), values.front());
        QCOMPARE(h.max(), values.back());
        for (double p : {1.0, 10.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
            const uint64_t want = exact_percentile(values, p);
            const uint64_t got = h.percentile(p);
            QVERIFY2(within_precision(got, want),
                     qPrintable(QString("p%1: histogram %2, exact %3").arg(p).arg(got).arg(want)));
        }
        if (distribution == 2) // below 2048 every value has its own bucket: exact
            QCOMPARE(h.percentile(50), exact_percentile(values, 50));
    }

    void merge_equals_recording_everything_in_one() {
        LatencyHistogram a, b, all;
        for (uint64_t v = 1; v < 100'000; v += 7) {
            ((v % 2) ? a : b).record(v);
            all.record(v);
        }
        a.merge(b);
        QCOMPARE(a.count(), all.count());
        QCOMPARE(a.percentile(99), all.percentile(99));
        QCOMPARE(a.min(), all.min());
        QCOMPARE(a.max(), all.max());
        QCOMPARE(a.mean(), all.mean());
    }

    void subtract_gives_the_interval_between_snapshots() {
        LatencyHistogram cumulative;
        for (int i = 0; i < 1000; ++i)
            cumulative.record(100);
        const LatencyHistogram earlier = cumulative;
        for (int i = 0; i < 500; ++i)
            cumulative.record(50'000);
        LatencyHistogram interval = cumulative;
        interval.subtract(earlier);
        QCOMPARE(interval.count(), uint64_t{500});
        QVERIFY(within_precision(interval.percentile(50), 50'000));
        QCOMPARE(interval.max(), uint64_t{50'000}); // exact: the cumulative max is in this interval
        QVERIFY(within_precision(interval.min(), 50'000));
        QCOMPARE(interval.mean(), 50'000.0);
    }

    void atomic_snapshot_matches_plain_recording() {
        ktw::AtomicLatencyHistogram atomic;
        LatencyHistogram plain, snapshot;
        for (uint64_t v = 0; v < 50'000; v += 3) {
            atomic.record(v * 13);
            plain.record(v * 13);
        }
        atomic.snapshot_into(snapshot);
        QCOMPARE(snapshot.count(), plain.count());
        QCOMPARE(snapshot.percentile(99.9), plain.percentile(99.9));
        QCOMPARE(snapshot.max(), plain.max());
        QCOMPARE(snapshot.min(), plain.min());
    }

    void json_round_trip_keeps_percentiles() {
        LatencyHistogram h;
        std::mt19937_64 rng(7);
        std::lognormal_distribution<double> d(std::log(800.0), 1.2);
        for (int i = 0; i < 10'000; ++i)
            h.record(static_cast<uint64_t>(d(rng)));
        const LatencyHistogram back =
            LatencyHistogram::from_json(nlohmann::json::parse(h.to_json().dump()));
        QCOMPARE(back.count(), h.count());
        for (double p : {50.0, 99.0, 99.9})
            QCOMPARE(back.percentile(p), h.percentile(p));
        QCOMPARE(back.max(), h.max());
    }

    void empty_histogram_reports_zeroes() {
        LatencyHistogram h;
        QCOMPARE(h.percentile(99), uint64_t{0});
        QCOMPARE(h.summary().count, uint64_t{0});
        QCOMPARE(h.min(), uint64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "test_latency_histogram.moc"
