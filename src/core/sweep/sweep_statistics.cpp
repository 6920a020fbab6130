#include "core/sweep/sweep_statistics.h"

#include <cmath>
#include <limits>

namespace ktw {
namespace {

// Continued fraction of the incomplete beta function (modified Lentz's method, as in
// Numerical Recipes' betacf). Boost.Math has this, but it is not among our dependencies
// and this is the only special function the workbench needs.
double beta_continued_fraction(double a, double b, double x) {
    constexpr int kMaxIterations = 500;
    constexpr double kEpsilon = 1e-15;
    constexpr double kTiny = 1e-300;
    const double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    if (std::fabs(d) < kTiny)
        d = kTiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        d = std::fabs(d) < kTiny ? kTiny : d;
        c = 1 + aa / c;
        c = std::fabs(c) < kTiny ? kTiny : c;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        d = std::fabs(d) < kTiny ? kTiny : d;
        c = 1 + aa / c;
        c = std::fabs(c) < kTiny ? kTiny : c;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) < kEpsilon)
            break;
    }
    return h;
}

// I_x(a, b), the regularized incomplete beta function.
double regularized_incomplete_beta(double a, double b, double x) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                  a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * beta_continued_fraction(a, b, x) / a;
    return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

} // namespace

double student_t_cdf(double t, double df) {
    // P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2)
    const double tail = 0.5 * regularized_incomplete_beta(df / 2, 0.5, df / (df + t * t));
    return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
    if (p == 0.5)
        return 0;
    if (p < 0.5)
        return -student_t_quantile(1 - p, df);
    double lo = 0, hi = 1;
    while (student_t_cdf(hi, df) < p && hi < 1e12)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-10 * std::max(1.0, hi); ++i) {
        const double mid = (lo + hi) / 2;
        (student_t_cdf(mid, df) < p ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

SampleStatistics describe_sample(const std::vector<double>& values) {
    SampleStatistics s;
    s.n = values.size();
    if (s.n == 0)
        return s;
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / static_cast<double>(s.n);
    if (s.n < 2)
        return s;
    double squares = 0;
    for (double v : values)
        squares += (v - s.mean) * (v - s.mean);
    const double n = static_cast<double>(s.n);
    s.stddev = std::sqrt(squares / (n - 1));
    s.ci95 = student_t_quantile(0.975, n - 1) * s.stddev / std::sqrt(n);
    return s;
}

NoiseComparison compare_means(const SampleStatistics& a, const SampleStatistics& b, double alpha) {
    NoiseComparison c;
    c.difference = b.mean - a.mean;
    if (a.n < 2 || b.n < 2)
        return c;
    const double va = a.stddev * a.stddev / static_cast<double>(a.n);
    const double vb = b.stddev * b.stddev / static_cast<double>(b.n);
    const double se2 = va + vb;
    if (se2 == 0) { // both without spread: any difference is real, none is none
        c.p_value = c.difference == 0 ? 1 : 0;
        c.t = c.difference == 0
                  ? 0
                  : std::copysign(std::numeric_limits<double>::infinity(), c.difference);
        c.df = static_cast<double>(a.n + b.n - 2);
        c.verdict = c.difference == 0 ? NoiseVerdict::WithinNoise : NoiseVerdict::Different;
        return c;
    }
    c.t = c.difference / std::sqrt(se2);
    c.df = se2 * se2 /
           (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
    c.p_value = 2 * student_t_cdf(-std::fabs(c.t), c.df); // the lower tail keeps precision
    c.verdict = c.p_value < alpha ? NoiseVerdict::Different : NoiseVerdict::WithinNoise;
    return c;
}

const char* to_string(NoiseVerdict v) {
    switch (v) {
    case NoiseVerdict::Different:
        return "different";
    case NoiseVerdict::WithinNoise:
        return "within noise";
    case NoiseVerdict::NotEnoughRuns:
        return "not enough runs";
    }
    return "?";
}

} // namespace ktw
