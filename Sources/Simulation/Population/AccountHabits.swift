import Randomness

/// One account's own rates of the optional request features: how often *it* asks for
/// logprobs, logit bias, several completions, tools or streaming, or leaves `max_tokens` unset.
///
/// Customers of one kind differ: a few developers use logprobs on most calls while most never
/// do. Each rate is drawn once per account from a Beta distribution whose mean is the persona's
/// (or tactic's) share and whose concentration is ``concentration``, so per-account aggregates
/// of benign and adversarial accounts overlap the way real customers' do (issue 7, "benign
/// users sometimes do what campaigns do") while every persona keeps its mean.
struct AccountHabits: Sendable {
    var logprobsShare: Double
    var logitBiasShare: Double
    var multipleCompletionsShare: Double
    var toolsShare: Double
    var streamShare: Double
    var topPShare: Double
    var maxTokensUnsetShare: Double

    /// Beta concentration α + β of the per-account rates [Assumption: wide spread, most
    /// accounts near their kind's rate, a minority far from it].
    static let concentration = 3.0

    /// Draws an account's habits around `content`'s shares.
    init(_ content: ContentModel, source: RandomSource) {
        func draw(_ mean: Double) -> Double {
            guard mean > 0 else { return 0 }
            guard mean < 1 else { return 1 }
            return source.beta(Self.concentration * mean, Self.concentration * (1 - mean))
        }
        logprobsShare = draw(content.logprobsShare)
        logitBiasShare = draw(content.logitBiasShare)
        multipleCompletionsShare = draw(content.multipleCompletionsShare)
        toolsShare = draw(content.toolsShare)
        streamShare = draw(content.streamShare)
        topPShare = draw(content.topPShare)
        maxTokensUnsetShare = draw(content.maxTokensUnsetShare)
    }
}
