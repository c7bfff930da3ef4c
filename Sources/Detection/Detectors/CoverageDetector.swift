import Features
import Traffic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags accounts whose queries cover the topic space faster than traffic does, after
/// Kesarwani et al., "Model Extraction Warning in MLaaS Paradigm" (ACSAC 2018), whose monitor
/// tracks how much of the input space each user's queries have explored and warns as the
/// explored share grows.
///
/// **Cells.** The space of shared hashed embeddings (``PromptFeatures/embedding(_:)``) is cut
/// by `bits` fixed random hyperplanes through the origin (SimHash: Charikar, "Similarity
/// estimation techniques from rounding algorithms", STOC 2002): a prompt's cell is the sign
/// pattern of its projections, one of 2^bits (256 at the default 8). Prompts that share much of
/// their text tend to share a cell (each bit differs with probability angle/π).
///
/// **Coverage and entropy growth.** For an account with n prompts, coverage is the number of
/// distinct cells they fall in. It is compared with what n prompts drawn from the traffic
/// itself would cover: E[distinct] = Σ_c 1 − (1 − p_c)^n, with p_c the share of all requests so
/// far in cell c (causal; the per-cell log terms are refreshed every 1,024 requests). The
/// `coverage` score is distinct / E[distinct]: about 1 for an account whose prompts are as
/// varied as traffic at large, well below 1 for templated or focused use, and above 1 for an
/// account that spreads more evenly over the space than traffic does (a systematic sweep). With
/// `measure=entropy` the score is instead the plug-in entropy of the account's cell counts over
/// the entropy expected for n draws from traffic, H − (E[distinct] − 1)/(2n) (the Miller–Madow
/// bias of the plug-in estimator).
///
/// Scores are computed every `every` prompts from `min_queries` on (coverage of fewer prompts
/// says little: nearly every prompt then lands in a cell of its own), once the traffic holds 10
/// requests per cell, and recorded in steps of 0.01. Default threshold 1.105: on `realistic-mix`
/// at calibration seed 900, scale 1, the lowest threshold keeping the benign accounts flagged at
/// or below the benchmark's 0.1 % FPR budget is 1.1050 (`distillbench run
/// Scenarios/realistic-mix.yaml --seeds 900 --detectors coverage`, the `fpr_budget` operating
/// point), rounded up; it was 1.0436 before the shared features' hashes were fixed, and was
/// recalibrated then. It holds for the default bits and measure.
///
/// **Known limit.** Accounts that aggregate many end users (the chat-app and router personas)
/// cover cells like traffic does; a coverage sweep disguised as such a customer cannot be told
/// from it by coverage alone.
///
/// **Memory.** Per account seen: a bitmap of 2^bits bits (32 bytes at the defaults) and two
/// counters; with `measure=entropy` also a 16-bit count per cell (512 bytes; counts saturate at
/// 65,535).
public struct CoverageDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Hyperplanes; cells = 2^bits (default 8).
        public var bits: Int = 8
        /// Prompts before an account is scored (default 100).
        public var minimumQueries: Int = 100
        /// Prompts between scores (default 10).
        public var every: Int = 10
        /// `coverage` (distinct cells) or `entropy`.
        public var measure: String = "coverage"
        /// The recommended threshold.
        public var threshold: Double = 1.105

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .integer("bits", \.bits, in: 1...12, "random hyperplanes; the space has 2^bits cells"),
                .integer("min_queries", \.minimumQueries, in: 1...1_000_000_000, "prompts before an account is scored"),
                .integer("every", \.every, in: 1...1_000_000, "prompts between scores"),
                .choice("measure", \.measure, of: ["coverage", "entropy"], "distinct cells or cell entropy, against traffic's"),
                .number("threshold", \.threshold, in: .leastNonzeroMagnitude ... .greatestFiniteMagnitude, "recommended threshold"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case bits
            case minimumQueries = "min_queries"
            case every, measure, threshold
        }
    }

    public static let catalogName = "coverage"
    public static let summary = "distinct embedding cells an account covers against what traffic covers (after Kesarwani et al. 2018)"
    public let settings: Settings
    public var defaultThreshold: Double { settings.threshold }
    public var needs: PromptFeatureSet { .embedding }
    public var reads: Set<RequestField> { [.ts, .account] }

    /// Requests per cell the traffic must hold before any account is scored: its shares are
    /// then estimated from at least 10 requests a cell on average.
    static let trafficPerCell = 10
    private let cells: Int
    private let words: Int
    private let entropy: Bool
    /// The hyperplanes, transposed: coordinate k's weights on the (up to 16) planes.
    private var planes: [SIMD16<Float>] = []
    /// Requests per cell over all traffic so far.
    private var traffic: [Double]
    private var total = 0.0
    /// log(1 − p_c) per cell, and the traffic's entropy, as of the last refresh.
    private var logMiss: [Double]
    private var trafficEntropy = 0.0
    private var sinceRefresh = 0
    /// E[distinct] for n draws (index n), as of the last refresh; −1 = not computed.
    private var expectedCache: [Double] = []

    /// Each account's slot in the pools (−1: not seen).
    private var slot = PerAccount<Int32>(-1)
    private var seen: [UInt64] = []
    private var prompts: [Int32] = []
    private var distinct: [Int32] = []
    private var counts: [UInt16] = []
    /// Σ c·log c over each slot's cell counts.
    private var countLogs: [Double] = []
    private var steps = ScoreSteps(.additive(0.01), floor: 0.01)

    public init(settings: Settings = Settings()) {
        self.settings = settings
        cells = 1 << settings.bits
        words = (cells + 63) / 64
        entropy = settings.measure == "entropy"
        traffic = [Double](repeating: 0, count: cells)
        logMiss = [Double](repeating: 0, count: cells)
    }

    public mutating func begin(accounts: [Account]) {
        slot.grow(to: accounts.count)
        steps.grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) throws {
        guard batch.count > 0 else { return }
        try features.require(needs, for: batch, by: Self.catalogName)
        slot.grow(to: batch.accountNames.count)
        steps.grow(to: batch.accountNames.count)
        let dimension = features.settings.embeddingDimension
        if planes.count != dimension { planes = Self.hyperplanes(dimension: dimension, bits: settings.bits) }
        for row in 0..<batch.count {
            let cell = features.embeddings.withUnsafeBufferPointer { embeddings in
                planes.withUnsafeBufferPointer { planes in
                    Self.cell(embeddings.baseAddress.unsafelyUnwrapped + row * dimension, dimension: dimension, planes: planes)
                }
            }
            traffic[cell] += 1
            total += 1
            sinceRefresh += 1
            // Refresh every 1,024 requests, and as the traffic doubles before that.
            if sinceRefresh >= min(1_024, Int(total) / 2) || expectedCache.isEmpty { refresh() }
            let account = batch.accounts[row]
            var index = Int(slot[account])
            if index < 0 {
                index = prompts.count
                slot[account] = Int32(index)
                prompts.append(0)
                distinct.append(0)
                seen.append(contentsOf: repeatElement(0, count: words))
                if entropy {
                    counts.append(contentsOf: repeatElement(0, count: cells))
                    countLogs.append(0)
                }
            }
            prompts[index] += 1
            let word = index * words + cell / 64
            let bit = UInt64(1) << UInt64(cell % 64)
            if seen[word] & bit == 0 {
                seen[word] |= bit
                distinct[index] += 1
            }
            if entropy {
                let position = index * cells + cell
                let count = counts[position]
                if count < .max {
                    counts[position] = count + 1
                    countLogs[index] += Self.countLog(Int(count) + 1) - Self.countLog(Int(count))
                }
            }
            let n = Int(prompts[index])
            guard n >= settings.minimumQueries, (n - settings.minimumQueries) % settings.every == 0,
                total >= Double(Self.trafficPerCell * cells)
            else { continue }
            let expected = expectedDistinct(n)
            let score: Double
            if entropy {
                let plugIn = log(Double(n)) - countLogs[index] / Double(n)
                let reference = trafficEntropy - (expected - 1) / (2 * Double(n))
                score = reference > 0 ? plugIn / reference : 0
            } else {
                score = expected > 0 ? Double(distinct[index]) / expected : 0
            }
            steps.offer(score, account: account, time: batch.timestamps[row], board: &board)
        }
    }

    /// c·log c (0 for 0).
    @inline(__always)
    private static func countLog(_ count: Int) -> Double {
        count > 1 ? Double(count) * log(Double(count)) : 0
    }

    /// Recomputes log(1 − p_c), the traffic's entropy, and clears the E[distinct] cache.
    private mutating func refresh() {
        sinceRefresh = 0
        var entropy = 0.0
        for c in 0..<cells {
            let p = traffic[c] / max(total, 1)
            logMiss[c] = p > 0 ? log1p(-p) : 0
            if p > 0 { entropy -= p * log(p) }
        }
        trafficEntropy = entropy
        expectedCache = [Double](repeating: -1, count: 4_096)
    }

    /// E[distinct cells] of n draws from the traffic's cell shares.
    private mutating func expectedDistinct(_ n: Int) -> Double {
        if n < expectedCache.count, expectedCache[n] >= 0 { return expectedCache[n] }
        var sum = 0.0
        for c in 0..<cells where logMiss[c] < 0 { sum += 1 - exp(Double(n) * logMiss[c]) }
        if n < expectedCache.count { expectedCache[n] = sum }
        return sum
    }

    /// The cell of an embedding: bit i set when its projection on plane i is positive.
    @inline(__always)
    private static func cell(_ embedding: UnsafePointer<Float>, dimension: Int, planes: UnsafeBufferPointer<SIMD16<Float>>)
        -> Int
    {
        var projection = SIMD16<Float>()
        for k in 0..<dimension { projection += planes[k] * embedding[k] }
        let positive = projection .> 0
        var cell = 0
        for i in 0..<16 where positive[i] { cell |= 1 << i }
        return cell
    }

    /// `bits` Gaussian hyperplanes in `dimension` dimensions, transposed (unused lanes 0).
    private static func hyperplanes(dimension: Int, bits: Int) -> [SIMD16<Float>] {
        (0..<dimension).map { k in
            var weights = SIMD16<Float>()
            for i in 0..<bits { weights[i] = Float(RandomFourierFeatures.normal(0x5349_4D48_4153_4821, UInt64(i * dimension + k))) }
            return weights
        }
    }
}
