#!/usr/bin/env python3
"""Reference values for Tests/StatisticsTests, computed independently with numpy and scipy.

Usage: ``python3 scripts/statistics_reference.py`` prints Swift constants; they are pasted into
``Tests/StatisticsTests/ReferenceValues.swift``. The inputs below are repeated there verbatim
(integer-generated samples use the same integer formulas). Versions used for the committed
values are printed in the header.

References: numpy (mean, var, quantile method="linear", median), scipy.stats (norm, t, chi2,
ks_2samp for the exact two-sample D, t.interval), scipy.special.kolmogorov (the Kolmogorov
survival function Q_KS, for the asymptotic KS p-value with Stephens' correction).
"""

import math

import numpy as np
import scipy
from scipy import special, stats

# MARK: inputs (keep in sync with ReferenceValues.swift)

DESCRIPTIVE = [2.5, 3.1, -0.7, 4.4, 4.4, 1.0, 0.0, 12.25, 3.1, 5.5, -2.0]
EVEN = [1.0, 3.0, 7.0, 8.0]
QUANTILE_PROBABILITIES = [0.0, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0]
EVENT_TIMES = [0.1, 0.2, 0.25, 1.7, 3.2, 3.3, 3.35, 3.9, 7.0, 7.01, 7.02, 7.03, 9.5]
BIN_WIDTHS = [1.0, 2.5]

NORMAL_CDF_X = [-3.0, -1.5, 0.0, 0.3, 2.5, 8.0]
NORMAL_QUANTILE_P = [1e-10, 0.001, 0.025, 0.5, 0.8, 0.975, 0.999999]
T_CDF = [(-2.1, 1.0), (0.5, 2.5), (1.8, 5.0), (2.228, 10.0), (-0.4, 30.0), (3.0, 100.0)]
T_QUANTILE = [(0.975, 1.0), (0.975, 2.0), (0.9, 4.5), (0.975, 9.0), (0.025, 29.0), (0.999, 50.0)]
CHI2_CDF = [(0.5, 1.0), (3.84, 1.0), (10.0, 5.0), (2.2, 3.5), (100.0, 80.0)]

KS_A = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64,
        -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47]
KS_B = [1.2, 0.91, 2.02, -0.33, 1.48, 0.77, 2.6, 0.1, 1.95, 0.42, 1.33, -0.6, 2.21, 0.88,
        1.61, 0.25, 3.05]
