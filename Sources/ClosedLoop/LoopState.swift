import GroundTruth
import Detection
import Simulation

/// The mutable state of one loop pass, shared by the replay (which advances the generator and
/// calls the policy) and the detector runner's per-batch callback (which records flags and
/// counts), both on the calling thread.
final class LoopState {
    let generator: TrafficGenerator
    let policy: EnforcementPolicy
    let threshold: Double
    let acting: Bool
    let session: GenerationSession
    var ledger: LoopLedger
    /// The batch being observed.
    var current: LabelledBatch?
    /// Each account's first flag at the threshold, ms (`.infinity`: none yet).
    private(set) var flagTime: [Double]
    /// Flagged since the last decision, in flag order.
    private var pending: [Int] = []
    private var actioned: [Bool]
    /// Reinstated after an appeal: not acted on again.
    private var exempt: [Bool]
    private var appealsUpheld = 0
    /// Accounts acted on so far: positives (campaign accounts) and all.
    private var actionedPositives = 0
    private var actionedTotal = 0
    /// Replacements among the session's adaptation records counted so far, and how far counted.
    private var replacements = 0
    private var recordsCounted = 0
    private(set) var series: [LoopSnapshot] = []
    var detectorName = ""
    var failure: String?
    private let truth: [AccountTruth]

    init(generator: TrafficGenerator, policy: EnforcementPolicy, threshold: Double, acting: Bool, session: GenerationSession) {
        self.generator = generator
        self.policy = policy
        self.threshold = threshold
        self.acting = acting
        self.session = session
        let truth = generator.truth
        self.truth = truth.accounts
        let byID = Dictionary(uniqueKeysWithValues: truth.campaigns.map { ($0.id, $0.requested) })
        ledger = LoopLedger(targets: generator.campaignIDs.map { byID[$0] ?? 0 }, truth: truth.accounts)
        flagTime = Array(repeating: .infinity, count: generator.accounts.count)
        actioned = Array(repeating: false, count: generator.accounts.count)
        exempt = actioned
    }

    /// Records the detector's new rises: an account is flagged the first time it reaches the threshold.
    func absorb(_ rises: ArraySlice<ScoreBoard.ChangePoint>) {
        for rise in rises where rise.score >= threshold && flagTime[Int(rise.account)] == .infinity {
            flagTime[Int(rise.account)] = Double(rise.time)
            pending.append(Int(rise.account))
        }
    }

    /// The policy's decision at `time`: act on every account flagged since the last one (unless
    /// watching only), reinstate appeals after review, and record the state.
    func decide(at time: Double) {
        if acting {
            for account in pending where !actioned[account] && !exempt[account] {
                actioned[account] = true
                actionedTotal += 1
                if truth[account].label.isPositive { actionedPositives += 1 }
                switch policy.action {
                case .ban: session.refuse(account: account, from: time)
                case .throttle(let rate): session.throttle(account: account, perMinute: rate, from: time)
                case .degrade: session.degrade(account: account, from: time)
                }
            }
            for appeal in session.takeAppeals() where !exempt[appeal.account] {
                exempt[appeal.account] = true
                appealsUpheld += 1
                session.reinstate(account: appeal.account, at: appeal.time + policy.reviewHours * 3_600_000)
            }
        }
        pending.removeAll()
        guard time.isFinite else { return }
        let records = session.adaptations
        replacements += records[recordsCounted...].filter(\.kind.isReplacement).count
        recordsCounted = records.count
        series.append(
            LoopSnapshot(
                time: Int64(time), campaignTokens: ledger.servedTokens, campaignAccountsActioned: actionedPositives,
                genuineAccountsActioned: actionedTotal - actionedPositives, genuineRequestsRefused: ledger.refusedGenuine,
                genuineTokensWithheld: ledger.withheldGenuine, replacements: replacements))
    }

    /// Genuine customers acted on, by persona.
    func collateral() -> ClosedLoopOutcome.CollateralFigures {
        var byPersona: [String: ClosedLoopOutcome.PersonaCollateral] = [:]
        func entry(_ persona: String) -> ClosedLoopOutcome.PersonaCollateral {
            byPersona[persona] ?? .init(persona: persona, accountsActioned: 0, decoysActioned: 0, requestsRefused: 0, tokensWithheld: 0)
        }
        for account in actioned.indices where actioned[account] && !truth[account].label.isPositive {
            let persona = truth[account].persona ?? "unknown"
            var figures = entry(persona)
            figures.accountsActioned += 1
            if truth[account].decoy { figures.decoysActioned += 1 }
            byPersona[persona] = figures
        }
        for (persona, counted) in ledger.collateral {
            var figures = entry(persona)
            figures.requestsRefused = counted.refusedRequests
            figures.tokensWithheld = counted.withheldTokens
            byPersona[persona] = figures
        }
        let list = byPersona.values.sorted { $0.persona < $1.persona }
        return .init(
            accountsActioned: list.reduce(0) { $0 + $1.accountsActioned }, decoysActioned: list.reduce(0) { $0 + $1.decoysActioned },
            appealsUpheld: appealsUpheld, requestsRefused: list.reduce(0) { $0 + $1.requestsRefused },
            tokensWithheld: list.reduce(0) { $0 + $1.tokensWithheld }, byPersona: list)
    }
}
