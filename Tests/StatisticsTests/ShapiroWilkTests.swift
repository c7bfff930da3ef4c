import Statistics
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Shapiro–Wilk test against `scipy.stats.shapiro` on the committed fixtures
/// (`ShapiroWilkFixtures.swift`, written by `scripts/reference/shapiro_fixtures.py`; no Python at
/// test time). Tolerance 1e-6 absolute in W and in p, as the issue asks: the remaining
/// difference is scipy's quantile approximation (AS 111), about 1e-7 at these sizes.
struct ShapiroWilkTests {
    /// How a fixture's sample is drawn (the script's docstring says the same).
    enum SampleKind: String, Sendable {
        case normal, uniform, exponential, ties, outlier
    }

    /// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), as the script draws it.
    struct SplitMix64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Strictly inside (0, 1).
        mutating func uniform() -> Double {
            (Double(next() >> 11) + 0.5) * 0x1p-53
        }
    }

    static func sample(_ fixture: Fixture) -> [Double] {
        var rng = SplitMix64(state: fixture.seed)
        let n = fixture.count
        return (0..<n).map { i in
            switch fixture.kind {
            case .normal:
                let u1 = rng.uniform()
                let u2 = rng.uniform()
                return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            case .uniform: return rng.uniform()
            case .exponential: return -log(rng.uniform())
            case .ties: return Double((rng.next() & 0xFFFF).nonzeroBitCount)
            case .outlier: return i < n - 1 ? Double(i) : 1000 * Double(n)
            }
        }
    }

    @Test(arguments: fixtures)
    func matchesScipy(fixture: Fixture) throws {
        let x = Self.sample(fixture)
        // The same draw as the script's (to rounding of libm's log and cos).
        #expect(abs(x.reduce(0, +) - fixture.sum) <= 1e-9 * max(1, abs(fixture.sum)))
        let result = try #require(ShapiroWilk.test(x))
        #expect(abs(result.statistic - fixture.statistic) <= 1e-6, "W \(result.statistic) vs scipy \(fixture.statistic)")
        #expect(abs(result.pValue - fixture.pValue) <= 1e-6, "p \(result.pValue) vs scipy \(fixture.pValue)")
        // Order, shift and scale do not matter.
        let moved = try #require(ShapiroWilk.test(x.reversed().map { 3 * $0 - 7 }))
        #expect(abs(moved.statistic - result.statistic) <= 1e-12)
    }

    /// Normal samples score near 1 and are not rejected; heavily skewed ones are.
    @Test func separatesNormalFromSkewedSamples() throws {
        let normal = Self.fixtures.filter { $0.kind == .normal && $0.count >= 100 }
        let exponential = Self.fixtures.filter { $0.kind == .exponential && $0.count >= 100 }
        #expect(normal.count == 3 && exponential.count == 3)
        for fixture in normal {
            let result = try #require(ShapiroWilk.test(Self.sample(fixture)))
            #expect(result.statistic > 0.98 && result.pValue > 0.01)
        }
        for fixture in exponential {
            let result = try #require(ShapiroWilk.test(Self.sample(fixture)))
            #expect(result.statistic < 0.95 && result.pValue < 1e-6)
        }
    }

    /// Coefficients are antisymmetric with unit sum of squares (Royston's normalisation).
    @Test(arguments: [3, 4, 5, 6, 11, 12, 100, 2001, 5000])
    func coefficientsAreNormalised(count: Int) throws {
        let coefficients = try #require(ShapiroWilk.Coefficients(count: count))
        #expect(coefficients.upper.count == count / 2)
        let all = (0..<count).map(coefficients.coefficient)
        #expect(abs(all.reduce(0, +)) < 1e-12)
        #expect(abs(all.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func refusesWhatItCannotTest() {
        #expect(ShapiroWilk.test([1, 2]) == nil)
        #expect(ShapiroWilk.test([Double](repeating: 4, count: 50)) == nil)
        #expect(ShapiroWilk.test([1, 2, .nan, 4]) == nil)
        #expect(ShapiroWilk.test([1, 2, .infinity, 4]) == nil)
        #expect(ShapiroWilk.test((0..<5_001).map(Double.init)) == nil)
        #expect(ShapiroWilk.Coefficients(count: 2) == nil && ShapiroWilk.Coefficients(count: 5_001) == nil)
        let sorted: [Double] = [1, 2, 3, 4]
        let coefficients = ShapiroWilk.Coefficients(count: 5)
        #expect(coefficients != nil)
        if let coefficients {
            #expect(sorted.withUnsafeBufferPointer { ShapiroWilk.test(sorted: $0, coefficients: coefficients) } == nil)
        }
    }
}
