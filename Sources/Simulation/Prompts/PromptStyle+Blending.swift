// Moving one style toward another: how a campaign takes on its cover persona's habits in
// graded steps (issue 7, "a graded instrument"), or how any style borrows another's task mix.

extension PromptStyle {
    /// This style moved a `share` of the way toward `other`: `share` 0 is `self`, and the
    /// larger the share, the more of `other`'s habits the result takes on. Meant for an actor
    /// (`self`, e.g. a campaign) taking on a cover's habits (`other`, e.g. the persona it
    /// hides behind), so the topic rule is asymmetric (below).
    ///
    /// - Languages and task kinds: the mixture `(1 − share) · self + share · other` of the
    ///   normalised weights (each prompt's language or task drawn from `self` or `other`).
    /// - Every per-prompt probability (language stickiness, greeting, background,
    ///   politeness, typo, follow-up, reasoning suffix, format instruction, context, pasted
    ///   code, template reuse, near-duplicate) and the bounds of the context and passage
    ///   sentence counts (rounded): `self + share · (other − self)`.
    /// - Topics. Each style is read as accounts of which a share `p` sweeps, a sweeping
    ///   account walking with probability `w` per draw over its sweep domains and otherwise
    ///   drawing from its base selection; a ``TopicSelection/uniform(domains:)`` selection
    ///   counts as a walk over its domains (`p = w = 1`: the same topic frequencies, fewer
    ///   repeats) and a ``TopicSelection/sweep(domains:)`` one as a uniform base with `p = 1`.
    ///   If `self` sweeps (`p > 0`) it keeps its sweeping accounts and its walk (coverage is
    ///   the actor's aim): the result has `self`'s sweeper share and sweep domains and walks
    ///   on `(1 − share) · w_self + share · p_other · w_other` of its draws (a cover account's
    ///   expected walk share). If it does not, it takes `share · p_other` sweepers walking
    ///   `other`'s domains with `other`'s walk share. The base selection is `other`'s when
    ///   `share · (1 − p_other · w_other) ≥ (1 − share) · (1 − p_self · w_self)` (the cover's
    ///   draws outside walks weigh more), else `self`'s; a sweep base is written as uniform.
    ///
    /// - Parameters:
    ///   - other: the style to move toward.
    ///   - share: how far, in [0, 1] (clamped).
    /// - Returns: the blended style; valid if both styles are.
    public func blended(toward other: PromptStyle, share: Double) -> PromptStyle {
        let s = min(max(share.isFinite ? share : 0, 0), 1)
        guard s > 0 else { return self }
        func lerp(_ a: Double, _ b: Double) -> Double { a + s * (b - a) }
        func lerp(_ a: ClosedRange<Int>, _ b: ClosedRange<Int>) -> ClosedRange<Int> {
            let low = Int(lerp(Double(a.lowerBound), Double(b.lowerBound)).rounded())
            let high = Int(lerp(Double(a.upperBound), Double(b.upperBound)).rounded())
            return low...max(low, high)
        }
        var result = self
        result.languages = Self.mix(languages, other.languages, share: s)
        result.taskKinds = Self.mix(taskKinds, other.taskKinds, share: s)
        result.languageStickiness = lerp(languageStickiness, other.languageStickiness)
        result.greeting = lerp(greeting, other.greeting)
        result.background = lerp(background, other.background)
        result.politeness = lerp(politeness, other.politeness)
        result.typo = lerp(typo, other.typo)
        result.followUp = lerp(followUp, other.followUp)
        result.reasoningSuffix = lerp(reasoningSuffix, other.reasoningSuffix)
        result.formatInstruction = lerp(formatInstruction, other.formatInstruction)
        result.context = lerp(context, other.context)
        result.pastedCode = lerp(pastedCode, other.pastedCode)
        result.templateReuse = lerp(templateReuse, other.templateReuse)
        result.nearDuplicate = lerp(nearDuplicate, other.nearDuplicate)
        result.contextSentences = lerp(contextSentences, other.contextSentences)
        result.passageSentences = lerp(passageSentences, other.passageSentences)

        let mine = walk
        let theirs = other.walk
        if mine.sweepers > 0 {
            result.sweeperShare = mine.sweepers
            result.sweepShare = (1 - s) * mine.share + s * theirs.sweepers * theirs.share
            result.sweepDomains = mine.domains
        } else {
            result.sweeperShare = s * theirs.sweepers
            result.sweepShare = theirs.share
            result.sweepDomains = theirs.domains
        }
        let otherBase = s * (1 - theirs.sweepers * theirs.share)
        let ownBase = (1 - s) * (1 - mine.sweepers * mine.share)
        result.topics = otherBase >= ownBase ? theirs.base : mine.base
        return result
    }

    /// This style with its task mix moved a `share` of the way toward `taskKinds`: the mixture
    /// `(1 − share) · self + share · taskKinds` of the normalised weights; nothing else changes.
    /// E.g. `style.blendingTasks(with: PromptStyle.chatTaskMix, share: 0.15)` makes a campaign
    /// ask for e-mails, translations and rewrites as often as a sixth of a chat user does.
    ///
    /// - Parameters:
    ///   - taskKinds: the task weights to move toward (need not be normalised).
    ///   - share: how far, in [0, 1] (clamped).
    public func blendingTasks(with taskKinds: [TaskKind: Double], share: Double) -> PromptStyle {
        var result = self
        result.taskKinds = Self.mix(self.taskKinds, taskKinds, share: min(max(share.isFinite ? share : 0, 0), 1))
        return result
    }

    // MARK: - Helpers

    /// The mixture `(1 − share) · a + share · b` of two weight tables, each normalised first
    /// (a table without positive weight counts as absent).
    static func mix<Key: Hashable>(_ a: [Key: Double], _ b: [Key: Double], share: Double) -> [Key: Double] {
        func normalised(_ table: [Key: Double]) -> [Key: Double] {
            // Summed in ascending order: a dictionary's order changes from process to process,
            // and a float sum in another order can differ in its last bit (and so the trace).
            let total = table.values.filter { $0 > 0 && $0.isFinite }.sorted().reduce(0, +)
            guard total > 0 else { return [:] }
            return table.compactMapValues { $0 > 0 && $0.isFinite ? $0 / total : nil }
        }
        let left = normalised(a)
        let right = normalised(b)
        guard !left.isEmpty else { return right }
        guard !right.isEmpty else { return left }
        var result: [Key: Double] = [:]
        for (key, weight) in left { result[key, default: 0] += (1 - share) * weight }
        for (key, weight) in right { result[key, default: 0] += share * weight }
        return result.filter { $0.value > 0 }
    }

    /// The style's topic process as blending reads it (see ``blended(toward:share:)``).
    private var walk: (sweepers: Double, share: Double, domains: Set<TopicDomain>, base: TopicSelection) {
        switch topics {
        case .uniform(let domains):
            return (1, 1, domains, topics)
        case .sweep(let domains):
            return (1, sweepShare, sweepDomains ?? domains, .uniform(domains: domains))
        case .focused(_, _, let domains):
            return (sweeperShare, sweepShare, sweepDomains ?? domains, topics)
        }
    }
}
