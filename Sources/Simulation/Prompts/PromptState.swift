import Randomness

/// The per-account memory of prompt writing: the account's own draws (primary language,
/// focused topics, whether and where it sweeps, its entity seed) and what the last prompt was
/// (for follow-ups, template reuse and near-duplicates).
///
/// 64 bytes, no heap storage. The account's draws are made from its own random stream on
/// its first prompt (or by ``personalize(for:source:)``); give an account a fresh state if
/// it switches to another style.
public struct PromptState: Sendable {
    /// The most topics a focused selection keeps per account.
    public static let maxFocusedTopics = 16

    /// The previous prompt's topic index, or -1 before the first prompt.
    var topic: Int32 = -1
    /// The previous prompt's template (index within its language and task kind, before
    /// wrapping to the pool's size).
    var template: UInt16 = 0
    /// The previous prompt's language (index in ``Language/allCases``).
    var language: UInt8 = 0
    /// The previous prompt's task kind (index in ``TaskKind/allCases``).
    var kind: UInt8 = 0
    /// Position of the next sweep step in the account's walk (before wrapping).
    var sweepPosition: UInt32 = 0
    /// The account's primary language (index in ``Language/allCases``).
    var primaryLanguage: UInt8 = 0
    /// Focused topics held in ``focused``.
    var focusedCount: UInt8 = 0
    /// ``Flags``.
    private var flags: UInt8 = 0
    /// Key of the account's sweep walk (``SweepPermutation``).
    var sweepSeed: UInt64 = 0
    /// Seed of the account's own products, customers, teams and colleagues (``PhraseSlot``).
    var entitySeed: UInt64 = 0
    /// The account's focused topics, most frequent first (16 × UInt16).
    var focused: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    private enum Flags {
        static let personalized: UInt8 = 1
        static let sweeper: UInt8 = 2
        static let sweepSeedGiven: UInt8 = 4
        static let sweepStartGiven: UInt8 = 8
        static let entitySeedGiven: UInt8 = 16
    }

    /// The state of an account that has not written yet.
    ///
    /// - Parameters:
    ///   - sweepSeed: the key of the account's sweep walk, shared by the members of a campaign
    ///     (e.g. the campaign's seed) so that they walk one permutation; nil: the account draws
    ///     its own.
    ///   - sweepStart: where its walk starts (wrapped to the walk's length), e.g.
    ///     `i * n / accounts` for member `i` of a campaign that partitions `n` topics between
    ///     its accounts (``CompiledPromptStyle/sweepTopics``); nil: drawn.
    ///   - entitySeed: the seed of its products, customers, teams and colleagues; give the
    ///     accounts of one organisation the same seed to make them share vocabulary; nil: the
    ///     account draws its own.
    public init(sweepSeed: UInt64? = nil, sweepStart: Int? = nil, entitySeed: UInt64? = nil) {
        if let sweepSeed {
            self.sweepSeed = sweepSeed
            flags |= Flags.sweepSeedGiven
        }
        if let sweepStart {
            sweepPosition = UInt32(truncatingIfNeeded: max(0, sweepStart))
            flags |= Flags.sweepStartGiven
        }
        if let entitySeed {
            self.entitySeed = entitySeed
            flags |= Flags.entitySeedGiven
        }
    }

    /// Makes the account's own draws for `style` from `source`: its primary language, its
    /// focused topics (distinct, uniformly from the selection's domains), whether it sweeps
    /// (``PromptStyle/sweeperShare``) and, unless given, its sweep key, sweep start and entity
    /// seed. ``PromptSynthesizer/write(style:state:into:source:)`` calls this on the first
    /// prompt. The same number of draws is made whatever was given, so that giving a seed
    /// changes nothing else.
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
        let coin = source.uniform()
        let seed = source.next()
        let start = source.next()
        let entities = source.next()
        flags = coin < style.sweeperShare ? flags | Flags.sweeper : flags & ~Flags.sweeper
        if flags & Flags.sweepSeedGiven == 0 { sweepSeed = seed }
        if flags & Flags.sweepStartGiven == 0 {
            sweepPosition = UInt32(((start >> 32) &* UInt64(style.sweepTopicList.count)) >> 32)
        }
        if flags & Flags.entitySeedGiven == 0 { entitySeed = entities }
        flags |= Flags.personalized
    }

    /// True once the account's own draws are made.
    var personalized: Bool { flags & Flags.personalized != 0 }

    /// True if the account sweeps (meaningful once personalized).
    public var sweeper: Bool { flags & Flags.sweeper != 0 }

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
