/// The subject area a topic belongs to; coverage audits group topics by it.
///
/// The case order is the order of topics in ``PromptPools/standard`` (12 topics each). Sweeps
/// do not follow it: they walk a keyed permutation (``SweepPermutation``).
public enum TopicDomain: String, CaseIterable, Sendable, Hashable, Codable {
    case science
    case math
    case programming
    case dataScience = "data-science"
    case business
    case finance
    case law
    case health
    case history
    case writing
    case travel
    case cooking
    case education
    case customerSupport = "customer-support"
    case everyday
}
