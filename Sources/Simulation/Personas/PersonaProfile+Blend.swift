// Moving a profile's parts some of the way toward another's (issue 7, "a graded instrument"):
// how a careful or expert campaign takes on the habits of the customers it hides among.
//
// With share `s` (0 = this profile, 1 = the other): weights are mixed (each normalised, then
// `(1 − s)·own + s·other`), shares and means interpolated linearly, medians geometrically,
// token models taken from the other profile once `s` ≥ ½ unless both are log-normal (then
// medians geometric, spreads linear). Categorical choices (the activity shape) switch at ½.
/// Linear, geometric and mixture interpolation of profile values.
enum Blend {
    static func linear(_ a: Double, _ b: Double, _ s: Double) -> Double { a + s * (b - a) }

    static func geometric(_ a: Double, _ b: Double, _ s: Double) -> Double {
        guard a > 0, b > 0 else { return linear(a, b, s) }
        return exp(log(a) + s * (log(b) - log(a)))
    }

    static func weights<Key: Hashable>(_ a: [Key: Double], _ b: [Key: Double], _ s: Double) -> [Key: Double] {
        PromptStyle.mix(a, b, share: s)
    }

    static func tokens(_ a: TokenModel, _ b: TokenModel, _ s: Double) -> TokenModel {
        if case .lognormal(let medianA, let sigmaA) = a, case .lognormal(let medianB, let sigmaB) = b {
            return .lognormal(median: geometric(medianA, medianB, s), sigma: linear(sigmaA, sigmaB, s))
        }
        return s >= 0.5 ? b : a
    }
}

extension IdentityModel {
    func blended(toward other: IdentityModel, share s: Double) -> IdentityModel {
        var result = self
        result.tiers = Blend.weights(tiers, other.tiers, s)
        result.orgSizeMean = Blend.linear(orgSizeMean, other.orgSizeMean, s)
        result.accountAgeDaysMedian = Blend.geometric(accountAgeDaysMedian, other.accountAgeDaysMedian, s)
        result.accountAgeSigma = Blend.linear(accountAgeSigma, other.accountAgeSigma, s)
        result.newAccountShare = Blend.linear(newAccountShare, other.newAccountShare, s)
        result.emailKinds = Blend.weights(emailKinds, other.emailKinds, s)
        result.countries = Blend.weights(countries, other.countries, s)
        result.networks = Blend.weights(networks, other.networks, s)
        result.prefixesPerAccountMean = Blend.linear(prefixesPerAccountMean, other.prefixesPerAccountMean, s)
        result.clients = Blend.weights(clients, other.clients, s)
        result.keysPerAccountMean = Blend.linear(keysPerAccountMean, other.keysPerAccountMean, s)
        return result
    }
}

extension ArrivalModel {
    /// The volume (`requestsPerDay`) is kept: a campaign's comes from its budget.
    func blended(toward other: ArrivalModel, share s: Double) -> ArrivalModel {
        var result = self
        result.volumeSigma = Blend.linear(volumeSigma, other.volumeSigma, s)
        result.burstShape = Blend.geometric(burstShape, other.burstShape, s)
        result.burstSizeMean = Blend.geometric(burstSizeMean, other.burstSizeMean, s)
        result.simultaneousShare = Blend.linear(simultaneousShare, other.simultaneousShare, s)
        result.intraBurstGapSeconds = Blend.geometric(intraBurstGapSeconds, other.intraBurstGapSeconds, s)
        result.intraBurstGapShape = Blend.linear(intraBurstGapShape, other.intraBurstGapShape, s)
        result.activeDayProbability = Blend.linear(activeDayProbability, other.activeDayProbability, s)
        result.activity = s >= 0.5 ? other.activity : activity
        return result
    }
}

extension ContentModel {
    /// The prompt style is kept (see ``PromptStyle``'s own blending).
    func blended(toward other: ContentModel, share s: Double) -> ContentModel {
        var result = self
        result.promptTokens = Blend.tokens(promptTokens, other.promptTokens, s)
        result.completionTokens = Blend.tokens(completionTokens, other.completionTokens, s)
        result.accountTokenSigma = Blend.linear(accountTokenSigma, other.accountTokenSigma, s)
        result.endpoints = Blend.weights(endpoints, other.endpoints, s)
        result.families = Blend.weights(families, other.families, s)
        result.adoptionDelayDaysMedian = Blend.geometric(adoptionDelayDaysMedian, other.adoptionDelayDaysMedian, s)
        result.maxTokensUnsetShare = Blend.linear(maxTokensUnsetShare, other.maxTokensUnsetShare, s)
        result.maxTokens = Blend.weights(maxTokens, other.maxTokens, s)
        result.temperatures = Blend.weights(temperatures, other.temperatures, s)
        result.topPShare = Blend.linear(topPShare, other.topPShare, s)
        result.multipleCompletionsShare = Blend.linear(multipleCompletionsShare, other.multipleCompletionsShare, s)
        result.logprobsShare = Blend.linear(logprobsShare, other.logprobsShare, s)
        result.topLogprobs = Blend.weights(topLogprobs, other.topLogprobs, s)
        result.logitBiasShare = Blend.linear(logitBiasShare, other.logitBiasShare, s)
        result.logitBiasEntriesMean = Blend.linear(logitBiasEntriesMean, other.logitBiasEntriesMean, s)
        result.toolsShare = Blend.linear(toolsShare, other.toolsShare, s)
        result.toolsMean = Blend.linear(toolsMean, other.toolsMean, s)
        result.streamShare = Blend.linear(streamShare, other.streamShare, s)
        result.rateLimitedShare = Blend.linear(rateLimitedShare, other.rateLimitedShare, s)
        result.badRequestShare = Blend.linear(badRequestShare, other.badRequestShare, s)
        result.serverErrorShare = Blend.linear(serverErrorShare, other.serverErrorShare, s)
        result.systemPromptsMean = Blend.linear(systemPromptsMean, other.systemPromptsMean, s)
        result.promptTextCorrelation = Blend.linear(promptTextCorrelation, other.promptTextCorrelation, s)
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
