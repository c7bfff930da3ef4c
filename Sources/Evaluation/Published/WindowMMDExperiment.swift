import Detection
import Randomness

/// The window-level experiment of Liu, Guo & Dong, "An Embarrassingly Simple Detector for Model
/// Extraction Attacks in Large Language Model API Traffic" (arXiv 2606.05725, 2026), on prompt
/// embeddings sampled from generated traffic: does a window of queries separate from benign
/// traffic by its MMD², and how does detection fall as the campaign's share of a window falls?
///
/// The protocol follows the paper's code (`MMD_detection/mmd_detector_gpu.py`): the benign pool
/// is split 80/20 into a reference pool and a held-out pool; σ is the median heuristic on
/// `bandwidthSample` reference prompts; the threshold is the `percentile`-th percentile of
/// `nullSamples` MMD²ᵤ values between two disjoint windows drawn from the reference pool; a
/// window's score is its MMD²ᵤ against a reference window drawn from the reference pool, averaged
/// over `referenceRepeats` draws, and it is detected when the score exceeds the threshold.
/// Benign windows come from the held-out pool; pure windows from a tactic's pool; a mixed window
/// of share s holds round(s·window) campaign prompts (at least 1, at most window − 1) and
/// held-out benign prompts for the rest. Windows draw without replacement unless the pool is
/// smaller than the window.
///
/// Two documented departures: the kernel is the Gaussian kernel approximated by `features`
/// random Fourier features (``RandomFourierFeatures``; the paper averages Gaussian kernels at
/// 0.5, 1, 2 and 4 times the median bandwidth, exactly), and the embeddings are the shared hashed
/// embeddings (``Features/PromptFeatures``) instead of a sentence encoder.
public enum WindowMMDExperiment {
    /// The protocol's sizes.
    public struct Settings: Sendable, Hashable, Codable {
        /// Prompts per window (the paper's 1,500).
        public var window = 1_500
        /// Random Fourier features.
        public var features = 128
        /// Benign-vs-benign null windows (the paper's 1,000).
        public var nullSamples = 1_000
        /// Reference windows averaged per score (the paper's 20).
        public var referenceRepeats = 20
        /// Percentile of the null that is the threshold (the paper's 95).
        public var percentile = 95.0
        /// Windows per split (the paper's 50).
        public var windowsPerSplit = 50
        /// Campaign shares of a window (the paper's 0.05, 0.10, 0.25, 0.50, and 1 for pure windows).
        public var shares = [0.05, 0.10, 0.25, 0.50, 1.0]
        /// Share of the benign pool that is the reference pool (the paper's 0.8).
        public var referenceShare = 0.8
        /// Reference prompts for the median heuristic (the paper's 2,000).
        public var bandwidthSample = 2_000

        public init() {}
    }

    /// One split's outcome.
    public struct Row: Sendable, Hashable, Codable {
        /// The calibration seed the traffic was generated with.
        public var seed: UInt64
        /// `benign`, or the campaign tactic.
        public var tactic: String
        /// The campaign's share of each window (0 for benign windows).
        public var share: Double
        public var windows: Int
        /// Windows whose score exceeds the threshold.
        public var detected: Int
        public var meanScore: Double

        /// detected / windows.
        public var rate: Double { windows > 0 ? Double(detected) / Double(windows) : 0 }
    }

    /// The outcome of one seed.
    public struct Outcome: Sendable, Hashable, Codable {
        public var seed: UInt64
        public var bandwidth: Double
        public var threshold: Double
        public var rows: [Row]
    }

