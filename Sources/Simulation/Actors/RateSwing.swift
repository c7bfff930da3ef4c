import Randomness

/// Minute-scale swings of an account's request rate: the random intensity that turns the
/// ``ActivityClock``'s time-changed renewal process into a doubly stochastic (Cox) process
/// (Cox, "Some statistical methods connected with series of events", JRSS B 1955).
///
/// The rate of wall-clock step `j` (10 s steps counted from the Unix epoch) is multiplied by
/// `M_j = exp(X_j − σ²/2)`, mean 1, so the volume is unchanged. `X` is a stationary Gaussian
/// AR(1) — an Ornstein–Uhlenbeck process with correlation time `τ` sampled each step — with
/// standard deviation `σ` and correlation `φ = exp(−10 s/τ)` between consecutive steps. Steps
/// are shorter than a minute so that counts per clock minute are not inflated by rate jumps on
/// the minute (`scripts/azure_rate_swings.py`, where the Azure conversation trace's values in
/// ``AzureTrace/ConversationArrivals`` are fitted).
///
/// The level is drawn lazily from the account's own generator when the clock first reaches a
/// step; a jump over `n` unvisited steps uses the exact transition
/// `X_{j+n} = φⁿ X_j + σ √(1 − φ²ⁿ) ε`, so idle hours cost one draw, and the stream stays a pure
/// function of the account's seed.
struct RateSwing: Sendable {
    /// Standard deviation of the log-rate `X` (0: no swings).
    let sigma: Double
    /// Correlation of `X` between consecutive steps, `exp(−step/τ)`.
    let stepCorrelation: Double
    /// The last step whose level was drawn; `nil` before the first.
    private var step: Int64?
    /// `X` of that step.
    private var level = 0.0
    /// `M` of that step.
    private var factor = 1.0

    /// Length of the step over which the rate is constant, ms (divides an hour).
    static let stepMilliseconds: Double = 10_000

    /// Swings of log-rate standard deviation `sigma` and correlation time `correlationMinutes`
    /// (0: independent from step to step).
    init(sigma: Double, correlationMinutes: Double) {
        self.sigma = max(0, sigma)
        stepCorrelation = correlationMinutes > 0 ? exp(-RateSwing.stepMilliseconds / (correlationMinutes * 60_000)) : 0
    }

    /// Whether the rate swings at all.
    var isEnabled: Bool { sigma > 0 }

    /// The rate multiplier of wall-clock step `index`, drawing its level from `source` the first
    /// time the step is reached.
    ///
    /// - Precondition: steps are visited in non-decreasing order.
    mutating func multiplier(step index: Int64, source: RandomSource) -> Double {
        if index == step { return factor }
        let epsilon = source.normal()
        if let previous = step {
            precondition(index > previous, "rate swing steps must not go back (\(index) after \(previous))")
            let decay = index - previous == 1 ? stepCorrelation : pow(stepCorrelation, Double(index - previous))
            level = decay * level + sigma * (1 - decay * decay).squareRoot() * epsilon
        } else {
            level = sigma * epsilon
        }
        step = index
        factor = exp(level - sigma * sigma / 2)
        return factor
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
