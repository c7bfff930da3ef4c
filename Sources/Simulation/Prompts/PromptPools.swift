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
    /// Code snippets pasted into debugging prompts (language-neutral).
    public var codeSnippets: [String]

    /// Pools from their parts; ``validate()`` checks they are complete.
    public init(topics: [Topic], phrases: [LanguagePhrases], codeSnippets: [String]) {
        self.topics = topics
        self.phrases = phrases
        self.codeSnippets = codeSnippets
    }

    /// The shipped pools: 180 topics in 15 domains, 18 task kinds and 7 languages.
    public static let standard = PromptPools(
        topics: standardTopics,
        phrases: [english, spanish, german, french, chinese, japanese, portuguese],
        codeSnippets: codeSnippetPool
    )

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

    /// Checks that every language has a name for every topic, templates with exactly one slot
    /// for every task kind, and non-empty filler pools.
    ///
    /// - Throws: ``PromptPoolsError`` naming the first gap found.
    public func validate() throws(PromptPoolsError) {
        guard phrases.count == Language.allCases.count else {
            throw .missingLanguage(Language.allCases.count, phrases.count)
        }
        guard !codeSnippets.isEmpty else { throw .emptyPool(nil, "codeSnippets") }
        for (index, topic) in topics.enumerated() {
            guard topic.names.count == Language.allCases.count,
                topic.names.allSatisfy({ !$0.isEmpty && !$0.contains(Self.slot) })
            else { throw .badTopic(index) }
        }
        for language in Language.allCases {
            let pools = phrases(language)
            for kind in TaskKind.allCases {
                let templates = pools.templates[kind] ?? []
                guard !templates.isEmpty else { throw .emptyPool(language, "templates.\(kind.rawValue)") }
                for template in templates where Self.slotCount(template) != 1 {
                    throw .badTemplate(language, kind, template)
                }
            }
            let fillers: [(String, [String])] = [
                ("greetings", pools.greetings), ("backgrounds", pools.backgrounds),
                ("politeness", pools.politeness), ("reasoning", pools.reasoning),
                ("formats", pools.formats), ("followUps", pools.followUps),
                ("contextIntros", pools.contextIntros), ("contextSentences", pools.contextSentences),
                ("mathProblems", pools.mathProblems),
            ]
            for (name, pool) in fillers {
                guard !pool.isEmpty else { throw .emptyPool(language, name) }
                if name != "followUps", let bad = pool.first(where: { Self.slotCount($0) != 0 }) {
                    throw .unexpectedSlot(language, name, bad)
                }
            }
            if let bad = pools.followUps.first(where: { Self.slotCount($0) > 1 }) {
                throw .unexpectedSlot(language, "followUps", bad)
            }
        }
    }

    /// The topic slot marker in templates.
    static let slot = "{t}"

    static func slotCount(_ phrase: String) -> Int {
        slotParts(phrase).count - 1
    }

    /// `phrase` split at every slot marker (one part if there is none).
    static func slotParts(_ phrase: String) -> [String] {
        let bytes = Array(phrase.utf8)
        let marker = Array(slot.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i..<(i + marker.count)].elementsEqual(marker) {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += marker.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }
}

/// A gap in ``PromptPools`` found by ``PromptPools/validate()``.
public enum PromptPoolsError: Error, Equatable, CustomStringConvertible {
    /// Expected phrases for this many languages, found that many.
    case missingLanguage(Int, Int)
    /// A pool with no phrase (language `nil` for language-neutral pools).
    case emptyPool(Language?, String)
    /// A topic without a name in every language, or with a slot marker in a name.
    case badTopic(Int)
    /// A template without exactly one `{t}` slot.
    case badTemplate(Language, TaskKind, String)
    /// A filler with a slot where none is allowed.
    case unexpectedSlot(Language, String, String)

    public var description: String {
        switch self {
        case .missingLanguage(let expected, let found):
            "prompt pools: expected phrases for \(expected) languages, found \(found)"
        case .emptyPool(let language, let pool):
            "prompt pools: \(language.map { "\($0.rawValue)." } ?? "")\(pool) is empty"
        case .badTopic(let index):
            "prompt pools: topic \(index) needs one non-empty name per language, without \"{t}\""
        case .badTemplate(let language, let kind, let template):
            "prompt pools: \(language.rawValue).templates.\(kind.rawValue): expected exactly one \"{t}\" in \"\(template)\""
        case .unexpectedSlot(let language, let pool, let phrase):
            "prompt pools: \(language.rawValue).\(pool): unexpected \"{t}\" in \"\(phrase)\""
        }
    }
}
