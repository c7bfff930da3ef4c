/// The menus of request parameters that every actor, benign or adversarial, draws from
/// (DESIGN §3, "Truth never leaks"; issue 7, artifact 2).
///
/// A persona or tactic only weights these values; it never brings a value of its own. On top
/// of its own weights, every actor draws ``commonShare`` of its choices from the whole API
/// population's popularity (``popularity``), so that no value is used by one side alone: a
/// developer occasionally asks for 8,192 tokens, a harvester occasionally for 256.
public enum ParameterMenu {
    /// `max_tokens` values clients set, with their popularity over all API traffic
    /// [Assumption: powers of two and round numbers from SDK examples and framework defaults;
    /// 3,072 from the Alpaca/self-instruct scripts, also a common "3k" cap].
    public static let maxTokens: [Int32: Double] = [
        1: 1, 5: 0.5, 16: 1, 50: 2, 100: 3, 256: 8, 500: 5, 512: 6, 800: 2, 1_000: 5, 1_024: 10,
        2_048: 9, 3_072: 2, 4_096: 8, 8_192: 4,
    ]

    /// Temperatures clients send, with their popularity [Assumption: SDK defaults 0.7 and 1.0,
    /// greedy 0 for extraction and evaluation, a few low "factual" settings].
    public static let temperatures: [Double: Double] = [
        0.0: 4, 0.2: 2, 0.3: 1, 0.5: 1.5, 0.7: 6, 0.8: 1, 1.0: 6, 1.2: 0.5,
    ]

    /// `top_logprobs` values sent with `logprobs: true` (the API allows 0–20) [Assumption].
    public static let topLogprobs: [Int32: Double] = [0: 3, 1: 3, 5: 3, 10: 1, 20: 1]

    /// `top_p` values other than 1 that clients send [Assumption].
    public static let topP: [Double] = [0.8, 0.9, 0.95]

    /// Share of an actor's choices drawn from the population's popularity rather than its own
    /// weights [Assumption: habits are strong, not absolute].
    public static let commonShare = 0.05

    /// `own` weights mixed with the population's `popularity`: (1 − ``commonShare``) of the
    /// mass follows `own` (normalised), the rest `popularity` (normalised). An empty `own`
    /// follows the population alone.
    ///
    /// - Precondition: every value of `own` is on the menu (`popularity`'s keys).
    static func mixed<Value: Hashable>(_ own: [Value: Double], into popularity: [Value: Double]) -> [Value: Double] {
        precondition(own.keys.allSatisfy { popularity[$0] != nil }, "a parameter value off the shared menu")
        return PromptStyle.mix(own, popularity, share: commonShare)
    }
}
