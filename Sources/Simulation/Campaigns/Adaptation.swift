/// How a campaign reacts to enforcement (DESIGN §7, issue 13), declared under a campaign's
/// `adapt:`. A campaign only learns what a real operator sees — its own refusals and throttles —
/// and keeps going until its budget of exchanges is sent, its accounts or money run out, or the
/// scenario ends. Without `adapt:` a campaign's banned accounts simply stop.
///
/// ```yaml
/// adapt:
///   replace: {delay_h: 6, cost_usd: 20, reuse: 0.3, reserve: 100}
///   slow_down: {factor: 0.5}
///   rotate: true
///   switch: {to: mimic, after: 20}
///   spread: 2
///   money_usd: 5000
/// ```
public struct Adaptation: Sendable, Hashable {
    /// Replacing lost accounts from a stock of registered ones.
    public struct Replace: Sendable, Hashable {
        /// Median hours from noticing a loss to a replacement's first request (log-normal,
        /// σ ``delaySigma``) [Report26: banned clusters "replaced within hours"].
        public var delayHours = 6.0
        /// Dollars an account costs: a sign-up, a phone number, a card [Assumption: 20].
        public var costPerAccount = 20.0
        /// Share of replacements that keep the lost account's network, client and (when the
        /// campaign does not rotate) payment instrument [Assumption: 0.3].
        public var reuse = 0.3
        /// Accounts in stock at scale 1 (the account budget beyond the first wave); default: as
        /// many as the campaign starts with.
        public var reserve: Int?

        public init() {}
    }

    public var replace: Replace?
    /// Pace multiplier after each window in which the campaign lost accounts or was throttled:
    /// the remaining schedule is stretched by its inverse, up to the scenario's end
    /// [Assumption: 0.5, a halving per wave of bans].
    public var slowDown: Double?
    /// Whether, after a loss, the survivors move to fresh proxies and client fingerprints and
    /// replacements pay with fresh instruments.
    public var rotate = false
    /// The tactic replacements follow after ``switchAfter`` accounts were lost.
    public var switchTo: Tactic?
    public var switchAfter = 1
    /// Replacements per lost account, sharing its remaining budget (more accounts, less each).
    public var spread = 1
    /// Dollars the campaign will spend on replacement accounts (nil: no limit).
    public var moneyBudget: Double?

    public init() {}

    /// Log-normal σ of the replacement delay.
    public static let delaySigma = 0.75
    /// The slowest a campaign goes: a tenth of its planned pace.
    public static let slowestPace = 0.1
}
