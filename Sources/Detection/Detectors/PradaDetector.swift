import Features
import Statistics
import Traffic

/// PRADA (Juuti, Szyller, Marchal & Asokan, "PRADA: Protecting against DNN Model Stealing
/// Attacks", IEEE EuroS&P 2019), one class per account: an account whose queries' distances to
/// its own earlier queries stop looking normally distributed.
///
/// **Signal.** Algorithm 1 of the paper, as the authors' code runs it, with the account in the
/// place of the predicted class (a text API has no class to split by). Each account keeps a
/// *growing set* G of its queries' embeddings, the distances `D_G` with which they entered, and
/// a threshold `T` (0 at first). A new query's distance `d` is its minimum L2 distance to G (the
/// shared hashed prompt embedding, folded to `dimension` coordinates: see
/// ``WorkingEmbeddings``); `d` joins the account's distance set D, and if `d > T` the query
/// joins G and `T ← max(T, mean(D_G) − std(D_G))`. (The first query seeds G with `D_G = {0}`.)
/// Every `test_every` queries, once the account has sent `min_queries`, the values of D within
/// 3 standard deviations of their mean (strictly) are tested for normality with Shapiro–Wilk
/// (``ShapiroWilk``; it needs at least 3 of them): natural queries spread their nearest-neighbour
/// distances roughly normally, while synthetic queries — templated, perturbed, stepped across
/// the space — produce a skewed or multi-modal set and a low W.
///
/// **Score.** `1 − W` at each test (the account's maximum counts, as for every detector), so
/// it rises as W falls; the default threshold `1 − δ` flags exactly the accounts with a test
/// where `W < δ`, the paper's rule. Recorded in steps of 0.002 from 0.01.
///
/// **Default δ = 0.76**, by the paper's rule on calibration traffic: the paper picks δ per data set
/// as the largest value that raises no false alarm on its benign query streams (its per-data-set
/// values could not be re-checked for this port); here, the largest round value that keeps benign
/// accounts flagged within the benchmark's 0.1 % FPR budget on `realistic-mix` at calibration seed
/// 900, scale 1 (never an evaluation or tuning seed): the `fpr_budget` operating point of
/// `distillbench run Scenarios/realistic-mix.yaml --seeds 900 --detectors prada` is a score of
/// 0.2394, W < 0.7606, rounded down. At δ = 0.9 (this port's first default) PRADA flags 13.9 % of
/// those benign accounts: LLM prompt streams do not behave like the paper's natural images — busy
/// benign accounts mix languages, tasks, retries and follow-ups, so their nearest-neighbour
/// distances are multi-modal (lowest W of developers with ≥ 100 requests: median 0.87 on
/// `tactic-self-instruct`, seed 900). The paper's synthetic-versus-natural finding itself
/// reproduces at δ = 0.9 on streams built for it (`PradaTests`: lightly perturbed templates W ≈
/// 0.83, flagged at the first test; natural prompts W ≈ 0.98, never).
///
/// **Dimension 32.** Distances use the shared embedding folded to 32 coordinates (the
/// throughput target of issue 9 needs it on one core without AVX); `dimension` sets 64, 128 or
/// 256 instead. On the same calibration traffic the choice did not change PRADA's ranking
/// (AP 0.0032 at 32, 0.0031 at 64).
///
/// **Bounded memory and cost.** The paper keeps every query of G and every distance; here G
/// and D keep the `max_set` most recent (default 2,000) — memory per account at most
/// `max_set × (dimension + 3)` values, a query costs at most `max_set` distances of `dimension`
/// coordinates, and a test `O(max_set)` (D is kept sorted; the Shapiro–Wilk coefficients of each
/// size are computed once per detector). The threshold's statistics `mean(D_G)`, `std(D_G)`
/// stay over every query that ever entered G (three running sums), as in the paper.
public struct PradaDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Flag when a test gives W below this (default 0.76, calibrated: see the type).
        public var delta: Double = 0.76
        /// Queries an account must have sent before its first test (default 100, the paper's).
        public var minimumQueries: Int = 100
        /// Test every this many queries of the account (default 10, the paper's).
        public var testEvery: Int = 10
        /// Most recent growing-set members and distances kept per account (default 2,000).
        public var maximumSet: Int = 2_000
        /// Coordinates the distances use: the shared embedding folded to this many (default 32).
        public var dimension: Int = 32

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .number("delta", \.delta, in: 0...1, "flag when the Shapiro–Wilk W of the distance set falls below this"),
                .integer("min_queries", \.minimumQueries, in: 3...1_000_000, "queries an account sends before its first test"),
                .integer("test_every", \.testEvery, in: 1...1_000_000, "queries between tests"),
                .integer("max_set", \.maximumSet, in: 3...5_000, "most recent growing-set members and distances kept per account"),
                .integer("dimension", \.dimension, in: 8...8_192, "embedding coordinates the distances use (must divide the shared dimension)"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case delta
            case minimumQueries = "min_queries"
            case testEvery = "test_every"
            case maximumSet = "max_set"
            case dimension
        }
    }

    /// One account's state.
    struct AccountState: Sendable {
        /// The growing set G.
        var growing: VectorRing
        /// The distances D, sorted as they come.
        var distances: SortedWindow
        /// Count, sum and sum of squares of the distances with which members entered G.
        var entered = 0.0
        var enteredSum = 0.0
        var enteredSquares = 0.0
        /// The threshold T.
        var threshold = 0.0
        /// Queries seen.
        var queries = 0
    }

    public static let catalogName = "prada"
    public static let summary = "Shapiro–Wilk normality of each account's nearest-earlier-query distances (Juuti et al. 2019)"
    public let settings: Settings
    public var defaultThreshold: Double { 1 - settings.delta }
    public var needs: PromptFeatureSet { [.embedding] }
    public var reads: Set<RequestField> { [.ts, .account] }

    private var accounts: PerAccount<AccountState>
    /// A new account's state (also the placeholder while an account's state is worked on).
    private let emptyState: AccountState
    private var steps = ScoreSteps(.additive(0.002), floor: 0.01)
    private var embeddings: WorkingEmbeddings
    /// Shapiro–Wilk coefficients by sample size, computed on first use (at most `max_set`
    /// sizes; about 12 bytes × size each).
    private var coefficients: [Int: ShapiroWilk.Coefficients] = [:]

    public init(settings: Settings = Settings()) {
        self.settings = settings
        emptyState = AccountState(
            growing: VectorRing(dimension: settings.dimension, capacity: settings.maximumSet),
            distances: SortedWindow(capacity: settings.maximumSet))
        accounts = PerAccount(emptyState)
        embeddings = WorkingEmbeddings(dimension: settings.dimension)
    }

    public mutating func begin(accounts list: [Account]) {
        grow(to: list.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) throws {
        let statistics = try statistics(batch, features: features)
        for row in 0..<batch.count where !statistics[row].isNaN {
            steps.offer(1 - statistics[row], account: batch.accounts[row], time: batch.timestamps[row], board: &board)
        }
    }

    /// Takes `batch` as ``observe(_:features:board:)`` does and returns, for each row, the
    /// Shapiro–Wilk W of its account's test at that query (NaN where no test ran). For tests and
    /// calibration: the detector's state advances exactly as in `observe`.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    public mutating func statistics(_ batch: RequestBatch, features: PromptFeatures) throws -> [Double] {
        grow(to: batch.accountNames.count)
        var statistics = [Double](repeating: .nan, count: batch.count)
        guard batch.count > 0 else { return statistics }
        let shared = features.settings.embeddingDimension
        guard shared % embeddings.dimension == 0 else {
            throw DetectorError.failed(
                detector: name, reason: "dimension \(settings.dimension) must divide the shared embedding dimension \(shared)")
        }
        embeddings.fill(from: features)
        let order = AccountOrder(batch)
        let vectors = embeddings.values
        var chunk = QueryChunk(dimension: embeddings.dimension, size: Self.chunkSize, capacity: settings.maximumSet)
        var joined: [Int] = []
        joined.reserveCapacity(chunk.size)
        vectors.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Account by account, a chunk of queries at a time: the growing set is read once
            // per chunk and stays in cache.
            for group in order.groups {
                let account = batch.accounts[order.rows[group.lowerBound]]
                var state = emptyState
                swap(&state, &accounts[account])
                var index = group.lowerBound
                while index < group.upperBound {
                    let rows = order.rows[index..<min(index + chunk.size, group.upperBound)]
                    chunk.load(rows, from: base, against: state.growing)
                    let free = state.growing.capacity - state.growing.count
                    joined.removeAll(keepingCapacity: true)
                    for (c, row) in rows.enumerated() {
                        state.queries += 1
                        if state.growing.count == 0, joined.isEmpty {
                            // The first query seeds G, with distance 0 in D_G.
                            joined.append(c)
                            state.entered = 1
                        } else {
                            var nearest = Float.infinity
                            if state.growing.count > 0 {
                                let slots = state.growing.survivingSlots(afterEvicting: max(0, joined.count - free))
                                nearest = chunk.minimum(c, over: slots)
                            }
                            for j in joined { nearest = min(nearest, chunk.squaredDistance(c, j)) }
                            if state.observe(distance: Double(nearest.squareRoot())) { joined.append(c) }
                        }
                        guard state.queries >= settings.minimumQueries, state.queries % settings.testEvery == 0,
                            let w = test(state.distances)
                        else { continue }
                        statistics[row] = w
                    }
                    for c in joined { chunk.append(c, to: &state.growing) }
                    index += rows.count
                }
                swap(&state, &accounts[account])
            }
        }
        return statistics
    }

    /// Queries of one account scanned against its growing set in one pass.
    static var chunkSize: Int { 16 }

    /// W of a distance set, outliers beyond 3σ dropped; nil if fewer than 3 remain or they
    /// are all equal.
    private mutating func test(_ window: SortedWindow) -> Double? {
        let (mean, deviation) = window.meanAndDeviation()
        let kept = window.range(above: mean - 3 * deviation, below: mean + 3 * deviation)
        guard let sizeCoefficients = coefficients(for: kept.count) else { return nil }
        return window.sorted.withUnsafeBufferPointer { sorted in
            ShapiroWilk.test(sorted: UnsafeBufferPointer(rebasing: sorted[kept]), coefficients: sizeCoefficients)?.statistic
        }
    }

    /// The Shapiro–Wilk coefficients for `count` values, cached; nil outside 3 … 5,000.
    private mutating func coefficients(for count: Int) -> ShapiroWilk.Coefficients? {
        if let cached = coefficients[count] { return cached }
        guard let computed = ShapiroWilk.Coefficients(count: count) else { return nil }
        coefficients[count] = computed
        return computed
    }

    private mutating func grow(to count: Int) {
        accounts.grow(to: count)
        steps.grow(to: count)
    }
}

extension PradaDetector.AccountState {
    /// Takes the distance of a query to G: it joins D, and the query joins G (returns true)
    /// if the distance exceeds T, which is then raised to `mean(D_G) − std(D_G)` if higher.
    mutating func observe(distance: Double) -> Bool {
        distances.append(distance)
        guard distance > threshold else { return false }
        entered += 1
        enteredSum += distance
        enteredSquares += distance * distance
        let mean = enteredSum / entered
        let deviation = max(0, enteredSquares / entered - mean * mean).squareRoot()
        threshold = max(threshold, mean - deviation)
        return true
    }
}
