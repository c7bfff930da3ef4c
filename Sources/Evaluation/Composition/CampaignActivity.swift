import GroundTruth
import Traffic

/// One campaign's requests over its lifetime in equal time bins, for the report's timeline with
/// each detector's flag drawn on it (issue 11). The campaign shown is the one with the most member
/// accounts (ties by id): a coordinated cluster, where the time to the first flag matters most.
public struct CampaignActivity: Sendable, Hashable, Codable {
    /// The campaign's id and tactic.
    public var campaign: String
    public var tactic: String
    /// Start of the first bin and the bins' width, Unix epoch ms.
    public var startMs: Int64
    public var binMs: Int64
    /// Requests of the campaign's members in each bin (requests outside the campaign's lifetime
    /// go to the first or last bin).
    public var requests: [Int]

    enum CodingKeys: String, CodingKey {
        case campaign, tactic, requests
        case startMs = "start_ms"
        case binMs = "bin_ms"
    }

    /// Member flags by account code; empty when no campaign is shown.
    private var members: [Bool] = []

    /// Bins of the campaign to show in a trace of `accountIDs` and `truth`; nil without campaigns.
    public init?(accountIDs: [String], truth: GroundTruth, bins: Int = 48) {
        guard
            let chosen = truth.campaigns.max(by: { ($0.accounts.count, $1.id) < ($1.accounts.count, $0.id) })
        else { return nil }
        campaign = chosen.id
        tactic = chosen.tactic
        startMs = chosen.start
        binMs = max(1, (max(chosen.end, chosen.start + 1) - chosen.start + Int64(bins) - 1) / Int64(bins))
        requests = Array(repeating: 0, count: max(1, bins))
        let memberIDs = Set(chosen.accounts)
        members = accountIDs.map(memberIDs.contains)
    }

    /// Counts the members' requests of `batch` (account codes index the account table).
    public mutating func add(_ batch: RequestBatch) {
        let last = requests.count - 1
        for i in 0..<batch.count {
            let account = Int(batch.accounts[i])
            guard account < members.count, members[account] else { continue }
            let bin = (batch.timestamps[i] - startMs) / binMs
            requests[Int(min(Int64(last), max(0, bin)))] += 1
        }
    }
}
