/// The content prompts are assembled from: topics × task templates × fillers, per language.
///
/// Benign personas and distillation campaigns draw from these same pools; a ``PromptStyle``
/// only reweights them (DESIGN §3, "Prompt text"), so no phrase identifies either side.
/// ``PromptSynthesizer`` encodes the pools once into UTF-8 for fast writing.
public struct PromptPools: Sendable {
    /// Every topic; a topic's index is its identity in every language.
    public var topics: [Topic]
    /// The phrases of each language, in ``Language/allCases`` order.
    public var phrases: [LanguagePhrases]
    /// Code pasted into prompts (language-neutral): snippets with a bug, files, diffs and
    /// stack traces.
    public var codeSnippets: [String]
    /// Product names (`{P}`), language-neutral.
    public var products: [String]
    /// Customer and partner company names (`{C}`), language-neutral.
    public var companies: [String]
    /// First names of colleagues and contacts (`{N}`), language-neutral.
    public var people: [String]

    /// Pools from their parts; ``validate()`` checks they are complete.
    public init(
        topics: [Topic], phrases: [LanguagePhrases], codeSnippets: [String], products: [String], companies: [String],
        people: [String]
    ) {
        self.topics = topics
        self.phrases = phrases
        self.codeSnippets = codeSnippets
        self.products = products
        self.companies = companies
        self.people = people
    }

    /// The shipped pools: 180 topics in 15 domains, 18 task kinds and 7 languages.
    public static let standard = PromptPools(
        topics: standardTopics,
        phrases: [english, spanish, german, french, chinese, japanese, portuguese],
        codeSnippets: codeSnippetPool + pastedCodePool, products: productNames, companies: companyNames, people: personNames
    )

    /// Month names as Chinese and Japanese write them: "1月" … "12月".
    static let numberedMonths: [String] = (1...12).map { "\($0)月" }

    /// The number of topics.
    public var topicCount: Int { topics.count }

    /// The domain of topic `index`.
    public func domain(ofTopic index: Int) -> TopicDomain { topics[index].domain }

    /// The indices of the topics in `domains` (all topics if `domains` is empty), ascending.
    public func topicIndices(in domains: Set<TopicDomain>) -> [Int] {
        topics.indices.filter { domains.isEmpty || domains.contains(topics[$0].domain) }
    }

    /// The phrases of `language`.
    public func phrases(_ language: Language) -> LanguagePhrases { phrases[language.index] }

    /// Checks that every language has a name for every topic, templates with exactly one topic
    /// slot for every task kind, non-empty filler pools, slots only where they can be filled,
    /// twelve months, a date format and as many teams as English.
    ///
    /// - Throws: ``PromptPoolsError`` naming the first gap found.
    public func validate() throws(PromptPoolsError) {
        guard phrases.count == Language.allCases.count else {
            throw .missingLanguage(Language.allCases.count, phrases.count)
        }
        for (name, pool) in [
            ("codeSnippets", codeSnippets), ("products", products), ("companies", companies), ("people", people),
        ] where pool.isEmpty {
            throw .emptyPool(nil, name)
        }
        for (index, topic) in topics.enumerated() {
            guard topic.names.count == Language.allCases.count,
                topic.names.allSatisfy({ !$0.isEmpty && !$0.contains("{") && !$0.contains("}") })
            else { throw .badTopic(index) }
        }
        let free = Set(PhraseSlot.allCases).subtracting([.month, .day])
        let teamCount = phrases(.en).teams.count
        for language in Language.allCases {
            let pools = phrases(language)
            /// Checks that every phrase of `pool` parses, has `topicSlots` topic slots (nil: at
            /// most one) and no slot outside `allowed`.
            func check(_ name: String, _ pool: [String], topicSlots: Int?, allowed: Set<PhraseSlot>) throws(PromptPoolsError) {
                guard !pool.isEmpty else { throw .emptyPool(language, name) }
                for phrase in pool {
                    guard let parsed = Self.parseChecked(phrase) else { throw .unexpectedSlot(language, name, phrase) }
                    let topics = parsed.slots.filter { $0.kind == .topic }.count
                    if let topicSlots, topics != topicSlots {
                        if name.hasPrefix("templates.") || name == "codeTopicTemplates" {
                            throw .badTemplate(language, name, phrase)
                        }
                        throw .unexpectedSlot(language, name, phrase)
                    }
                    if topics > 1 || parsed.slots.contains(where: { !allowed.contains($0.kind) }) {
                        throw .unexpectedSlot(language, name, phrase)
                    }
                }
            }
            for kind in TaskKind.allCases {
                try check("templates.\(kind.rawValue)", pools.templates[kind] ?? [], topicSlots: 1, allowed: [.topic])
            }
            try check("codeTopicTemplates", pools.codeTopicTemplates, topicSlots: 1, allowed: [.topic])
            try check("followUps", pools.followUps, topicSlots: nil, allowed: free)
            try check("queries", pools.queries, topicSlots: 1, allowed: free)
            try check("descriptions", pools.descriptions, topicSlots: nil, allowed: free)
            for group in ContextGroup.allCases {
                let sentences = pools.context[group] ?? []
                try check(group.poolName, sentences, topicSlots: nil, allowed: free)
                guard sentences.count <= 64 else { throw .wrongCount(language, group.poolName, "at most 64") }
            }
            let plain: [(String, [String])] = [
                ("greetings", pools.greetings), ("backgrounds", pools.backgrounds),
                ("politeness", pools.politeness), ("reasoning", pools.reasoning),
                ("formats", pools.formats), ("contextIntros", pools.contextIntros), ("codeIntros", pools.codeIntros),
                ("mathProblems", pools.mathProblems), ("teams", pools.teams), ("months", pools.months),
                ("decimalMark", [pools.decimalMark]), ("groupMark", [pools.groupMark]),
            ]
            for (name, pool) in plain {
                try check(name, pool, topicSlots: 0, allowed: [])
                if pool.contains(where: \.isEmpty) { throw .emptyPool(language, name) }
            }
            try check("dateFormat", [pools.dateFormat], topicSlots: 0, allowed: [.month, .day])
            let dateSlots = Self.parse(pools.dateFormat).slots.map(\.kind)
            guard dateSlots.filter({ $0 == .month }).count == 1, dateSlots.filter({ $0 == .day }).count == 1 else {
                throw .unexpectedSlot(language, "dateFormat", pools.dateFormat)
            }
            guard pools.months.count == 12 else { throw .wrongCount(language, "months", "12") }
            guard pools.teams.count == teamCount else { throw .wrongCount(language, "teams", "\(teamCount), as in English") }
        }
    }

