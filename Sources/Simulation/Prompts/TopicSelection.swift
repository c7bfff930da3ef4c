/// How an account chooses what its prompts are about.
///
/// Benign users come back to a few interests; a coverage (breadth) attack spreads uniformly
/// or walks the topics so that together its accounts touch everything. Any selection can be
/// interleaved with a walk (``PromptStyle/sweeperShare``, ``PromptStyle/sweepShare``).
public enum TopicSelection: Sendable, Hashable {
    /// Each account picks `count` (1–16) topics (uniformly, without replacement, from `domains`;
    /// all domains if empty) and asks about them with Zipf weights `1 / rank^zipfExponent`.
    case focused(count: Int, zipfExponent: Double = 1, domains: Set<TopicDomain> = [])
    /// Every prompt picks a topic uniformly from `domains` (all if empty).
    case uniform(domains: Set<TopicDomain> = [])
    /// Every account sweeps: ``PromptStyle/sweepShare`` of its prompts walk the topics of
    /// ``PromptStyle/sweepDomains`` (default: `domains`; all if empty) in the order of a random
    /// permutation keyed by the account's (or its campaign's) sweep seed, wrapping around, from
    /// a random position or the one given to ``PromptState/init(sweepSeed:sweepStart:entitySeed:)``;
    /// the others pick a topic uniformly from `domains`. Shorthand for `.uniform(domains:)`
    /// with ``PromptStyle/sweeperShare`` 1.
    case sweep(domains: Set<TopicDomain> = [])

    /// The domains the selection draws from (empty: all).
    public var domains: Set<TopicDomain> {
        switch self {
        case .focused(_, _, let domains), .uniform(let domains), .sweep(let domains): domains
        }
    }
}
