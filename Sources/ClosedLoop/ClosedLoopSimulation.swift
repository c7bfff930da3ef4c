import Detection
import Evaluation
import Features
import GroundTruth
import Simulation
import Traffic

/// Drives one closed loop (DESIGN §7): generation and detection interleave in simulated time;
/// at each decision point the policy acts on the accounts its detector flagged since the last
/// one, the generator applies the actions to later requests, and campaigns react to what their
/// accounts saw. The same seed runs once more with a policy that only watches — the open loop —
/// for the comparison. Simulation never sees the detector; the detector never sees the truth.
public struct ClosedLoopSimulation {
    public let generator: TrafficGenerator
    public let policy: EnforcementPolicy
    /// The threshold the policy acts at (resolved from `default` or `tuned` by the caller).
    public let threshold: Double
    public var threads: Int
    public var features: PromptFeatureSettings

    public init(generator: TrafficGenerator, policy: EnforcementPolicy, threshold: Double, threads: Int,
                features: PromptFeatureSettings = .standard) {
        self.generator = generator
        self.policy = policy
        self.threshold = threshold
        self.threads = threads
        self.features = features
    }

    /// Runs the closed loop of the seed and compares it with the open loop: `openLoop`, the
    /// open-loop run's own figures for this seed, detector and threshold, or else an open-loop
    /// pass of its own.
    public func run(openLoop: OpenLoopReference? = nil) throws -> ClosedLoopOutcome {
        let reference = try openLoop ?? OpenLoopReference(try pass(acting: false), campaignIDs: generator.campaignIDs)
        let closed = try pass(acting: true)
        return outcome(open: reference, closed: closed)
    }

    /// One pass: the trace, through the detector, with the policy acting or only watching.
    /// `consume`, if given, sees every batch as generated (tests compare traces with it).
    func pass(acting: Bool, consume: ((LabelledBatch) -> Void)? = nil) throws -> LoopState {
        let detector = try policy.makeDetector()
        let session = generator.session(threads: threads, appealShare: acting ? policy.appealShare : 0)
        let state = LoopState(
            generator: generator, policy: policy, threshold: threshold, acting: acting, session: session)
        // The open loop needs no decisions: one advance, in the generator's own windows.
        let replay = LoopReplay(state: state, interval: acting ? policy.decisionInterval : .infinity, consume: consume)
        let runs = try DetectorRunner.run([detector], replay: replay, threads: threads, features: features) { batch, _, rises in
            state.absorb(rises[0])
            if batch != nil, let current = state.current { state.ledger.record(current, flagTime: state.flagTime) }
        }
        state.detectorName = runs[0].name
        state.failure = runs[0].failure
        return state
    }

    private func outcome(open: OpenLoopReference, closed: LoopState) -> ClosedLoopOutcome {
        let truth = generator.truth
        let campaignsByID = Dictionary(uniqueKeysWithValues: truth.campaigns.map { ($0.id, $0) })
        let specs = generator.scenario.campaigns
        var figures: [ClosedLoopOutcome.CampaignFigures] = []
        for (label, id) in generator.campaignIDs.enumerated() {
            let spec = specs.first { $0.id == id }
            let cost = spec?.adaptation?.replace?.costPerAccount ?? Adaptation.Replace().costPerAccount
            let openFigures = open.campaigns[id] ?? .init(tokens: 0, leaked: 0)
            let closedFigures = closed.ledger.campaigns[label]
            let records = closed.session.adaptations.filter { $0.campaign == label }
            let payments = Set(closedFigures.accounts.map { generator.accounts[Int($0)].payment })
            let used = closedFigures.accounts.count
            let costUSD = Double(used) * cost
            let start = campaignsByID[id]?.start ?? generator.scenario.start
            figures.append(
                .init(
                    id: id, tactic: campaignsByID[id]?.tactic ?? "", targetExchanges: campaignsByID[id]?.requested ?? 0,
                    servedExchanges: closedFigures.servedExchanges, openLoopTokens: openFigures.tokens,
                    servedTokens: closedFigures.servedTokens,
                    extractionVsOpenLoop: ratio(closedFigures.servedTokens, openFigures.tokens),
                    openLoopLeakedTokens: openFigures.leaked, requestsRefused: closedFigures.refusedRequests,
                    accountsUsed: used, accountsBurned: records.filter { $0.kind == .lost }.count,
                    replacements: records.filter(\.kind.isReplacement).count,
                    paymentInstruments: payments.count, costUSD: costUSD,
                    costPerMillionTokens: closedFigures.servedTokens > 0 ? costUSD / Double(closedFigures.servedTokens) * 1e6 : nil,
                    daysToTarget: closedFigures.reachedTarget.map { Double($0 - start) / 86_400_000 }))
        }
        let openTokens = open.campaigns.values.reduce(0) { $0 + $1.tokens }
        let leaked = open.campaigns.values.reduce(0) { $0 + $1.leaked }
        let names = generator.campaignIDs
        return ClosedLoopOutcome(
            policy: policy.name(detector: closed.detectorName), folder: policy.folder(detector: closed.detectorName), seed: generator.seed, threshold: threshold,
            detectorFailure: closed.failure, campaigns: figures, collateral: closed.collateral(),
            openLoopTokens: openTokens, closedLoopTokens: closed.ledger.servedTokens,
            extractionPreventedOpenLoop: ratio(leaked, openTokens).map { 1 - $0 },
            extractionPreventedClosedLoop: ratio(closed.ledger.servedTokens, openTokens).map { 1 - $0 },
            adaptations: closed.session.adaptations.map { record in
                let cost: Double? = if case .replaced(let cost) = record.kind { cost } else { nil }
                return .init(
                    time: Int64(record.time), campaign: names[record.campaign], kind: record.kind.name,
                    account: record.account.map { generator.accounts[Int($0)].id }, costUSD: cost)
            },
            series: closed.series)
    }

    private func ratio(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
}

/// The generated session as a ``BatchReplay`` for the detector runner: one pass, advanced to each
/// decision point in turn, the policy acting in between.
struct LoopReplay: BatchReplay {
    let state: LoopState
    let interval: Double
    let consume: ((LabelledBatch) -> Void)?

    var accounts: [Account] { state.generator.accounts }
    var truth: GroundTruth? { nil }

    func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        let session = state.session
        var decision = Double(state.generator.scenario.start) + interval
        while !session.isFinished {
            try session.advance(until: decision) { labelled in
                consume?(labelled)
                state.current = labelled
                try body(labelled.requests, nil)
            }
            state.current = nil
            state.decide(at: decision)
            decision += interval
        }
    }
}