    // MARK: - Slots

    /// A phrase with its slot markers removed, and where each slot was.
    struct ParsedPhrase {
        /// The phrase without slot markers.
        var literal: String
        /// The slots, in order, with the UTF-8 bytes and Unicode scalars of `literal` before each.
        var slots: [(kind: PhraseSlot, byteOffset: Int, scalarOffset: Int)]
    }

    /// `phrase` with every `{x}` of a known ``PhraseSlot`` letter taken out as a slot; any other
    /// text, braces included, is literal.
    static func parse(_ phrase: String) -> ParsedPhrase {
        var literal = ""
        var slots: [(kind: PhraseSlot, byteOffset: Int, scalarOffset: Int)] = []
        var bytes = 0
        var scalars = 0
        let characters = Array(phrase.unicodeScalars)
        var i = 0
        while i < characters.count {
            if characters[i] == "{", i + 2 < characters.count, characters[i + 2] == "}",
                let slot = PhraseSlot(letter: Character(characters[i + 1]))
            {
                slots.append((slot, bytes, scalars))
                i += 3
                continue
            }
            literal.unicodeScalars.append(characters[i])
            bytes += String(characters[i]).utf8.count
            scalars += 1
            i += 1
        }
        return ParsedPhrase(literal: literal, slots: slots)
    }

    /// ``parse(_:)``, or nil if a brace is left in the literal text (a misspelt slot).
    static func parseChecked(_ phrase: String) -> ParsedPhrase? {
        let parsed = parse(phrase)
        return parsed.literal.contains("{") || parsed.literal.contains("}") ? nil : parsed
    }

    /// The number of topic slots in `phrase`.
    static func slotCount(_ phrase: String) -> Int {
        parse(phrase).slots.filter { $0.kind == .topic }.count
    }
}

/// A gap in ``PromptPools`` found by ``PromptPools/validate()``.
public enum PromptPoolsError: Error, Equatable, CustomStringConvertible {
    /// Expected phrases for this many languages, found that many.
    case missingLanguage(Int, Int)
    /// A pool with no phrase (language `nil` for language-neutral pools).
    case emptyPool(Language?, String)
    /// A topic without a name in every language, or with a brace in a name.
    case badTopic(Int)
    /// A template (pool named) without exactly one `{t}` slot.
    case badTemplate(Language, String, String)
    /// A phrase with a slot its pool cannot fill, a misspelt slot or a stray brace.
    case unexpectedSlot(Language, String, String)
    /// A pool with the wrong number of phrases.
    case wrongCount(Language, String, String)

    public var description: String {
        switch self {
        case .missingLanguage(let expected, let found):
            "prompt pools: expected phrases for \(expected) languages, found \(found)"
        case .emptyPool(let language, let pool):
            "prompt pools: \(language.map { "\($0.rawValue)." } ?? "")\(pool) is empty"
        case .badTopic(let index):
            "prompt pools: topic \(index) needs one non-empty name per language, without braces"
        case .badTemplate(let language, let pool, let template):
            "prompt pools: \(language.rawValue).\(pool): expected exactly one \"{t}\" in \"\(template)\""
        case .unexpectedSlot(let language, let pool, let phrase):
            "prompt pools: \(language.rawValue).\(pool): a slot this pool cannot fill, or a stray brace, in \"\(phrase)\""
        case .wrongCount(let language, let pool, let expected):
            "prompt pools: \(language.rawValue).\(pool): expected \(expected) phrases"
        }
    }
}
