/// How carefully a campaign hides (issue 7, "a graded instrument"): the same tactic at three
/// levels of tradecraft, so that a benchmark can be graded from easy to hard.
///
/// - `naive`: the tactic as published reports first described it: fresh accounts, shared
///   payment and infrastructure, the tactic's own parameters and phrasing, volume near limits.
/// - `careful`: aged accounts, mostly distinct payment instruments, residential networks,
///   parameters and completion lengths drawn closer to benign customers', topics spread with
///   focused interests, under rate limits.
/// - `expert`: as careful, and indistinguishable from its cover persona in every single field:
///   the benign customer's own menus, lengths, phrasing and schedule; only the content
///   coverage and the aggregate volume of the campaign remain.
///
/// What each level changes is in `TacticCatalog+Sophistication.swift`, each step cited or
/// marked as an assumption.
public enum Sophistication: String, Sendable, Hashable, CaseIterable {
    case naive, careful, expert
}
