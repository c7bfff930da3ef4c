/// The distribution an actor (benign persona or distillation campaign) draws its prompts from.
///
/// Every style draws from the same ``PromptPools``: a style only reweights languages, task
/// kinds, topics and fillers. Probabilities are per prompt unless said otherwise. The defaults
/// describe a general benign chat user; see ``PromptStyle/generalUser`` and the other presets
/// for sources, and ``blended(toward:share:)`` to move one style toward another.
public struct PromptStyle: Sendable, Hashable {
    /// Relative weight of each language (missing: 0).
    public var languages: [Language: Double]
    /// Probability that a prompt is in the account's primary language (drawn once per account
    /// from ``languages``); otherwise the prompt's language is drawn from ``languages``.
    public var languageStickiness: Double
    /// Relative weight of each task kind (missing: 0).
    public var taskKinds: [TaskKind: Double]
    /// How topics are chosen (an account's interests; see ``sweeperShare`` for sweeps).
    public var topics: TopicSelection
    /// Probability of a greeting ("Hi!") before a new question.
    public var greeting: Double
    /// Probability of a sentence about the asker's situation ("I'm preparing for an exam.").
    public var background: Double
    /// Probability of a politeness closer ("Thanks in advance!").
    public var politeness: Double
    /// Probability that the prompt carries 1–3 character-level typos (swap, drop, double).
    public var typo: Double
    /// Probability that a prompt is a follow-up on the previous exchange instead of a new
    /// question (needs a previous prompt from the same account).
    public var followUp: Double
    /// Probability of a reasoning-elicitation suffix ("Think step by step.").
    public var reasoningSuffix: Double
    /// Probability of a format instruction (JSON, bullet points, table, word limit).
    public var formatInstruction: Double
    /// Probability of pasted context (RAG-like) around the question.
    public var context: Double
    /// Number of pasted context sentences, when context is pasted.
    public var contextSentences: ClosedRange<Int>
    /// Number of sentences in the text to summarize, translate, rewrite, classify, extract
    /// from or grade.
    public var passageSentences: ClosedRange<Int>
    /// Probability of reusing the previous prompt's template (and language) with a new topic:
    /// scaffolded generation, as in self-instruct pipelines.
    public var templateReuse: Double
    /// Probability of repeating the previous template and topic with fillers redrawn: a
    /// near-duplicate (resampling the same question).
    public var nearDuplicate: Double
    /// Share of the style's accounts that sweep, drawn once per account: a sweeping account
    /// walks the topics of ``sweepDomains`` in the order of a random permutation
    /// (``SweepPermutation``) on a ``sweepShare`` of its topic draws. 1 whatever is set here
    /// for a ``TopicSelection/sweep(domains:)`` selection.
    public var sweeperShare: Double
    /// Probability that a sweeping account's topic draw is the next step of its walk; its
    /// other draws follow ``topics`` (focused interests interleaved with the sweep). Accounts
    /// that do not sweep ignore it.
    public var sweepShare: Double
    /// The domains a sweep walks (all if empty); nil: the domains of ``topics``.
    public var sweepDomains: Set<TopicDomain>?
    /// Probability that a prompt carries pasted code (a file, a diff or a stack trace) as its
    /// context, when the topic is a programming or data-science one or the task is a coding
    /// task (elsewhere pasted code would clash with the question).
    public var pastedCode: Double

    /// A style; every parameter defaults to the general benign user (``generalUser``).
    public init(
        languages: [Language: Double] = PromptStyle.worldLanguages,
        languageStickiness: Double = 0.97,
        taskKinds: [TaskKind: Double] = PromptStyle.chatTaskMix,
        topics: TopicSelection = .focused(count: 12, zipfExponent: 1),
        greeting: Double = 0.15,
        background: Double = 0.12,
        politeness: Double = 0.2,
        typo: Double = 0.12,
        followUp: Double = 0.3,
        reasoningSuffix: Double = 0.04,
        formatInstruction: Double = 0.15,
        context: Double = 0.08,
        contextSentences: ClosedRange<Int> = 2...8,
        passageSentences: ClosedRange<Int> = 2...6,
        templateReuse: Double = 0.03,
        nearDuplicate: Double = 0.03,
        sweeperShare: Double = 0,
        sweepShare: Double = 1,
        sweepDomains: Set<TopicDomain>? = nil,
        pastedCode: Double = 0.02
    ) {
        self.languages = languages
        self.languageStickiness = languageStickiness
        self.taskKinds = taskKinds
        self.topics = topics
        self.greeting = greeting
        self.background = background
        self.politeness = politeness
        self.typo = typo
        self.followUp = followUp
        self.reasoningSuffix = reasoningSuffix
        self.formatInstruction = formatInstruction
        self.context = context
        self.contextSentences = contextSentences
        self.passageSentences = passageSentences
        self.templateReuse = templateReuse
        self.nearDuplicate = nearDuplicate
        self.sweeperShare = sweeperShare
        self.sweepShare = sweepShare
        self.sweepDomains = sweepDomains
        self.pastedCode = pastedCode
    }

