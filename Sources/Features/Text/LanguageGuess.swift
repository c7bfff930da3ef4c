/// A cheap guess of one prompt's language, from its script and its function words: enough to
/// measure how many languages an account writes in (`prompt.language`,
/// `prompt.language_entropy`), not a language identifier.
///
/// Rule (``PromptTextScanner``): a prompt with kana is Japanese; else one whose Han and Hangul
/// letters make up at least 30 % of its letters is Chinese (Korean if Hangul outnumbers Han);
/// else one with more Cyrillic than Latin letters is Russian; else the Latin language with the
/// most function-word hits (``functionWords``; ties to the earlier case), and ``other`` when no
/// function word occurs or there are no letters at all.
public enum LanguageGuess: Int, Sendable, Hashable, CaseIterable, Codable {
    case english, spanish, german, french, portuguese, chinese, japanese, korean, russian, other

    /// ISO 639-1 code, `other` for ``other``.
    public var code: String {
        switch self {
        case .english: "en"
        case .spanish: "es"
        case .german: "de"
        case .french: "fr"
        case .portuguese: "pt"
        case .chinese: "zh"
        case .japanese: "ja"
        case .korean: "ko"
        case .russian: "ru"
        case .other: "other"
        }
    }

    /// Short, frequent words that belong to one Latin-script language only (words shared by
    /// several, such as `de`, `que`, `la`, `a`, are left out), lower case.
    static let functionWords: [(LanguageGuess, [String])] = [
        (
            .english,
            [
                "the", "and", "is", "are", "of", "to", "you", "what", "how", "this", "that", "with", "for", "can",
                "my", "it", "your", "about", "please",
            ]
        ),
        (.spanish, ["el", "los", "las", "y", "con", "es", "una", "cómo", "qué", "del", "lo", "muy", "pero", "está", "puedes"]),
        (
            .german,
            [
                "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "zu", "ich", "du", "wie", "für",
                "den", "dem", "zum", "bitte", "mir",
            ]
        ),
        (
            .french,
            [
                "le", "les", "et", "est", "des", "pour", "avec", "dans", "je", "une", "ce", "cette", "sur", "au",
                "moi", "peux", "vous",
            ]
        ),
        (.portuguese, ["os", "um", "uma", "com", "não", "você", "é", "do", "da", "em", "no", "na", "seu", "sua", "isso", "e"]),
    ]

    /// The Latin-script languages ``functionWords`` can tell apart, in tie-breaking order.
    static let latinLanguages: [LanguageGuess] = [.english, .spanish, .german, .french, .portuguese]
}
