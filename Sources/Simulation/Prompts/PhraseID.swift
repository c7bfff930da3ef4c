/// Names one phrase of ``PromptPools``: the pool, its language (nil for language-neutral
/// pools) and its index in the pool.
public struct PhraseID: Sendable, Hashable, CustomStringConvertible {
    /// The language, or nil for code snippets and fences.
    public var language: Language?
    /// The pool: `templates.<kind>`, `topics`, `greetings`, `backgrounds`, `politeness`,
    /// `reasoning`, `formats`, `followUps`, `contextIntros`, `contextSentences`,
    /// `mathProblems`, `codeSnippets`.
    public var pool: String
    /// The index within the pool.
    public var index: Int

    public init(_ language: Language?, _ pool: String, _ index: Int) {
        self.language = language
        self.pool = pool
        self.index = index
    }

    public var description: String { "\(language?.rawValue ?? "*").\(pool)[\(index)]" }
}

extension PromptPools {
    /// Every phrase a style can produce, by construction: the phrases of its languages and
    /// task kinds with positive weight, the topics of its domains, and the fillers whose
    /// probability is positive (DESIGN §3: adversarial styles only reweight what benign
    /// styles use, so an adversarial support must lie inside a benign one).
    public func support(of style: PromptStyle) -> Set<PhraseID> {
        var ids: Set<PhraseID> = []
        let languages = Language.allCases.filter { (style.languages[$0] ?? 0) > 0 }
        let kinds = TaskKind.allCases.filter { (style.taskKinds[$0] ?? 0) > 0 }
        let topics = topicIndices(in: style.topics.domains)
        func add(_ language: Language?, _ pool: String, _ count: Int) {
            for i in 0..<count { ids.insert(PhraseID(language, pool, i)) }
        }
        let passages = kinds.contains { $0.attachment == .passage }
        for language in languages {
            let p = phrases(language)
            for kind in kinds { add(language, "templates.\(kind.rawValue)", p.templates[kind]?.count ?? 0) }
            for topic in topics { ids.insert(PhraseID(language, "topics", topic)) }
            if style.greeting > 0 { add(language, "greetings", p.greetings.count) }
            if style.background > 0 { add(language, "backgrounds", p.backgrounds.count) }
            if style.politeness > 0 { add(language, "politeness", p.politeness.count) }
            if style.reasoningSuffix > 0 { add(language, "reasoning", p.reasoning.count) }
            if style.formatInstruction > 0 { add(language, "formats", p.formats.count) }
            if style.followUp > 0 { add(language, "followUps", p.followUps.count) }
            if style.context > 0 { add(language, "contextIntros", p.contextIntros.count) }
            if style.context > 0 || passages { add(language, "contextSentences", p.contextSentences.count) }
            if kinds.contains(.solveMath) { add(language, "mathProblems", p.mathProblems.count) }
        }
        if kinds.contains(.debugCode) { add(nil, "codeSnippets", codeSnippets.count) }
        return ids
    }
}