    /// Runs the protocol on `pools` with its own generator seeded by `seed`.
    ///
    /// - Precondition: the benign pool holds at least `2 · window / referenceShare` prompts, so
    ///   that null windows are disjoint.
    public static func run(_ pools: WindowMMDPools, settings: Settings = Settings(), seed: UInt64) -> Outcome {
        let random = RandomSource(seed: seed ^ 0x4D4D_4450_524F_544F)
        let dimension = pools.dimension
        let window = settings.window
        // Split the benign pool.
        var order = Array(0..<pools.benign.count)
        shuffle(&order, random)
        let referenceCount = Int((Double(order.count) * settings.referenceShare).rounded())
        let reference = Array(order[..<referenceCount])
        let heldOut = Array(order[referenceCount...])
        var sample: [Float] = []
        for row in reference.prefix(settings.bandwidthSample) { sample += pools.benign.row(row) }
        let bandwidth = KernelMMD.medianDistance(sample, dimension: dimension)
        let map = RandomFourierFeatures(inputDimension: dimension, count: settings.features, bandwidth: bandwidth)

        let benign = FeaturePool(pools.benign, map: map)
        var referencePool = Drawer(rows: reference)
        var heldOutPool = Drawer(rows: heldOut)

        // Null: disjoint pairs of reference windows.
        var null: [Double] = []
        for _ in 0..<settings.nullSamples {
            let rows = referencePool.draw(2 * window, random)
            let a = benign.moments(rows[..<window])
            let b = benign.moments(rows[window...])
            null.append(a.mmd(b))
        }
        let threshold = percentile(null, settings.percentile)

        func score(_ moments: Moments) -> Double {
            var total = 0.0
            for _ in 0..<settings.referenceRepeats {
                total += benign.moments(referencePool.draw(window, random)[...]).mmd(moments)
            }
            return total / Double(settings.referenceRepeats)
        }
        func row(_ tactic: String, share: Double, _ windows: () -> Moments) -> Row {
            var detected = 0
            var sum = 0.0
            for _ in 0..<settings.windowsPerSplit {
                let value = score(windows())
                sum += value
                if value > threshold { detected += 1 }
            }
            return Row(
                seed: seed, tactic: tactic, share: share, windows: settings.windowsPerSplit, detected: detected,
                meanScore: sum / Double(settings.windowsPerSplit))
        }

        var rows = [row("benign", share: 0) { benign.moments(heldOutPool.draw(window, random)[...]) }]
        for (tactic, embeddings) in pools.attackers.sorted(by: { $0.key < $1.key }) {
            let attacker = FeaturePool(embeddings, map: map)
            var attackerPool = Drawer(rows: Array(0..<embeddings.count))
            for share in settings.shares {
                let count = share >= 1 ? window : min(max(Int((Double(window) * share).rounded()), 1), window - 1)
                rows.append(
                    row(tactic, share: share) {
                        var moments = attacker.moments(attackerPool.draw(count, random)[...])
                        if count < window { moments.add(benign.moments(heldOutPool.draw(window - count, random)[...])) }
                        return moments
                    })
            }
        }
        return Outcome(seed: seed, bandwidth: bandwidth, threshold: threshold, rows: rows)
    }

    /// Means over seeds: the detection rate of each (tactic, share), and the paper's headline
    /// figures.
    public struct Summary: Sendable, Hashable, Codable {
        /// Mean detection rate by tactic ("all" for the mean over tactics) and share (0: benign
        /// windows, whose rate is the false-positive rate).
        public var rates: [String: [Double: Double]]
        /// Benign windows flagged.
        public var falsePositiveRate: Double
        /// Pure campaign windows detected, over tactics.
        public var pureTruePositiveRate: Double
        /// Campaign windows detected, averaged over every share (pure windows included) and tactic.
        public var averageTruePositiveRate: Double
        /// (averageTruePositiveRate + 1 − falsePositiveRate) / 2, as in the paper.
        public var balancedAccuracy: Double
    }

