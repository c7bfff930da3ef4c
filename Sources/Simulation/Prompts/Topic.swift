/// One subject a prompt can be about, named in every ``Language``.
///
/// Topics are identified by their index in ``PromptPools/topics``, shared across languages, so
/// coverage (how many distinct topics an account touches) is measurable whatever the language.
public struct Topic: Sendable, Hashable {
    /// The subject area.
    public var domain: TopicDomain
    /// The topic's name in each language, in ``Language/allCases`` order, phrased to fit the
    /// templates of that language (with an article in es, fr and pt; bare in de, used after
    /// "Thema").
    public var names: [String]

    /// A topic with names given in ``Language/allCases`` order.
    public init(_ domain: TopicDomain, _ names: String...) {
        self.domain = domain
        self.names = names
    }

    /// The topic's name in `language`.
    public func name(in language: Language) -> String { names[language.index] }
}
