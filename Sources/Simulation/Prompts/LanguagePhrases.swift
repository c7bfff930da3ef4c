/// The phrase pools of one language: task templates and the fillers around them.
///
/// Templates and some follow-ups contain one topic slot, written `{t}`. Every pool is shared
/// by all styles, benign and adversarial alike: styles only change how often each is drawn.
public struct LanguagePhrases: Sendable {
    /// Phrasing templates per task kind, each with exactly one `{t}` slot.
    public var templates: [TaskKind: [String]]
    /// Greetings ("Hi!").
    public var greetings: [String]
    /// Openers that give the asker's situation ("I'm preparing for an exam.").
    public var backgrounds: [String]
    /// Politeness and closers ("Thanks in advance!").
    public var politeness: [String]
    /// Reasoning-elicitation suffixes ("Think step by step.").
    public var reasoning: [String]
    /// Format instructions (JSON, bullet points, table, word limit).
    public var formats: [String]
    /// Follow-ups that continue the previous exchange; may contain a `{t}` slot (the
    /// previous topic).
    public var followUps: [String]
    /// Headers introducing pasted context ("Context:").
    public var contextIntros: [String]
    /// Short sentences pasted as context or as the text to summarize, rewrite, grade, ….
    public var contextSentences: [String]
    /// Short math problems for ``TaskKind/solveMath``.
    public var mathProblems: [String]

    public init(
        templates: [TaskKind: [String]], greetings: [String], backgrounds: [String],
        politeness: [String], reasoning: [String], formats: [String], followUps: [String],
        contextIntros: [String], contextSentences: [String], mathProblems: [String]
    ) {
        self.templates = templates
        self.greetings = greetings
        self.backgrounds = backgrounds
        self.politeness = politeness
        self.reasoning = reasoning
        self.formats = formats
        self.followUps = followUps
        self.contextIntros = contextIntros
        self.contextSentences = contextSentences
        self.mathProblems = mathProblems
    }
}
