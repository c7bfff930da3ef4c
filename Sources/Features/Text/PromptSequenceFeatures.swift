import Foundation
import Traffic

/// The text and sequence features of every account's prompts (part of ``AccountFeatures``),
/// computed from the prompt text alone in one streaming pass, with a fixed-size state per
/// account: about 800 bytes, plus an opening sample of at most ``openingCapacity`` hashes.
///
/// Each prompt is read once by a ``PromptTextScanner``. Features ("share" = share of the
/// account's prompts; an account without prompts gets 0 and the language `(no requests)`):
///
/// - `prompt.chars_cv`: population standard deviation over mean of the prompt length in scalars.
/// - `prompt.reasoning_share`: prompts with a reasoning-coercion phrase (``ReasoningPhrases``).
/// - `prompt.opening_distinct_rate`: distinct openings (first 6 tokens) over prompts; exact up
///   to ``openingCapacity`` distinct openings, estimated beyond (``PromptSample``).
/// - `prompt.near_duplicate_share`: prompts whose estimated 3-gram Jaccard similarity with one of
///   the account's ``recentPrompts`` previous prompts is ≥ ``nearDuplicateSimilarity`` (MinHash,
///   as in Broder, "On the resemblance and containment of documents", 1997).
/// - `prompt.step_similarity_mean`: mean estimated 3-gram Jaccard similarity of consecutive
///   prompts — how far each prompt moves from the last (a topic sweep moves every time).
/// - `prompt.step_disjoint_share`: among consecutive pairs that both have content tokens, the
///   share that share none (approximately: a change of topic and task).
/// - `prompt.cjk_share`, `prompt.kana_share`: Han/kana/Hangul letters and kana among non-space
///   scalars.
/// - `prompt.language` (categorical): the modal ``LanguageGuess`` (ties to the earlier case);
///   `prompt.language_entropy`: Shannon entropy in bits of the per-prompt guesses.
///
/// Consecutive means in the order the account's requests arrive (trace order).
public struct PromptSequenceFeatures: Sendable {
    /// Previous prompts a prompt is compared with for near-duplicates.
    static let recentPrompts = 8
    /// The estimated Jaccard similarity at which a prompt is a near-duplicate.
    static let nearDuplicateSimilarity = 0.8
    /// Distinct openings counted exactly per account.
    static let openingCapacity = 64

    /// The names of the features, in ``features(noRequests:)`` order.
    public static let featureNames = [
        "prompt.chars_cv", "prompt.reasoning_share", "prompt.opening_distinct_rate", "prompt.near_duplicate_share",
        "prompt.step_similarity_mean", "prompt.step_disjoint_share", "prompt.cjk_share", "prompt.kana_share",
        "prompt.language", "prompt.language_entropy",
    ]

    private struct Totals {
        var prompts: UInt32 = 0
        var reasoning: UInt32 = 0
        var nearDuplicates: UInt32 = 0
        var steps: UInt32 = 0
        var contentSteps: UInt32 = 0
        var disjointSteps: UInt32 = 0
        var recentCount: UInt8 = 0
        var recentNext: UInt8 = 0
        var previousTokenCount: UInt8 = 0
        var stepSimilarity = 0.0
        /// Welford running mean and squared deviations of the length in scalars.
        var lengthMean = 0.0
        var lengthM2 = 0.0
        var nonSpaceScalars = 0
        var cjkLetters = 0
        var kanaLetters = 0
    }

    private static let languages = LanguageGuess.allCases.count
    private static let bins = PromptTextScanner.signatureBins
    private static let tokenSlots = PromptTextScanner.contentTokenLimit

    private var totals: [Totals]
    /// ``languages`` counters per account.
    private var languageCounts: [UInt32]
    /// The last prompt's content tokens: ``tokenSlots`` per account.
    private var previousTokens: [UInt32]
    /// A ring of the last ``recentPrompts`` signatures: `recentPrompts × bins` per account.
    private var recentSignatures: [UInt16]
    private var openings: [PromptSample]
    private var scanner = PromptTextScanner()

    /// Empty state for `accounts` accounts.
    init(accounts: Int) {
        totals = [Totals](repeating: Totals(), count: accounts)
        languageCounts = [UInt32](repeating: 0, count: accounts * Self.languages)
        previousTokens = [UInt32](repeating: 0, count: accounts * Self.tokenSlots)
        recentSignatures = [UInt16](repeating: 0, count: accounts * Self.recentPrompts * Self.bins)
        openings = [PromptSample](repeating: PromptSample(capacity: Self.openingCapacity), count: accounts)
    }

    /// Adds the prompts of `batch`; `rows[i]` is the account (table index) of request `i`.
    mutating func add(_ batch: RequestBatch, rows: UnsafeBufferPointer<Int32>) {
        batch.prompts.ends.withUnsafeBufferPointer { ends in
            batch.prompts.bytes.withUnsafeBytes { bytes in
                var start = 0
                for i in 0..<rows.count {
                    let end = Int(ends[i])
                    scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                    record(account: Int(rows[i]))
                }
            }
        }
    }

