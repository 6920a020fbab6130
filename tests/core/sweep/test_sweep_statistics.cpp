// Mean, standard deviation, Student's t confidence intervals and Welch's test, against
// published values (t tables; Wikipedia's "Welch's t-test" example 1).
#include "core/sweep/sweep_statistics.h"

#include <QtTest>
#include <cmath>

using namespace ktw;

class TestSweepStatistics : public QObject {
    Q_OBJECT
  private slots:
    // Two-sided 95% critical values of Student's t, as printed in every t table.
    void t_critical_values() {
        const std::pair<double, double> table[] = {{1, 12.7062}, {2, 4.3027},  {4, 2.7764},
                                                   {7, 2.3646},  {10, 2.2281}, {30, 2.0423},
                                                   {120, 1.9799}};
        for (const auto& [df, t] : table)
            QVERIFY2(std::fabs(student_t_quantile(0.975, df) - t) < 1e-4,
                     (std::to_string(df) + ": " + std::to_string(student_t_quantile(0.975, df)))
                         .c_str());
        QCOMPARE(student_t_quantile(0.5, 3), 0.0);
        QVERIFY(std::fabs(student_t_quantile(0.025, 4) + 2.7764) < 1e-4);
        QVERIFY(std::fabs(student_t_cdf(0, 5) - 0.5) < 1e-12);
        // df = 1 is the Cauchy distribution: P(T <= 1) = 3/4.
        QVERIFY(std::fabs(student_t_cdf(1, 1) - 0.75) < 1e-12);
    }

    void mean_sd_and_interval() {
        // 2,4,4,4,5,5,7,9: mean 5, sum of squares 32, s = sqrt(32/7), t(0.975, 7) = 2.364624
        const auto s = describe_sample({2, 4, 4, 4, 5, 5, 7, 9});
        QCOMPARE(s.n, std::size_t{8});
        QCOMPARE(s.mean, 5.0);
        QVERIFY(std::fabs(s.stddev - std::sqrt(32.0 / 7)) < 1e-12);
        QVERIFY(s.ci95.has_value());
        QVERIFY(std::fabs(*s.ci95 - 2.364624 * std::sqrt(32.0 / 7) / std::sqrt(8.0)) < 1e-5);
        QVERIFY(std::fabs(*s.ci95 - 1.78748) < 1e-5);
    }

    void one_run_has_no_interval() {
        const auto s = describe_sample({42});
        QCOMPARE(s.n, std::size_t{1});
        QCOMPARE(s.mean, 42.0);
        QVERIFY(!s.ci95.has_value());
        QCOMPARE(describe_sample({}).n, std::size_t{0});
        const auto two = describe_sample({10, 12}); // s = sqrt(2), t(0.975,1) = 12.706
        QVERIFY(std::fabs(*two.ci95 - 12.7062 * std::sqrt(2.0) / std::sqrt(2.0)) < 1e-3);
    }

    // Wikipedia, "Welch's t-test", example 1: t = 2.46, nu = 25.0, p = 0.021.
    void welch_textbook_example() {
        const auto a = describe_sample({27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6,
                                        23.1, 19.6, 19.0, 21.7, 21.4});
        const auto b = describe_sample({27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2,
                                        21.9, 22.1, 22.9, 20.5, 24.4});
        const auto c = compare_means(a, b);
        QVERIFY(std::fabs(c.t - 2.455356) < 1e-5);
        QVERIFY(std::fabs(c.df - 24.988529) < 1e-5);
        QVERIFY(std::fabs(c.p_value - 0.021378) < 1e-5);
        QCOMPARE(c.verdict, NoiseVerdict::Different);
        // At 1% the same difference is within noise.
        QCOMPARE(compare_means(a, b, 0.01).verdict, NoiseVerdict::WithinNoise);
    }

    void within_noise_and_not_enough_runs() {
        const auto a = describe_sample({100, 110, 90});
        const auto b = describe_sample({104, 96, 112});
        QCOMPARE(compare_means(a, b).verdict, NoiseVerdict::WithinNoise);
        const auto far = describe_sample({200, 205, 198});
        QCOMPARE(compare_means(a, far).verdict, NoiseVerdict::Different);
        QCOMPARE(compare_means(a, describe_sample({500})).verdict, NoiseVerdict::NotEnoughRuns);
        const auto same = describe_sample({7, 7});
        QCOMPARE(compare_means(same, describe_sample({7, 7, 7})).verdict,
                 NoiseVerdict::WithinNoise);
        QCOMPARE(compare_means(same, describe_sample({8, 8})).verdict, NoiseVerdict::Different);
    }
};

QTEST_GUILESS_MAIN(TestSweepStatistics)
#include "test_sweep_statistics.moc"
