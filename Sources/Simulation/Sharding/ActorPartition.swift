import Foundation
import HeapModule
import Traffic

/// One of `count` deterministic shares of a run's accounts (DESIGN §8): `generate --shard I/N`
/// writes the requests of share `index`.
///
/// Accounts are dealt to shares by expected size, largest first, each to the share with the
/// least expected traffic so far (ties by lower share, accounts of equal size by rank): a
/// campaign's heavy accounts spread over the shares instead of landing in one. The deal reads
/// only the account plans, a pure function of scenario, seed and scale, so every machine and
/// thread count gets the same shares. Both actors of a reseller account go to one share.
public struct ActorPartition: Sendable, Hashable, CustomStringConvertible {
    /// The share, 1-based.
    public let index: Int
    /// How many shares the accounts are split into.
    public let count: Int

    /// The largest number of shares.
    public static let maximumCount = 65_536

    /// Share `index` of `count`; nil unless 1 ≤ `index` ≤ `count` ≤ ``maximumCount``.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maximumCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, e.g. `2/3`.
    ///
    /// - Throws: ``PartitionError/malformed(_:)`` naming the text and what was expected.
    public init(parsing text: String) throws(PartitionError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            let partition = ActorPartition(index: index, count: count)
        else { throw .malformed(text) }
        self = partition
    }

    public var description: String { "\(index)/\(count)" }

    // MARK: - The deal

    /// The share (0-based) of every account, by rank.
    static func shares(of plans: [AccountPlan], accounts: Int, scenarioEnd: Int64, count: Int) -> [Int32] {
        var size = [Double](repeating: 0, count: accounts)
        for plan in plans { size[Int(plan.rank)] += expectedRequests(plan, scenarioEnd: scenarioEnd) }
        let order = size.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
        struct Load: Comparable {
            var requests: Double
            var share: Int32
            static func < (a: Load, b: Load) -> Bool { (a.requests, a.share) < (b.requests, b.share) }
        }
        var loads = Heap((0..<Int32(count)).map { Load(requests: 0, share: $0) })
        var shares = [Int32](repeating: 0, count: accounts)
        for rank in order {
            guard var least = loads.min else { break }
            shares[rank] = least.share
            least.requests += size[rank]
            loads.replaceMin(with: least)
        }
        return shares
    }

    /// A plan's expected number of requests: its quota, or its daily rate over its active span.
    static func expectedRequests(_ plan: AccountPlan, scenarioEnd: Int64) -> Double {
        if let quota = plan.quota { return Double(quota) }
        let span = Double(max(0, min(scenarioEnd, plan.lastActive) - plan.firstActive)) / 86_400_000
        return max(0, plan.requestsPerDay) * span
    }
}

/// Why a `--shard` value was refused.
public enum PartitionError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            "expected I/N with 1 ≤ I ≤ N ≤ \(ActorPartition.maximumCount) (e.g. 2/3), found \(Terminal.quoted(text))"
        }
    }
}
