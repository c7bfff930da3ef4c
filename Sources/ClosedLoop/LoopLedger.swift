import GroundTruth
import Simulation
import Traffic

/// What a closed-loop run did to whom (DESIGN §7), counted request by request from the
/// generated batches and their truth — never shown to the detector: extraction per campaign,
/// the open-loop leak at the same flags, and collateral by persona.
struct LoopLedger {
    struct Campaign {
        var servedTokens = 0
        /// Requests answered, not refused or throttled by enforcement (natural errors count, as
        /// they do against a campaign's budget).
        var servedExchanges = 0
        /// Tokens served before the account's flag (open-loop reading: a flag blocks at once).
        var leakedBeforeFlag = 0
        var refusedRequests = 0
        /// When served exchanges reached the target, ms.
        var reachedTarget: Int64?
        /// Accounts that sent campaign traffic, by rank.
        var accounts: Set<UInt32> = []
    }

    struct Collateral {
        var refusedRequests = 0
        var withheldTokens = 0
    }

    private(set) var campaigns: [Campaign]
    /// Refused genuine traffic by persona.
    private(set) var collateral: [String: Collateral] = [:]
    /// Running totals: campaign tokens served, genuine requests refused and tokens withheld.
    private(set) var servedTokens = 0
    private(set) var refusedGenuine = 0
    private(set) var withheldGenuine = 0
    private let targets: [Int]
    private let persona: [String]

    /// - Parameters:
    ///   - targets: exchanges each campaign set out to harvest, in label order (the time the
    ///     answered requests reach it is recorded).
    ///   - truth: account truth by rank (personas of genuine traffic).
    init(targets: [Int], truth: [AccountTruth]) {
        self.targets = targets
        campaigns = Array(repeating: Campaign(), count: targets.count)
        persona = truth.map { $0.persona ?? "unknown" }
    }

    /// Counts one batch; `flagTime` is each account's first flag at the threshold (ms, `.infinity`
    /// if none), already updated with the batch's own rises.
    mutating func record(_ batch: LabelledBatch, flagTime: [Double]) {
        let requests = batch.requests
        for index in 0..<requests.count {
            let account = requests.accounts[index]
            let label = Int(batch.campaigns[index])
            let tokens = Int(requests.completionTokens[index])
            let ts = requests.timestamps[index]
            if label >= 0, label < campaigns.count {
                campaigns[label].accounts.insert(account)
                if batch.enforced[index] {
                    campaigns[label].refusedRequests += 1
                    continue
                }
                campaigns[label].servedTokens += tokens
                servedTokens += tokens
                campaigns[label].servedExchanges += 1
                if campaigns[label].servedExchanges == targets[label], campaigns[label].reachedTarget == nil {
                    campaigns[label].reachedTarget = ts
                }
                if Double(ts) < flagTime[Int(account)] { campaigns[label].leakedBeforeFlag += tokens }
            } else if batch.enforced[index] || batch.withheld[index] > 0 {
                let name = persona[Int(account)]
                if batch.enforced[index] {
                    collateral[name, default: Collateral()].refusedRequests += 1
                    refusedGenuine += 1
                }
                collateral[name, default: Collateral()].withheldTokens += Int(batch.withheld[index])
                withheldGenuine += Int(batch.withheld[index])
            }
        }
    }
}
