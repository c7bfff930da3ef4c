/// The kind of text pasted around a prompt (as context, or as the passage to summarize,
/// translate, rewrite, …): each topic domain draws most sentences from its own group and some
/// from ``work`` (an organisation's own vocabulary), so pasted text fits the question.
public enum ContextGroup: Int, CaseIterable, Sendable, Hashable {
    /// Reports, meetings, customers, policies: business, finance, law, customer support.
    case work
    /// Systems, releases, logs and metrics: programming and data science.
    case technical
    /// Lecture notes, textbooks and papers: science, math, history, writing, education.
    case study
    /// Plans, budgets and household notes: travel, cooking, health, everyday life.
    case personal

    /// The group whose sentences fit topics of `domain`.
    public init(_ domain: TopicDomain) {
        switch domain {
        case .business, .finance, .law, .customerSupport: self = .work
        case .programming, .dataScience: self = .technical
        case .science, .math, .history, .writing, .education: self = .study
        case .travel, .cooking, .health, .everyday: self = .personal
        }
    }

    /// The pool name of the group's sentences in ``PhraseID`` and errors.
    public var poolName: String { "context.\(self)" }

    /// True for the domains whose topics read naturally next to code (a debugging question
    /// about a programming or data-science concept).
    static func isTechnical(_ domain: TopicDomain) -> Bool { domain == .programming || domain == .dataScience }
}
