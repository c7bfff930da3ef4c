import Randomness
import Statistics
import Traffic

/// Prompt tokens of a request (issue 7, artifact 3): one model for every persona and tactic.
///
/// A request's prompt tokens are the visible message's own tokens, its system prompt's and
/// whatever history, documents or code come with it. The total keeps the persona's calibrated
/// distribution (the Azure quantile tables for chat-app and coding-agent), and depends on the
/// visible message through a Gaussian copula (Nelsen, *An Introduction to Copulas*, 2006,
/// §2.3): with `z` the normal score of the visible length among the style's own prompts,
/// the total's normal score is `ρ·z + √(1 − ρ²)·ε`. So longer messages come with longer prompts
/// everywhere — strongly for single-turn calls (ρ high), weakly where context dominates — and
/// the total is never below the visible message; what it holds beyond is the system prompt,
/// history and attached documents.
struct PromptTokenModel: Sendable {
    /// The calibrated marginal distribution of the total.
    let total: TokenSampler
    /// The copula correlation ρ.
    let correlation: Double
    /// Normal score of each visible token count below `scores.count` (the last one beyond).
    private let scores: [Double]

    /// Prompts written per style to learn the distribution of visible lengths.
    static let calibrationPrompts = 4_096

    /// A model whose visible-length scores are learnt from `calibrationPrompts` prompts of
    /// `style`, written with a fixed seed (so the model is the same in every run).
    init(total: TokenModel, correlation: Double, style: CompiledPromptStyle, synthesizer: PromptSynthesizer) {
        self.total = TokenSampler(total)
        self.correlation = min(0.99, max(0, correlation))
        var lengths: [Int] = []
        lengths.reserveCapacity(Self.calibrationPrompts)
        var column = TextColumn()
        let accounts = 64
        for account in 0..<accounts {
            let source = RandomSource(seed: 0x5052_4f4d_5054_0000 &+ UInt64(account))
            var state = PromptState()
            for _ in 0..<(Self.calibrationPrompts / accounts) {
                lengths.append(synthesizer.write(style: style, state: &state, into: &column, source: source).tokens)
            }
            column = TextColumn()
        }
        lengths.sort()
        let n = Double(lengths.count)
        let top = min(lengths.last ?? 1, 65_536)
        var scores = [Double](repeating: 0, count: top + 1)
        var below = 0  // lengths below `value`
        for value in 0...top {
            while below < lengths.count && lengths[below] < value { below += 1 }
            var equal = 0
            while below + equal < lengths.count && lengths[below + equal] == value { equal += 1 }
            // Mid-rank empirical CDF, kept inside (0, 1).
            let p = min(max((Double(below) + 0.5 * Double(equal)) / n, 0.5 / n), 1 - 0.5 / n)
            scores[value] = StandardNormal.quantile(p)
        }
        self.scores = scores
    }

    /// Prompt tokens of a request whose visible message has `visible` tokens, scaled by the
    /// account's `multiplier`.
    func sample(visible: Int, multiplier: Double, source: RandomSource) -> Int32 {
        let z = scores[min(max(0, visible), scores.count - 1)]
        let x = correlation * z + (1 - correlation * correlation).squareRoot() * source.normal()
        let drawn = total.sample(normalScore: x, multiplier: multiplier)
        return max(drawn, Int32(clamping: visible))
    }
}