    /// The means of `outcomes` (one per seed).
    public static func summary(_ outcomes: [Outcome]) -> Summary {
        var sums: [String: [Double: (Double, Int)]] = [:]
        for row in outcomes.flatMap(\.rows) {
            for key in row.tactic == "benign" ? ["benign"] : [row.tactic, "all"] {
                let (sum, count) = sums[key, default: [:]][row.share] ?? (0, 0)
                sums[key, default: [:]][row.share] = (sum + Double(row.detected), count + row.windows)
            }
        }
        let rates = sums.mapValues { $0.mapValues { $0.1 > 0 ? $0.0 / Double($0.1) : 0 } }
        let falsePositiveRate = rates["benign"]?[0] ?? 0
        let all = rates["all"] ?? [:]
        let average = all.isEmpty ? 0 : all.values.reduce(0, +) / Double(all.count)
        return Summary(
            rates: rates, falsePositiveRate: falsePositiveRate, pureTruePositiveRate: all[1] ?? 0,
            averageTruePositiveRate: average, balancedAccuracy: (average + 1 - falsePositiveRate) / 2)
    }

    /// The `p`-th percentile of `values` by linear interpolation (numpy's default).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard let first = sorted.first else { return .nan }
        let position = p / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted.count == 1 ? first : sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Fisher–Yates with `random`.
    static func shuffle(_ values: inout [Int], _ random: RandomSource) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(i, random.index(below: i + 1)) }
    }

    // MARK: - Windows

    /// A window's feature sum, sum of squared norms and size.
    struct Moments {
        var sum: [Double]
        var squares = 0.0
        var count = 0.0

        mutating func add(_ other: Moments) {
            for j in sum.indices { sum[j] += other.sum[j] }
            squares += other.squares
            count += other.count
        }

        /// MMD²ᵤ between the two windows.
        func mmd(_ other: Moments) -> Double {
            sum.withUnsafeBufferPointer { x in
                other.sum.withUnsafeBufferPointer { y in
                    KernelMMD.fromFeatureSums(x, squaresX: squares, countX: count, y, squaresY: other.squares, countY: other.count)
                }
            }
        }
    }

    /// Random Fourier features of every prompt of a pool.
    struct FeaturePool {
        let count: Int
        var values: [Float]
        var squares: [Float]

        init(_ embeddings: WindowMMDPools.Rows, map: RandomFourierFeatures) {
            count = map.count
            values = [Float](repeating: 0, count: embeddings.count * map.count)
            squares = [Float](repeating: 0, count: embeddings.count)
            var nonZero = [Int32](repeating: 0, count: embeddings.dimension)
            for row in 0..<embeddings.count {
                let start = row * map.count
                squares[row] = embeddings.values.withUnsafeBufferPointer { input in
                    values.withUnsafeMutableBufferPointer { output in
                        nonZero.withUnsafeMutableBufferPointer { nonZero in
                            map.transform(
                                UnsafeBufferPointer(rebasing: input[row * embeddings.dimension..<(row + 1) * embeddings.dimension]),
                                into: output.baseAddress.unsafelyUnwrapped + start, nonZero: nonZero.baseAddress.unsafelyUnwrapped)
                        }
                    }
                }
            }
        }

        func moments(_ rows: ArraySlice<Int>) -> Moments {
            var moments = Moments(sum: [Double](repeating: 0, count: count))
            values.withUnsafeBufferPointer { values in
                moments.sum.withUnsafeMutableBufferPointer { sum in
                    for row in rows {
                        for j in 0..<count { sum[j] += Double(values[row * count + j]) }
                    }
                }
            }
            for row in rows { moments.squares += Double(squares[row]) }
            moments.count = Double(rows.count)
            return moments
        }
    }

    /// Draws rows of a pool without replacement (a partial Fisher–Yates over a persistent
    /// permutation, O(k) per draw), or with replacement when the pool is smaller than the draw.
    struct Drawer {
        var rows: [Int]

        mutating func draw(_ k: Int, _ random: RandomSource) -> [Int] {
            guard !rows.isEmpty else { return [] }
            guard k <= rows.count else { return (0..<k).map { _ in rows[random.index(below: rows.count)] } }
            for i in 0..<k { rows.swapAt(i, i + random.index(below: rows.count - i)) }
            return Array(rows[..<k])
        }
    }
}
