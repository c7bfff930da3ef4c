import Randomness
import Statistics

/// Draws token counts from a ``TokenModel``.
struct TokenSampler: Sendable {
    private enum Kind: Sendable {
        case empirical(EmpiricalDistribution)
        case lognormal(mu: Double, sigma: Double)
    }

    private let kind: Kind

    init(_ model: TokenModel) {
        switch model {
        case .azureConversationPrompt: kind = .empirical(AzureTrace.conversationPromptTokens)
        case .azureConversationCompletion: kind = .empirical(AzureTrace.conversationCompletionTokens)
        case .azureCodePrompt: kind = .empirical(AzureTrace.codePromptTokens)
        case .azureCodeCompletion: kind = .empirical(AzureTrace.codeCompletionTokens)
        case .lognormal(let median, let sigma): kind = .lognormal(mu: log(median), sigma: sigma)
        }
    }

    /// A token count ≥ 1, scaled by the account's `multiplier`.
    func sample(_ source: RandomSource, multiplier: Double) -> Int32 {
        let value: Double
        switch kind {
        case .empirical(let distribution): value = distribution.quantile(source.uniform())
        case .lognormal(let mu, let sigma): value = source.lognormal(mu: mu, sigma: sigma)
        }
        return count(value, multiplier)
    }

    /// The token count at standard normal score `x` (the quantile at Φ(x)), ≥ 1, scaled by the
    /// account's `multiplier`: the same distribution as ``sample(_:multiplier:)`` when `x` is
    /// standard normal.
    func sample(normalScore x: Double, multiplier: Double) -> Int32 {
        let value: Double
        switch kind {
        case .empirical(let distribution):
            value = distribution.quantile(StandardNormal.cdf(x))
        case .lognormal(let mu, let sigma):
            value = exp(mu + sigma * x)
        }
        return count(value, multiplier)
    }

    private func count(_ value: Double, _ multiplier: Double) -> Int32 {
        Int32(clamping: max(1, Int((value * multiplier).rounded())))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
