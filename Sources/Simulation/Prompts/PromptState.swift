import Randomness

/// The per-account memory of prompt writing: the account's own draws (primary language,
/// focused topics, sweep position) and what the last prompt was (for follow-ups, template
/// reuse and near-duplicates).
///
/// 48 bytes, no heap storage. The account's draws are made from its own random stream on
/// its first prompt (or by ``personalize(for:source:)``); give an account a fresh state if
/// it switches to another style.
public struct PromptState: Sendable {
    /// The most topics a focused selection keeps per account.
    public static let maxFocusedTopics = 16

    /// The previous prompt's topic index, or -1 before the first prompt.
    var topic: Int32 = -1
    /// The previous prompt's template (index within its language and task kind).
    var template: UInt16 = 0
    /// The previous prompt's language (index in ``Language/allCases``).
    var language: UInt8 = 0
    /// The previous prompt's task kind (index in ``TaskKind/allCases``).
    var kind: UInt8 = 0
    /// Position of the next sweep draw in the style's topic list (before wrapping).
    var sweepPosition: UInt32 = 0
    /// The account's primary language (index in ``Language/allCases``).
    var primaryLanguage: UInt8 = 0
    /// Focused topics held in ``focused``.
    var focusedCount: UInt8 = 0
    /// True once the account's own draws are made.
    var personalized = false
    /// True if the sweep start was given rather than drawn.
    var sweepStartGiven = false
    /// The account's focused topics, most frequent first (16 × UInt16).
    var focused: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The state of an account that has not written yet.
    public init() {}

    /// The state of an account whose topic sweep starts at `sweepStart` (a position in the
    /// style's topic list, wrapped), e.g. `i * n / accounts` for account `i` of a campaign
    /// that partitions `n` topics between its accounts.
    public init(sweepStart: Int) {
        sweepPosition = UInt32(truncatingIfNeeded: max(0, sweepStart))
        sweepStartGiven = true
    }

    /// Makes the account's own draws for `style` from `source`: its primary language, its
    /// focused topics (distinct, uniformly from the selection's domains) and, unless given,
    /// its sweep start. ``PromptSynthesizer/write(style:state:into:source:)`` calls this on the
    /// first prompt.
    public mutating func personalize(for style: CompiledPromptStyle, source: RandomSource) {
        primaryLanguage = UInt8(style.languageTable.sample(source))
        let allowed = style.allowedTopics
        let count = min(style.focusedCount, Self.maxFocusedTopics)
        var picked = 0
        while picked < count {  // rejection sampling of distinct topics (count ≤ 16: few retries)
            let topic = UInt16(allowed[source.index(below: allowed.count)])
            var seen = false
            for i in 0..<picked where focusedTopic(i) == topic { seen = true }
            if !seen {
                setFocusedTopic(picked, topic)
                picked += 1
            }
        }
        focusedCount = UInt8(count)
        if style.sweeps && !sweepStartGiven {
            sweepPosition = UInt32(source.index(below: allowed.count))
        }
        personalized = true
    }

    /// True once the account has written a prompt.
    public var hasPrevious: Bool { topic >= 0 }

    /// The previous prompt's topic index, if any.
    public var previousTopic: Int? { topic >= 0 ? Int(topic) : nil }

    /// The account's primary language (meaningful once personalized).
    public var primary: Language { Language(index: Int(primaryLanguage)) }

    /// The account's focused topics, most frequent first (empty unless the style is focused).
    public var focusedTopics: [Int] { (0..<Int(focusedCount)).map { Int(focusedTopic($0)) } }

    @inline(__always) func focusedTopic(_ rank: Int) -> UInt16 {
        withUnsafeBytes(of: focused) { $0.load(fromByteOffset: rank * 2, as: UInt16.self) }
    }

    private mutating func setFocusedTopic(_ rank: Int, _ topic: UInt16) {
        withUnsafeMutableBytes(of: &focused) { $0.storeBytes(of: topic, toByteOffset: rank * 2, as: UInt16.self) }
    }
}