    /// True if some accounts of the style sweep.
    public var sweeps: Bool {
        if case .sweep = topics { return sweepShare > 0 }
        return sweeperShare > 0 && sweepShare > 0
    }

    /// The share of accounts that sweep: 1 for a ``TopicSelection/sweep(domains:)``
    /// selection, else ``sweeperShare``.
    public var effectiveSweeperShare: Double {
        if case .sweep = topics { return 1 }
        return sweeperShare
    }

    /// Checks weights, probabilities and counts.
    ///
    /// - Throws: ``PromptStyleError`` naming the first invalid parameter.
    public func validate() throws(PromptStyleError) {
        func weights<K>(_ name: String, _ values: [K: Double]) throws(PromptStyleError) {
            guard values.values.allSatisfy({ $0 >= 0 && $0.isFinite }), values.values.contains(where: { $0 > 0 })
            else { throw .invalidWeights(name) }
        }
        try weights("languages", languages)
        try weights("taskKinds", taskKinds)
        let probabilities: [(String, Double)] = [
            ("languageStickiness", languageStickiness), ("greeting", greeting), ("background", background),
            ("politeness", politeness), ("typo", typo), ("followUp", followUp),
            ("reasoningSuffix", reasoningSuffix), ("formatInstruction", formatInstruction),
            ("context", context), ("templateReuse", templateReuse), ("nearDuplicate", nearDuplicate),
            ("sweeperShare", sweeperShare), ("sweepShare", sweepShare), ("pastedCode", pastedCode),
        ]
        for (name, p) in probabilities where !(p >= 0 && p <= 1) {
            throw .invalidProbability(name, p)
        }
        for (name, range) in [("contextSentences", contextSentences), ("passageSentences", passageSentences)]
        where range.lowerBound < 0 || range.upperBound > 64 {
            throw .invalidRange(name, range)
        }
        if case .focused(let count, let exponent, _) = topics {
            guard (1...PromptState.maxFocusedTopics).contains(count) else { throw .invalidTopicCount(count) }
            guard exponent >= 0 && exponent.isFinite else { throw .invalidProbability("zipfExponent", exponent) }
        }
    }
}

/// An invalid ``PromptStyle`` parameter.
public enum PromptStyleError: Error, Equatable, CustomStringConvertible {
    /// Weights that are negative, not finite, or all zero.
    case invalidWeights(String)
    /// A probability outside [0, 1] (or a negative exponent).
    case invalidProbability(String, Double)
    /// A sentence-count range outside 0...64.
    case invalidRange(String, ClosedRange<Int>)
    /// A focused topic count outside 1...16 (``PromptState/maxFocusedTopics``).
    case invalidTopicCount(Int)
    /// A topic selection whose domains hold no topic.
    case noTopics(Set<TopicDomain>)

    public var description: String {
        switch self {
        case .invalidWeights(let name):
            "prompt style: \(name): expected finite, non-negative weights with a positive sum"
        case .invalidProbability(let name, let value):
            "prompt style: \(name): expected a probability in [0, 1], got \(value)"
        case .invalidRange(let name, let range):
            "prompt style: \(name): expected a range within 0...64, got \(range)"
        case .invalidTopicCount(let count):
            "prompt style: topics.focused.count: expected 1...\(PromptState.maxFocusedTopics), got \(count)"
        case .noTopics(let domains):
            "prompt style: topics: no topic in domains \(domains.map(\.rawValue).sorted())"
        }
    }
}
