import Randomness

/// A ``PromptStyle`` prepared for writing: GSL alias tables (Walker's method) for languages,
/// task kinds and focused-topic ranks, the topic list of the selection's domains and the
/// topics a sweep walks.
///
/// Build once per style (building is allowed to be slow) and share it, read-only, by every
/// account of that style on every thread. What differs between accounts (primary language,
/// focused topics, whether and where it sweeps) lives in each account's ``PromptState``.
public struct CompiledPromptStyle: Sendable {
    /// The style this was compiled from.
    public let style: PromptStyle
    /// Languages by index in ``Language/allCases``.
    let languageTable: DiscreteDistribution
    /// Task kinds by index in ``TaskKind/allCases``.
    let kindTable: DiscreteDistribution
    /// Zipf weights over an account's focused topics, by rank; nil unless the selection is focused.
    let rankTable: DiscreteDistribution?
    /// The topics of the selection's domains, ascending (what uniform draws use).
    let allowedTopics: [Int32]
    /// The topics of the sweep's domains, ascending; a walk visits them in the order of its
    /// ``SweepPermutation``.
    let sweepTopicList: [Int32]
    /// ``SweepPermutation/halfBits`` for `sweepTopics.count`.
    let sweepHalfBits: Int
    /// Topics an account focuses on (≤ ``PromptState/maxFocusedTopics``); 0 unless focused.
    let focusedCount: Int
    /// The share of accounts that sweep (1 for ``TopicSelection/sweep(domains:)``).
    let sweeperShare: Double
    /// The number of topics in the pools this was compiled against.
    let poolTopicCount: Int
    /// The style's probabilities and counts as plain values (no reference counting when read).
    let knobs: Knobs

    /// The per-prompt probabilities of a ``PromptStyle`` as 16-bit thresholds (see ``Dice``)
    /// and its sentence counts, as plain values (no reference counting when read).
    struct Knobs {
        var languageStickiness, greeting, background, politeness, typo, followUp: UInt32
        var reasoningSuffix, formatInstruction, context, templateReuse, nearDuplicate: UInt32
        var sweepShare, pastedCode: UInt32
        var contextSentencesLow, contextSentencesSpan, passageSentencesLow, passageSentencesSpan: Int

        init(_ style: PromptStyle) {
            languageStickiness = Dice.threshold(style.languageStickiness)
            greeting = Dice.threshold(style.greeting)
            background = Dice.threshold(style.background)
            politeness = Dice.threshold(style.politeness)
            typo = Dice.threshold(style.typo)
            followUp = Dice.threshold(style.followUp)
            reasoningSuffix = Dice.threshold(style.reasoningSuffix)
            formatInstruction = Dice.threshold(style.formatInstruction)
            context = Dice.threshold(style.context)
            templateReuse = Dice.threshold(style.templateReuse)
            nearDuplicate = Dice.threshold(style.nearDuplicate)
            sweepShare = Dice.threshold(style.sweepShare)
            pastedCode = Dice.threshold(style.pastedCode)
            contextSentencesLow = style.contextSentences.lowerBound
            contextSentencesSpan = style.contextSentences.count
            passageSentencesLow = style.passageSentences.lowerBound
            passageSentencesSpan = style.passageSentences.count
        }
    }

    /// Compiles `style` against `pools`.
    ///
    /// - Throws: ``PromptStyleError`` if the style is invalid or its domains hold no topic.
    public init(_ style: PromptStyle, pools: PromptPools = .standard) throws(PromptStyleError) {
        try style.validate()
        let allowed = pools.topicIndices(in: style.topics.domains)
        guard !allowed.isEmpty else { throw .noTopics(style.topics.domains) }
        let walkDomains = style.sweepDomains ?? style.topics.domains
        let walk = pools.topicIndices(in: walkDomains)
        guard !walk.isEmpty else { throw .noTopics(walkDomains) }
        self.style = style
        knobs = Knobs(style)
        allowedTopics = allowed.map { Int32($0) }
        sweepTopicList = walk.map { Int32($0) }
        sweepHalfBits = SweepPermutation.halfBits(for: walk.count)
        sweeperShare = style.sweepShare > 0 ? style.effectiveSweeperShare : 0
        poolTopicCount = pools.topicCount
        do {
            languageTable = try DiscreteDistribution(weights: Language.allCases.map { style.languages[$0] ?? 0 })
            kindTable = try DiscreteDistribution(weights: TaskKind.allCases.map { style.taskKinds[$0] ?? 0 })
            switch style.topics {
            case .focused(let count, let exponent, _):
                focusedCount = min(count, allowed.count)
                rankTable = try DiscreteDistribution(
                    weights: DiscreteDistribution.zipfWeights(count: focusedCount, exponent: exponent))
            case .uniform, .sweep:
                focusedCount = 0
                rankTable = nil
            }
        } catch {
            throw .invalidWeights("languages or taskKinds")
        }
    }

    /// The topics of the selection's domains, ascending.
    public var topics: [Int] { allowedTopics.map { Int($0) } }

    /// The topics a sweep walks, ascending (a walk visits them in a permuted order): split a
    /// campaign's walk between its accounts with `sweepStart = i * sweepTopics.count / accounts`.
    public var sweepTopics: [Int] { sweepTopicList.map { Int($0) } }
}
