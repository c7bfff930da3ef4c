import Randomness
import Statistics
import Testing

/// The per-actor generator: xoshiro256++ behind GSL's generator interface, and seed derivation.
struct RandomSourceTests {
    /// First outputs of xoshiro256++ seeded through SplitMix64, from an independent Python
    /// implementation of Blackman & Vigna's reference code (`scripts/xoshiro_reference.py`).
    static let reference: [(seed: UInt64, outputs: [UInt64])] = [
        (0, [0x53175d61490b23df, 0x61da6f3dc380d507, 0x5c0fdf91ec9a7bfc, 0x02eebf8c3bbe5e1a, 0x7eca04ebaf4a5eea]),
        (42, [0xd0764d4f4476689f, 0x519e4174576f3791, 0xfbe07cfb0c24ed8c, 0xb37d9f600cd835b8, 0xcb231c3874846a73]),
        (0xdeadbeefcafebabe, [0xbc4c9fe9190b4de0, 0xa2ebd4605271dec3, 0xa825ecbcd645b244, 0xa9b31e1cc07a0f18, 0xe050aa361c38141c]),
    ]

    @Test(arguments: reference)
    func matchesTheReferenceImplementation(seed: UInt64, expected: [UInt64]) {
        let source = RandomSource(seed: seed)
        #expect((0..<5).map { _ in source.next() } == expected)
    }

    @Test func sameSeedSameStreamOtherSeedOtherStream() {
        let a = RandomSource(seed: 9)
        let b = RandomSource(seed: 9)
        let c = RandomSource(seed: 10)
        let first = (0..<100).map { _ in a.uniform() }
        #expect(first == (0..<100).map { _ in b.uniform() })
        #expect(first != (0..<100).map { _ in c.uniform() })
        #expect(first.allSatisfy { (0..<1).contains($0) })
    }

    @Test func derivedSeedsDoNotCollide() {
        var seen = Set<UInt64>()
        for purpose in [SeedKey.Purpose.account, .actor, .population] {
            for major in 0..<20 {
                for minor in 0..<10_000 {
                    seen.insert(SeedKey(purpose, major, minor).derive(from: 1))
                }
            }
        }
        #expect(seen.count == 3 * 20 * 10_000)
        #expect(SeedKey(.actor, 1, 2).derive(from: 1) != SeedKey(.actor, 1, 2).derive(from: 2))
        #expect(SeedKey(.actor, 1, 2).derive(from: 1) != SeedKey(.actor, 2, 1).derive(from: 1))
    }

    @Test func mixIsABijectionOnASample() {
        let inputs = (0..<200_000).map { UInt64($0) << 20 }
        #expect(Set(inputs.map(Mix.mix64)).count == inputs.count)
    }

    @Test func indexBelowIsUniform() {
        let source = RandomSource(seed: 3)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[source.index(below: 7)] += 1 }
        // χ² with 6 degrees of freedom: 22.46 is the 0.999 quantile.
        let chi = counts.reduce(0.0) { $0 + pow(Double($1) - 10_000, 2) / 10_000 }
        #expect(chi < 22.46, "counts \(counts)")
    }
}

/// GSL's samplers driven by the generator: sample moments against the distributions' own.
struct SamplerTests {
    static let n = 200_000

    static func moments(_ draw: () -> Double) -> (mean: Double, variance: Double) {
        let values = (0..<n).map { _ in draw() }
        return (Descriptive.mean(values), Descriptive.variance(values))
    }

    /// Within `k` standard errors of the mean.
    static func expectMean(_ observed: Double, _ mean: Double, sd: Double, k: Double = 5) {
        #expect(abs(observed - mean) < k * sd / Double(n).squareRoot(), "mean \(observed), expected \(mean)")
    }

    @Test func gamma() {
        let source = RandomSource(seed: 1)
        let (mean, variance) = Self.moments { source.gamma(shape: 0.87, scale: 200) }
        Self.expectMean(mean, 0.87 * 200, sd: (0.87 * 200 * 200).squareRoot())
        #expect(abs(variance / (0.87 * 200 * 200) - 1) < 0.05)
    }

    @Test func lognormal() {
        let source = RandomSource(seed: 2)
        let values = (0..<Self.n).map { _ in log(source.lognormal(mu: 3, sigma: 0.8)) }
        Self.expectMean(Descriptive.mean(values), 3, sd: 0.8)
        #expect(abs(Descriptive.standardDeviation(values) - 0.8) < 0.01)
    }

    @Test func poissonAndGeometric() {
        let source = RandomSource(seed: 4)
        let (poissonMean, poissonVariance) = Self.moments { Double(source.poisson(mean: 6.5)) }
        Self.expectMean(poissonMean, 6.5, sd: 6.5.squareRoot())
        #expect(abs(poissonVariance / 6.5 - 1) < 0.03)
        let (geometricMean, _) = Self.moments { Double(source.geometric(0.25)) }
        Self.expectMean(geometricMean, 4, sd: (0.75 / 0.0625).squareRoot())
    }

    @Test func weibullAndExponential() {
        let source = RandomSource(seed: 5)
        let (weibullMean, _) = Self.moments { source.weibull(scale: 2, shape: 1) }
        Self.expectMean(weibullMean, 2, sd: 2)
        let (exponentialMean, _) = Self.moments { source.exponential(mean: 3) }
        Self.expectMean(exponentialMean, 3, sd: 3)
    }

    @Test func dirichletLiesOnTheSimplex() {
        let source = RandomSource(seed: 6)
        for _ in 0..<1_000 {
            let point = source.dirichlet([0.5, 1, 2, 4])
            #expect(point.allSatisfy { $0 >= 0 })
            #expect(abs(point.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test func discreteFollowsItsWeights() throws {
        let weights = [1.0, 0, 3, 6]
        let table = try DiscreteDistribution(weights: weights)
        let source = RandomSource(seed: 8)
        var counts = [Double](repeating: 0, count: 4)
        for _ in 0..<Self.n { counts[table.sample(source)] += 1 }
        #expect(counts[1] == 0)
        let expected = weights.map { $0 / 10 * Double(Self.n) }
        let chi = zip(counts, expected).filter { $0.1 > 0 }.reduce(0.0) { $0 + pow($1.0 - $1.1, 2) / $1.1 }
        #expect(ChiSquared(degreesOfFreedom: 2).survival(chi) > 0.001, "χ² \(chi), counts \(counts)")
    }

    @Test func invalidWeightsAreRejected() {
        #expect(throws: RandomnessError.self) { try DiscreteDistribution(weights: []) }
        #expect(throws: RandomnessError.self) { try DiscreteDistribution(weights: [0, 0]) }
        #expect(throws: RandomnessError.self) { try DiscreteDistribution(weights: [1, -1]) }
        #expect(throws: RandomnessError.self) { try DiscreteDistribution(weights: [1, .nan]) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
