/// A slot in a phrase of ``PromptPools``, written `{x}` with one letter, filled when a prompt is
/// written: the topic, a number, a date or a named entity.
///
/// Numbers, dates and entities are drawn from the account's random stream, so that pasted
/// context and follow-ups rarely repeat word for word (issue 7: 15 context sentences and 8
/// follow-ups used to make up every persona's context). Entities come first from the account's
/// own handful (its products, customers, teams and colleagues, fixed by its entity seed) and
/// sometimes from the whole pool, so an organisation's prompts share vocabulary.
public enum PhraseSlot: UInt8, CaseIterable, Sendable {
    /// `{t}`: the topic's name.
    case topic
    /// `{n}`: a small count, 2–40.
    case count
    /// `{k}`: a larger amount, 100–999, 1,000–9,990 or 10,000–99,900 (a third each, three
    /// significant digits), with the language's digit grouping.
    case amount
    /// `{p}`: a percentage without its sign, whole (2–59, 56 % of draws) or with one decimal
    /// (1.0–9.9) in the language's decimal mark; templates write the sign as the language does.
    case percent
    /// `{v}`: a version number, 1.0.0–9.29.15.
    case version
    /// `{d}`: a date (a month and a day 2–28), written with the language's
    /// ``LanguagePhrases/dateFormat`` (all dates are written out when the pools are encoded).
    case date
    /// `{M}`: a month name (only in ``LanguagePhrases/dateFormat``).
    case month
    /// `{D}`: a day of the month, 2–28 (only in ``LanguagePhrases/dateFormat``).
    case day
    /// `{P}`: a product name (``PromptPools/products``).
    case product
    /// `{C}`: a customer or partner company (``PromptPools/companies``).
    case company
    /// `{T}`: a team or department (``LanguagePhrases/teams``).
    case team
    /// `{N}`: a person's first name (``PromptPools/people``).
    case person

    /// The letter between the braces.
    public var letter: Character {
        switch self {
        case .topic: "t"
        case .count: "n"
        case .amount: "k"
        case .percent: "p"
        case .version: "v"
        case .date: "d"
        case .month: "M"
        case .day: "D"
        case .product: "P"
        case .company: "C"
        case .team: "T"
        case .person: "N"
        }
    }

    /// The slot written `{letter}`, if any.
    public init?(letter: Character) {
        guard let slot = Self.allCases.first(where: { $0.letter == letter }) else { return nil }
        self = slot
    }

    /// How many of the pool's entities an account uses most of the time (its own products,
    /// customers, teams, colleagues); 0 for slots that are not entities. Assumption: a small
    /// organisation talks about one or two products, a handful of customers and teams.
    var ownEntities: Int {
        switch self {
        case .product: 2
        case .company: 5
        case .team: 3
        case .person: 6
        default: 0
        }
    }
}
