/// How an account chooses what its prompts are about.
///
/// Benign users come back to a few interests; a coverage (breadth) attack spreads uniformly
/// or walks the topic list in order so that together its accounts touch everything.
public enum TopicSelection: Sendable, Hashable {
    /// Each account picks `count` (1–16) topics (uniformly, without replacement, from `domains`;
    /// all domains if empty) and asks about them with Zipf weights `1 / rank^zipfExponent`.
    case focused(count: Int, zipfExponent: Double = 1, domains: Set<TopicDomain> = [])
    /// Every prompt picks a topic uniformly from `domains` (all if empty).
    case uniform(domains: Set<TopicDomain> = [])
    /// Prompts walk the topics of `domains` (all if empty) in index order, wrapping around;
    /// each account starts at a random position, or at the one given to
    /// ``PromptState/init(sweepStart:)``.
    case sweep(domains: Set<TopicDomain> = [])

    /// The domains the selection draws from (empty: all).
    public var domains: Set<TopicDomain> {
        switch self {
        case .focused(_, _, let domains), .uniform(let domains), .sweep(let domains): domains
        }
    }
}
