import Features
import Traffic

/// Flags accounts that send many near-duplicates of their own prompts — scaffolded templates
/// refilled with new topics, the same question resampled with its fillers redrawn — after SEAT
/// (Zhang et al., "SEAT: Similarity Encoder by Adversarial Training for Detecting Model
/// Extraction Attack Queries", AISec 2021), which counts an account's pairs of similar queries.
///
/// **Pairs.** Similarity is the Jaccard similarity of character 3-gram sets, estimated by the
/// shared MinHash signature (``PromptFeatures/signature(_:)``) and searched by locality-sensitive
/// hashing (Indyk & Motwani 1998; banding as in Leskovec, Rajaraman & Ullman, *Mining of Massive
/// Datasets*, ch. 3): the first 8 × `rows` bins form 8 bands of `rows` bins; two prompts collide
/// in a band when all its bins agree, which happens with probability J^rows, so they collide
/// somewhere with probability 1 − (1 − J^rows)⁸ (at the default 5 rows: 0.08 at J = 0.4, 0.48 at
/// 0.6, 0.77 at 0.7, 0.96 at 0.8; the S-curve's midpoint is J ≈ 0.66). Five rows were chosen on
/// calibration traffic (`realistic-mix`, seed 900, scale 0.2) over 4, 6 and 8: they keep the
/// templated benign personas (evaluation harnesses, RAG) below resampling campaigns, at an
/// average precision within 0.002 of 4 rows. A new prompt's near-duplicate pairs
/// are the number of earlier prompts in its account's table that collide with it in its most
/// colliding band — a lower bound on the colliding prompts, exact when they collide in the same
/// band — or, if larger, the number that are **exact repeats**: the same 64-bit hash of the
/// normalised text (``PromptFeatures/textHashes``; case and white space ignored).
///
/// **What counts.** Only prompts of at least `min_length` UTF-8 bytes are compared and stored
/// (default 64): short follow-ups ("Can you make it shorter?") repeat verbatim in every chat
/// account, and a handful of 3-grams gives no usable Jaccard estimate.
///
/// **Score.** Near-duplicate pairs per compared prompt, times min(1, compared / `min_queries`)
/// so that a few repeats in a short history cannot reach it; recorded in steps of 2 %. Default
/// threshold 2.26: on `realistic-mix` at calibration seed 900, scale 1, the lowest threshold
/// keeping the benign accounts flagged at or below the benchmark's 0.1 % FPR budget is 2.253
/// (`distillbench run Scenarios/realistic-mix.yaml --seeds 900 --detectors near-duplicate`, the
/// `fpr_budget` operating point), rounded up. The benign accounts nearest it are synthetic-data
/// teams, whose scaffolded generation is what a self-instruct campaign does.
///
/// **Memory.** Each account's table is a ring of its last `memory` compared prompts (default
/// 128): 8 band keys (32 bits each) and the text hash, 40 bytes a prompt, 5 KB at most; it
/// grows with the account's prompts up to the cap. A comparison is one 8-lane vector compare per
/// stored prompt.
public struct NearDuplicateDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// MinHash bins per band (default 5; 8 bands).
        public var rows: Int = 5
        /// Prompts per account kept for comparison (default 128).
        public var memory: Int = 128
        /// Shortest prompt compared, UTF-8 bytes (default 64).
        public var minimumLength: Int = 64
        /// Compared prompts before an account's rate counts in full (default 50).
        public var minimumQueries: Double = 50
        /// The recommended threshold on pairs per prompt.
        public var threshold: Double = 2.26

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .integer("rows", \.rows, in: 1...128, "MinHash bins per band (8 bands; 8 × rows ≤ the signature's bins)"),
                .integer("memory", \.memory, in: 1...65_536, "prompts per account kept for comparison"),
                .integer("min_length", \.minimumLength, in: 0...1_000_000, "shortest prompt compared, UTF-8 bytes"),
                .number("min_queries", \.minimumQueries, in: 1...1e9, "compared prompts before the rate counts in full"),
                .number("threshold", \.threshold, in: .leastNonzeroMagnitude ... .greatestFiniteMagnitude, "recommended threshold on pairs per prompt"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case rows, memory
            case minimumLength = "min_length"
            case minimumQueries = "min_queries"
            case threshold
        }
    }

    /// One account's table: a ring of its last compared prompts.
    private struct Table: Sendable {
        var bands: [SIMD8<UInt32>] = []
        var hashes: [UInt64] = []
        /// Where the next prompt goes once the ring is full.
        var next = 0
        /// Prompts compared so far, and the near-duplicate pairs found.
        var compared = 0.0
        var pairs = 0.0
    }

    public static let catalogName = "near-duplicate"
    public static let summary = "near-duplicate pairs per prompt within an account, by MinHash LSH (after SEAT, Zhang et al. 2021)"
    public let settings: Settings
    public var defaultThreshold: Double { settings.threshold }
    public var needs: PromptFeatureSet { [.minHash, .textHash] }
    public var reads: Set<RequestField> { [.ts, .account, .prompt] }

    private var tables = PerAccount(Table())
    private var steps = ScoreSteps(.relative(1.02), floor: 0.01)

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func begin(accounts: [Account]) {
        tables.grow(to: accounts.count)
        steps.grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) throws {
        guard batch.count > 0 else { return }
        let bins = features.settings.minHashBins
        try features.require(needs, for: batch, by: Self.catalogName)
        let rows = settings.rows
        guard 8 * rows <= bins else {
            throw DetectorError.failed(
                detector: Self.catalogName, reason: "8 bands of \(rows) rows need \(8 * rows) MinHash bins; the signatures have \(bins)")
        }
        tables.grow(to: batch.accountNames.count)
        steps.grow(to: batch.accountNames.count)
        let memory = settings.memory
        let minimumLength = settings.minimumLength
        let minimumQueries = settings.minimumQueries
        features.signatures.withUnsafeBufferPointer { signatures in
            for row in 0..<batch.count where batch.prompts.range(row).count >= minimumLength {
                let signature = signatures.baseAddress.unsafelyUnwrapped + row * bins
                let key = Self.bandKeys(signature, rows: rows)
                let hash = features.textHashes[row]
                let account = batch.accounts[row]
                let score: Double = {
                    // One exclusive access to the account's table for the whole update.
                    func update(_ table: inout Table) -> Double {
                        var collisions = SIMD8<UInt32>(repeating: 0)
                        var repeats: UInt32 = 0
                        for stored in table.bands { collisions &+= SIMD8(repeating: 0).replacing(with: 1, where: stored .== key) }
                        for stored in table.hashes where stored == hash { repeats += 1 }
                        if table.bands.count < memory {
                            table.bands.append(key)
                            table.hashes.append(hash)
                        } else {
                            table.bands[table.next] = key
                            table.hashes[table.next] = hash
                            table.next = (table.next + 1) % memory
                        }
                        table.compared += 1
                        table.pairs += Double(max(collisions.max(), repeats))
                        return table.pairs / table.compared * min(1, table.compared / minimumQueries)
                    }
                    return update(&tables[account])
                }()
                steps.offer(score, account: account, time: batch.timestamps[row], board: &board)
            }
        }
    }

    /// The 8 band keys of a signature: band b hashes bins b·rows ..< (b + 1)·rows.
    @inline(__always)
    static func bandKeys(_ signature: UnsafePointer<UInt32>, rows: Int) -> SIMD8<UInt32> {
        var keys = SIMD8<UInt32>()
        for band in 0..<8 {
            var hash = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            var bin = band * rows
            let end = bin + rows
            while bin + 1 < end {
                hash = PromptFeaturizer.mix(hash ^ (UInt64(signature[bin]) << 32 | UInt64(signature[bin + 1])))
                bin += 2
            }
            if bin < end { hash = PromptFeaturizer.mix(hash ^ UInt64(signature[bin])) }
            keys[band] = UInt32(truncatingIfNeeded: hash)
        }
        return keys
    }
}
