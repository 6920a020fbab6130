#pragma once
// Statistics of repeated runs: mean, sample standard deviation, Student's t 95% confidence
// interval, and Welch's t-test to say whether two points differ beyond noise.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ktw {

struct SampleStatistics {
    std::size_t n = 0;
    double mean = 0;
    double stddev = 0; ///< sample standard deviation (n - 1 in the denominator); 0 when n < 2
    /// Half width of the two-sided 95% confidence interval of the mean,
    /// t(0.975, n - 1) * stddev / sqrt(n). None when n < 2: one run says nothing of its noise.
    std::optional<double> ci95;
};

SampleStatistics describe_sample(const std::vector<double>& values);

/// P(T <= t) for Student's t with df degrees of freedom (df > 0, not necessarily whole),
/// via the regularized incomplete beta function.
double student_t_cdf(double t, double df);
/// The t with P(T <= t) = p, 0 < p < 1 (bisection on student_t_cdf to 1e-10).
double student_t_quantile(double p, double df);

enum class NoiseVerdict {
    Different,    ///< Welch's t-test rejects "same mean" at the 5% level (two-sided)
    WithinNoise,  ///< it does not: the difference may be noise
    NotEnoughRuns ///< a side has fewer than 2 runs: no test is possible
};

struct NoiseComparison {
    NoiseVerdict verdict = NoiseVerdict::NotEnoughRuns;
    double difference = 0; ///< b.mean - a.mean
    double t = 0;          ///< Welch's t statistic
    double df = 0;         ///< Welch–Satterthwaite degrees of freedom
    double p_value = 1;    ///< two-sided
};

/// Welch's unequal-variances t-test of a against b at significance alpha (default 5%).
/// With both standard deviations 0 the means are compared exactly.
NoiseComparison compare_means(const SampleStatistics& a, const SampleStatistics& b,
                              double alpha = 0.05);

const char* to_string(NoiseVerdict v);

} // namespace ktw