TIES_A = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 4.0, 5.0, 7.0, 7.0, 8.0]
TIES_B = [2.0, 3.0, 3.0, 3.0, 3.0, 4.0, 5.0, 5.0, 6.0, 6.0, 6.0, 8.0, 9.0, 9.0, 10.0]
GENERATED_A = [float(((i * 7919) % 1009) // 10) for i in range(300)]          # 0 ... 100, ties
GENERATED_B = [float(((j * 104729) % 997) // 10) + 8.0 for j in range(200)]  # shifted by 8, ties
SHIFTED_B = [float(((j * 104729) % 997) // 10) + 40.0 for j in range(200)]   # far apart: tiny p
KS_CASES = [
    ("continuous", KS_A, KS_B),
    ("ties", TIES_A, TIES_B),
    ("identical", TIES_A, TIES_A),
    ("disjoint", [1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]),
    ("generated", GENERATED_A, GENERATED_B),
    ("shifted", GENERATED_A, SHIFTED_B),
]
KOLMOGOROV_LAMBDAS = [0.05, 0.3, 0.5, 1.0, 1.17, 1.19, 1.5, 2.5, 5.0]
CRITICAL = [(20000, 19366, 0.001), (20000, 8819, 0.001), (100, 80, 0.05)]

CI_SAMPLES = [([0.81, 0.78, 0.85, 0.80, 0.83], 0.95), ([0.81, 0.78, 0.85, 0.80, 0.83], 0.9),
              ([12.0, 15.5], 0.95), ([3.2, 3.9, 2.8, 4.1, 3.3, 3.6, 3.0, 3.7, 3.4, 3.5], 0.99)]


def f(x):
    return repr(float(x))


def array(name, values, comment=None):
    """A Swift `static let name = [...]`, wrapped at 100 columns."""
    if comment:
        print("    /// %s" % comment)
    cells = [f(v) for v in values]
    line = "    static let %s = [%s]" % (name, ", ".join(cells))
    if len(line) <= 100:
        print(line)
        return
    print("    static let %s = [" % name)
    row = "       "
    for cell in cells:
        if len(row) + len(cell) + 2 > 100:
            print(row)
            row = "       "
        row += " " + cell + ","
    print(row)
    print("    ]")


def main():
    print("    // MARK: - Output of scripts/statistics_reference.py (numpy %s, scipy %s)"
          % (np.__version__, scipy.__version__))
    print()
    d = np.array(DESCRIPTIVE)
    print("    static let mean = %s" % f(d.mean()))
    print("    static let sampleVariance = %s" % f(d.var(ddof=1)))
    print("    static let populationVariance = %s" % f(d.var(ddof=0)))
    print("    static let sampleStandardDeviation = %s" % f(d.std(ddof=1)))
    print("    static let sampleCoefficientOfVariation = %s" % f(d.std(ddof=1) / d.mean()))
    print("    static let populationCoefficientOfVariation = %s" % f(d.std(ddof=0) / d.mean()))
    array("quantiles", np.quantile(d, QUANTILE_PROBABILITIES, method="linear"),
          "numpy.quantile(method=\"linear\") at `quantileProbabilities`.")
    print("    static let median = %s" % f(np.median(d)))
    print("    static let evenMedian = %s" % f(np.median(EVEN)))
    t = np.array(EVENT_TIMES)
    counts = [np.bincount(np.floor((t - t.min()) / w).astype(int)) for w in BIN_WIDTHS]
    print("    /// Bin widths %s; counts %s." % (BIN_WIDTHS, "; ".join(str([int(c) for c in k]) for k in counts)))
    print("    static let binCounts = %s" % [[int(c) for c in k] for k in counts])
    array("populationDispersion", [k.var() / k.mean() for k in counts])
    array("sampleDispersion", [k.var(ddof=1) / k.mean() for k in counts])
    array("normalCDF", stats.norm.cdf(NORMAL_CDF_X))
    array("normalQuantile", stats.norm.ppf(NORMAL_QUANTILE_P))
    array("tCDF", [stats.t.cdf(x, df) for x, df in T_CDF])
    array("tQuantile", [stats.t.ppf(p, df) for p, df in T_QUANTILE])
    array("chiSquaredCDF", [stats.chi2.cdf(x, df) for x, df in CHI2_CDF])
    ds, ps = [], []
    for name, a, b in KS_CASES:
        n, m = len(a), len(b)
        dstat = stats.ks_2samp(a, b).statistic
        en = math.sqrt(n * m / (n + m))
        ds.append(dstat)
        ps.append(special.kolmogorov((en + 0.12 + 0.11 / en) * dstat))
    cases = ["%s (%d, %d)" % (name, len(a), len(b)) for name, a, b in KS_CASES]
    names = ", ".join(cases[:3]) + ",\n    /// " + ", ".join(cases[3:])
    print("    /// scipy.stats.ks_2samp statistic D for the cases (n, m):")
    print("    /// %s." % names)
    array("ksStatistics", ds)
    array("ksPValues", ps, "scipy.special.kolmogorov((en + 0.12 + 0.11 / en) * D), en = sqrt(n m / (n + m)).")
    array("kolmogorovSurvival", special.kolmogorov(KOLMOGOROV_LAMBDAS))
    array("criticalValues", [math.sqrt(-math.log(a / 2) / 2) * math.sqrt((n + m) / (n * m)) for n, m, a in CRITICAL])
    print("    /// scipy.stats.t.interval(level, n - 1, loc=mean, scale=sem) for `intervalSamples`.")
    print("    static let intervals: [(mean: Double, lower: Double, upper: Double)] = [")
    for values, level in CI_SAMPLES:
        v = np.array(values)
        lo, hi = stats.t.interval(level, len(v) - 1, loc=v.mean(), scale=stats.sem(v))
        print("        (%s, %s, %s)," % (f(v.mean()), f(lo), f(hi)))
    print("    ]")


if __name__ == "__main__":
    main()
