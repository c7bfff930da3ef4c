/// Inputs and reference values for the Statistics tests.
///
/// The references were computed independently with numpy 2.4.6 and scipy 1.17.1 by
/// `scripts/statistics_reference.py`, whose printed output is pasted below; the inputs are the
/// script's, repeated verbatim (integer-generated samples use the same integer formulas).
enum Reference {
    // MARK: - Inputs

    static let descriptive = [2.5, 3.1, -0.7, 4.4, 4.4, 1.0, 0.0, 12.25, 3.1, 5.5, -2.0]
    static let even = [1.0, 3.0, 7.0, 8.0]
    static let quantileProbabilities = [0.0, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0]
    static let eventTimes = [0.1, 0.2, 0.25, 1.7, 3.2, 3.3, 3.35, 3.9, 7.0, 7.01, 7.02, 7.03, 9.5]

    static let normalCDFArguments = [-3.0, -1.5, 0.0, 0.3, 2.5, 8.0]
    static let normalQuantileArguments = [1e-10, 0.001, 0.025, 0.5, 0.8, 0.975, 0.999999]
    static let tCDFArguments: [(x: Double, df: Double)] = [
        (-2.1, 1.0), (0.5, 2.5), (1.8, 5.0), (2.228, 10.0), (-0.4, 30.0), (3.0, 100.0),
    ]
    static let tQuantileArguments: [(p: Double, df: Double)] = [
        (0.975, 1.0), (0.975, 2.0), (0.9, 4.5), (0.975, 9.0), (0.025, 29.0), (0.999, 50.0),
    ]
    static let chiSquaredCDFArguments: [(x: Double, df: Double)] = [
        (0.5, 1.0), (3.84, 1.0), (10.0, 5.0), (2.2, 3.5), (100.0, 80.0),
    ]

    static let ksA = [
        0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64,
        -0.82, 0.37, 1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47,
    ]
    static let ksB = [
        1.2, 0.91, 2.02, -0.33, 1.48, 0.77, 2.6, 0.1, 1.95, 0.42, 1.33, -0.6, 2.21, 0.88,
        1.61, 0.25, 3.05,
    ]
    static let tiesA = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 4.0, 5.0, 7.0, 7.0, 8.0]
    static let tiesB = [2.0, 3.0, 3.0, 3.0, 3.0, 4.0, 5.0, 5.0, 6.0, 6.0, 6.0, 8.0, 9.0, 9.0, 10.0]
    /// `float(((i * 7919) % 1009) // 10)` for `i` in `0 ..< 300`: 0 … 100 with ties.
    static let generatedA = (0..<300).map { Double(($0 * 7919 % 1009) / 10) }
    /// `float(((j * 104729) % 997) // 10) + 8` for `j` in `0 ..< 200`.
    static let generatedB = (0..<200).map { Double(($0 * 104_729 % 997) / 10) + 8 }
    /// As ``generatedB`` but shifted by 40: a tiny p-value.
    static let shiftedB = (0..<200).map { Double(($0 * 104_729 % 997) / 10) + 40 }

    static let kolmogorovLambdas = [0.05, 0.3, 0.5, 1.0, 1.17, 1.19, 1.5, 2.5, 5.0]
    static let criticalArguments: [(n: Int, m: Int, alpha: Double)] = [
        (20000, 19366, 0.001), (20000, 8819, 0.001), (100, 80, 0.05),
    ]
    static let intervalSamples: [(values: [Double], level: Double)] = [
        ([0.81, 0.78, 0.85, 0.80, 0.83], 0.95), ([0.81, 0.78, 0.85, 0.80, 0.83], 0.9),
        ([12.0, 15.5], 0.95), ([3.2, 3.9, 2.8, 4.1, 3.3, 3.6, 3.0, 3.7, 3.4, 3.5], 0.99),
    ]

    // MARK: - Output of scripts/statistics_reference.py (numpy 2.4.6, scipy 1.17.1)

    static let mean = 3.05
    static let sampleVariance = 14.766499999999997
    static let populationVariance = 13.424090909090905
    static let sampleStandardDeviation = 3.8427203905566687
    static let sampleCoefficientOfVariation = 1.2599083247726783
    static let populationCoefficientOfVariation = 1.2012754535498344
    /// numpy.quantile(method="linear") at `quantileProbabilities`.
    static let quantiles = [-2.0, -0.7, 0.5, 3.1, 5.5, 11.575000000000003, 12.25]
    static let median = 3.1
    static let evenMedian = 5.0
    /// Bin widths [1.0, 2.5]; counts [3, 1, 0, 4, 0, 0, 4, 0, 0, 1]; [4, 4, 4, 1].
    static let binCounts = [[3, 1, 0, 4, 0, 0, 4, 0, 0, 1], [4, 4, 4, 1]]
    static let populationDispersion = [2.0076923076923077, 0.5192307692307693]
    static let sampleDispersion = [2.230769230769231, 0.6923076923076923]
    static let normalCDF = [
        0.0013498980316300933, 0.06680720126885807, 0.5, 0.6179114221889526, 0.9937903346742238,
        0.9999999999999993,
    ]
    static let normalQuantile = [
        -6.361340902404056, -3.090232306167813, -1.9599639845400545, 0.0, 0.8416212335729143,
        1.959963984540054, 4.753424308817087,
    ]
    static let tCDF = [
        0.141463028121509, 0.6711510400651426, 0.9341212083645538, 0.9749941140914443,
        0.345995258257096, 0.9982960423283352,
    ]
    static let tQuantile = [
        12.706204736174694, 4.302652729749462, 1.5008853175085577, 2.262157162798205,
        -2.045229642132704, 3.261409055798318,
    ]
    static let chiSquaredCDF = [
        0.5204998778130466, 0.9499564787512949, 0.9247647538534878, 0.3791879329458929,
        0.935429631078867,
    ]
    /// scipy.stats.ks_2samp statistic D for the cases (n, m):
    /// continuous (25, 17), ties (12, 15), identical (12, 12),
    /// disjoint (3, 4), generated (300, 200), shifted (300, 200).
    static let ksStatistics = [
        0.4258823529411765, 0.26666666666666666, 0.0, 1.0, 0.08, 0.39666666666666667,
    ]
    /// scipy.special.kolmogorov((en + 0.12 + 0.11 / en) * D), en = sqrt(n m / (n + m)).
    static let ksPValues = [
        0.035331694832197634, 0.6576970685959105, 1.0, 0.020503981704794276, 0.4112694972985965,
        3.230171784313133e-17,
    ]
    static let kolmogorovSurvival = [
        1.0, 0.9999906941986655, 0.9639452436648751, 0.26999967167735456, 0.12939004218561884,
        0.11774229287977166, 0.022217962616525127, 7.453306344157342e-06, 3.8574996959278356e-22,
    ]
    static let criticalValues = [0.019653652110656318, 0.024919100764144584, 0.20371522736109293]
    /// scipy.stats.t.interval(level, n - 1, loc=mean, scale=sem) for `intervalSamples`.
    static let intervals: [(mean: Double, lower: Double, upper: Double)] = [
        (0.8140000000000001, 0.7804520861507336, 0.8475479138492665),
        (0.8140000000000001, 0.7882407972721553, 0.8397592027278448),
        (13.75, -8.48585828830571, 35.98585828830571),
        (3.45, 3.041071328652017, 3.8589286713479836),
    ]
}