    /// Adds the scanner's last prompt to account `a`.
    private mutating func record(account a: Int) {
        var t = totals[a]
        t.prompts += 1
        if scanner.asksForReasoning { t.reasoning += 1 }
        let length = Double(scanner.scalars)
        let delta = length - t.lengthMean
        t.lengthMean += delta / Double(t.prompts)
        t.lengthM2 += delta * (length - t.lengthMean)
        t.nonSpaceScalars += scanner.nonSpaceScalars
        t.cjkLetters += scanner.cjkLetters
        t.kanaLetters += scanner.kanaLetters
        languageCounts[a * Self.languages + scanner.language.rawValue] += 1
        openings[a].add(scanner.opening)

        let ringStart = a * Self.recentPrompts * Self.bins
        let tokenStart = a * Self.tokenSlots
        if t.recentCount > 0 {
            let newest = (Int(t.recentNext) + Self.recentPrompts - 1) % Self.recentPrompts
            var isNearDuplicate = false
            scanner.signature.withUnsafeBufferPointer { signature in
                recentSignatures.withUnsafeBufferPointer { ring in
                    for slot in 0..<Int(t.recentCount) {
                        let recent = UnsafeBufferPointer(rebasing: ring[(ringStart + slot * Self.bins)...])
                        let similarity = PromptTextScanner.similarity(signature, recent)
                        if slot == newest { t.stepSimilarity += similarity }
                        if similarity >= Self.nearDuplicateSimilarity { isNearDuplicate = true }
                    }
                }
            }
            t.steps += 1
            if isNearDuplicate { t.nearDuplicates += 1 }
            if t.previousTokenCount > 0, !scanner.contentTokens.isEmpty {
                t.contentSteps += 1
                let shares = scanner.contentTokens.withUnsafeBufferPointer { current in
                    previousTokens.withUnsafeBufferPointer { previous in
                        PromptTextScanner.intersect(
                            current, UnsafeBufferPointer(rebasing: previous[tokenStart..<(tokenStart + Int(t.previousTokenCount))]))
                    }
                }
                if !shares { t.disjointSteps += 1 }
            }
        }
        let slotStart = ringStart + Int(t.recentNext) * Self.bins
        recentSignatures.replaceSubrange(slotStart..<(slotStart + Self.bins), with: scanner.signature)
        t.recentNext = UInt8((Int(t.recentNext) + 1) % Self.recentPrompts)
        t.recentCount = UInt8(min(Int(t.recentCount) + 1, Self.recentPrompts))
        let tokens = scanner.contentTokens
        previousTokens.replaceSubrange(tokenStart..<(tokenStart + tokens.count), with: tokens)
        t.previousTokenCount = UInt8(tokens.count)
        totals[a] = t
    }

    // MARK: - Features

    /// The features of every account, in ``featureNames`` order; `noRequests` is the language of
    /// an account without prompts.
    func features(noRequests: String) -> [Feature] {
        let count = totals.count
        func numeric(_ name: String, _ value: (Totals) -> Double) -> Feature {
            Feature(name: name, values: .numeric(totals.map(value)))
        }
        func ratio(_ part: some BinaryInteger, _ whole: some BinaryInteger) -> Double {
            whole == 0 ? 0 : Double(part) / Double(whole)
        }
        var modal: [String] = []
        var entropy: [Double] = []
        modal.reserveCapacity(count)
        entropy.reserveCapacity(count)
        for a in 0..<count {
            let counts = languageCounts[(a * Self.languages)..<((a + 1) * Self.languages)]
            let total = Double(totals[a].prompts)
            guard total > 0 else {
                modal.append(noRequests)
                entropy.append(0)
                continue
            }
            var best = 0
            var bits = 0.0
            for (index, n) in counts.enumerated() {
                if n > counts[counts.startIndex + best] { best = index }
                if n > 0 {
                    let p = Double(n) / total
                    bits -= p * log2(p)
                }
            }
            modal.append(LanguageGuess.allCases[best].code)
            entropy.append(max(bits, 0))
        }
        let features = [
            numeric("prompt.chars_cv") { t in
                t.prompts < 2 || t.lengthMean <= 0 ? 0 : (max(t.lengthM2, 0) / Double(t.prompts)).squareRoot() / t.lengthMean
            },
            numeric("prompt.reasoning_share") { ratio($0.reasoning, $0.prompts) },
            Feature(
                name: "prompt.opening_distinct_rate",
                values: .numeric((0..<count).map { totals[$0].prompts == 0 ? 0 : openings[$0].distinct / Double(totals[$0].prompts) })),
            numeric("prompt.near_duplicate_share") { ratio($0.nearDuplicates, $0.prompts) },
            numeric("prompt.step_similarity_mean") { $0.steps == 0 ? 0 : $0.stepSimilarity / Double($0.steps) },
            numeric("prompt.step_disjoint_share") { ratio($0.disjointSteps, $0.contentSteps) },
            numeric("prompt.cjk_share") { ratio($0.cjkLetters, $0.nonSpaceScalars) },
            numeric("prompt.kana_share") { ratio($0.kanaLetters, $0.nonSpaceScalars) },
            Feature.categorical("prompt.language", values: modal),
            Feature(name: "prompt.language_entropy", values: .numeric(entropy)),
        ]
        assert(features.map(\.name) == Self.featureNames)
        return features
    }
}
