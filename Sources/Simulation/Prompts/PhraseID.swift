/// Names one phrase of ``PromptPools``: the pool, its language (nil for language-neutral
/// pools) and its index in the pool.
public struct PhraseID: Sendable, Hashable, CustomStringConvertible {
    /// The language, or nil for code snippets and fences.
    public var language: Language?
    /// The pool: `templates.<kind>`, `codeTopicTemplates`, `topics`, `greetings`,
    /// `backgrounds`, `politeness`, `reasoning`, `formats`, `followUps`, `contextIntros`,
    /// `context.<group>`, `codeIntros`, `mathProblems`, `queries`, `descriptions`,
    /// `codeSnippets`.
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
    /// task kinds with positive weight, the topics of its domains, the fillers whose
    /// probability is positive, the context groups of its topics, and what embeddings
    /// passages and slots use (any style may send embeddings requests). DESIGN §3: adversarial
    /// styles only reweight what benign styles use, so an adversarial support must lie inside
    /// a benign one.
    public func support(of style: PromptStyle) -> Set<PhraseID> {
        var ids: Set<PhraseID> = []
        let kinds = TaskKind.allCases.filter { (style.taskKinds[$0] ?? 0) > 0 }
        let topics = Set(topicIndices(in: style.topics.domains)).union(
            style.sweeps ? topicIndices(in: style.sweepDomains ?? style.topics.domains) : [])
        let domains = Set(topics.map { self.topics[$0].domain })
        let technical = domains.contains(where: ContextGroup.isTechnical)
        let nonTechnical = domains.contains { !ContextGroup.isTechnical($0) }
        let groups = Set(domains.map(ContextGroup.init)).union([.work])
        func add(_ language: Language?, _ pool: String, _ count: Int) {
            for i in 0..<count { ids.insert(PhraseID(language, pool, i)) }
        }
        let pastesCode = style.pastedCode > 0 && (technical || kinds.contains { $0.invitesCode })
        for language in Language.allCases where (style.languages[language] ?? 0) > 0 {
            let p = phrases(language)
            for kind in kinds where kind != .debugCode {
                add(language, "templates.\(kind.rawValue)", p.templates[kind]?.count ?? 0)
            }
            if kinds.contains(.debugCode) {
                if nonTechnical { add(language, "templates.\(TaskKind.debugCode.rawValue)", p.templates[.debugCode]?.count ?? 0) }
                if technical { add(language, "codeTopicTemplates", p.codeTopicTemplates.count) }
            }
            for topic in topics { ids.insert(PhraseID(language, "topics", topic)) }
            if style.greeting > 0 { add(language, "greetings", p.greetings.count) }
            if style.background > 0 { add(language, "backgrounds", p.backgrounds.count) }
            if style.politeness > 0 { add(language, "politeness", p.politeness.count) }
            if style.reasoningSuffix > 0 { add(language, "reasoning", p.reasoning.count) }
            if style.formatInstruction > 0 { add(language, "formats", p.formats.count) }
            if style.followUp > 0 { add(language, "followUps", p.followUps.count) }
            if style.context > 0 { add(language, "contextIntros", p.contextIntros.count) }
            if pastesCode { add(language, "codeIntros", p.codeIntros.count) }
            // Embeddings passages: chunks of context, queries and descriptions.
            for group in groups { add(language, group.poolName, p.context[group]?.count ?? 0) }
            add(language, "queries", p.queries.count)
            add(language, "descriptions", p.descriptions.count)
            if kinds.contains(.solveMath) { add(language, "mathProblems", p.mathProblems.count) }
        }
        if kinds.contains(.debugCode) || pastesCode { add(nil, "codeSnippets", codeSnippets.count) }
        return ids
    }
}
