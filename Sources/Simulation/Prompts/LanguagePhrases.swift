/// The phrase pools of one language: task templates, the fillers around them, and what fills
/// the slots of pasted context (see ``PhraseSlot``).
///
/// Templates contain exactly one topic slot, `{t}`. Follow-ups may contain one `{t}` and
/// number slots; context sentences, descriptions and search queries any slot. Every pool is
/// shared by all styles, benign and adversarial alike: styles only change how often each is
/// drawn.
public struct LanguagePhrases: Sendable {
    /// Phrasing templates per task kind, each with exactly one `{t}` slot. The
    /// ``TaskKind/debugCode`` templates frame the topic as what an app, site or tool is about,
    /// so that any topic reads naturally next to code.
    public var templates: [TaskKind: [String]]
    /// Debugging templates for programming and data-science topics, where the topic is the
    /// concept the code gets wrong ("I think this is a {t} problem"); one `{t}` each.
    public var codeTopicTemplates: [String]
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
    /// Follow-ups that continue the previous exchange; at most one `{t}` slot (the previous
    /// topic) and number slots.
    public var followUps: [String]
    /// Headers introducing pasted context ("Context:").
    public var contextIntros: [String]
    /// Sentences pasted as context or as the text to summarize, rewrite, grade, …, by group;
    /// any slots; 1–64 per group.
    public var context: [ContextGroup: [String]]
    /// Headers introducing pasted code, generic enough for a file, a diff or a stack trace.
    public var codeIntros: [String]
    /// Short math problems for ``TaskKind/solveMath``.
    public var mathProblems: [String]
    /// Search queries embedded for retrieval, each with one `{t}`.
    public var queries: [String]
    /// Short product or catalogue descriptions embedded for retrieval; any slots.
    public var descriptions: [String]
    /// Team or department names, as they fit the `{T}` slots of this language's sentences;
    /// listed in the same order in every language (team `i` is the same team).
    public var teams: [String]
    /// The twelve month names, January first, as they fit ``dateFormat``.
    public var months: [String]
    /// How a date is written, with a `{M}` (month) and a `{D}` (day) slot: "{M} {D}".
    public var dateFormat: String
    /// The decimal mark ("." or ",").
    public var decimalMark: String
    /// The digit-group mark of large numbers ("," in English, "." in German).
    public var groupMark: String

    public init(
        templates: [TaskKind: [String]], codeTopicTemplates: [String], greetings: [String], backgrounds: [String],
        politeness: [String], reasoning: [String], formats: [String], followUps: [String],
        contextIntros: [String], context: [ContextGroup: [String]], codeIntros: [String], mathProblems: [String],
        queries: [String], descriptions: [String], teams: [String], months: [String], dateFormat: String,
        decimalMark: String, groupMark: String
    ) {
        self.templates = templates
        self.codeTopicTemplates = codeTopicTemplates
        self.greetings = greetings
        self.backgrounds = backgrounds
        self.politeness = politeness
        self.reasoning = reasoning
        self.formats = formats
        self.followUps = followUps
        self.contextIntros = contextIntros
        self.context = context
        self.codeIntros = codeIntros
        self.mathProblems = mathProblems
        self.queries = queries
        self.descriptions = descriptions
        self.teams = teams
        self.months = months
        self.dateFormat = dateFormat
        self.decimalMark = decimalMark
        self.groupMark = groupMark
    }
}
