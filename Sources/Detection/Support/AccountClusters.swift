/// Clusters of accounts joined by links (union–find with union by size and path halving;
/// Tarjan, "Efficiency of a good but not linear set union algorithm", JACM 1975), each cluster
/// carrying its size and the number of distinct evidence kinds its members show.
///
/// Every account also holds an evidence mask: one bit per kind of link it took part in (a
/// shared payment instrument, a shared network, …). A cluster's `evidence` is the sum over its
/// members of the bits set, kept at the cluster's root so that a member's score needs one
/// `find`. Memory: 13 bytes per account; nothing grows with links.
public struct AccountClusters: Sendable {
    /// Parent of each account (`UInt32.max`: a root).
    private var parent: [UInt32] = []
    /// At a root: members; elsewhere stale.
    private var members: [UInt32] = []
    /// At a root: the sum of its members' evidence bits; elsewhere stale.
    private var evidenceSum: [UInt32] = []
    /// The evidence bits of each account.
    public private(set) var masks: [UInt8] = []

    public init() {}

    /// The number of accounts held.
    public var count: Int { parent.count }

    /// Makes room for accounts `0 ..< count`, each alone.
    public mutating func grow(to count: Int) {
        guard count > parent.count else { return }
        let added = count - parent.count
        parent.append(contentsOf: repeatElement(.max, count: added))
        members.append(contentsOf: repeatElement(1, count: added))
        evidenceSum.append(contentsOf: repeatElement(0, count: added))
        masks.append(contentsOf: repeatElement(0, count: added))
    }

    /// The root of `account`'s cluster (halving the path on the way).
    public mutating func find(_ account: UInt32) -> UInt32 {
        var x = Int(account)
        while parent[x] != .max {
            let up = Int(parent[x])
            if parent[up] != .max { parent[x] = parent[up] }
            x = Int(parent[x])
        }
        return UInt32(x)
    }

    /// The root of `account`'s cluster, without shortening paths (for reading a finished state).
    public func root(of account: UInt32) -> UInt32 {
        var x = Int(account)
        while parent[x] != .max { x = Int(parent[x]) }
        return UInt32(x)
    }

    /// The size and summed evidence bits of the cluster whose root is `root`.
    public func cluster(ofRoot root: UInt32) -> (members: Int, evidence: Int) {
        (Int(members[Int(root)]), Int(evidenceSum[Int(root)]))
    }

    /// Joins the clusters of `a` and `b`.
    public mutating func union(_ a: UInt32, _ b: UInt32) {
        var ra = Int(find(a))
        var rb = Int(find(b))
        guard ra != rb else { return }
        if members[ra] < members[rb] { swap(&ra, &rb) }
        parent[rb] = UInt32(ra)
        members[ra] += members[rb]
        evidenceSum[ra] += evidenceSum[rb]
    }

    /// Sets evidence bit `bit` (0–7) of `account`, counting it in its cluster.
    public mutating func mark(_ account: UInt32, bit: Int) {
        let flag = UInt8(1) << UInt8(bit)
        let index = Int(account)
        guard masks[index] & flag == 0 else { return }
        masks[index] |= flag
        evidenceSum[Int(find(account))] += 1
    }

    /// The size and summed evidence bits of `account`'s cluster.
    public mutating func cluster(of account: UInt32) -> (members: Int, evidence: Int) {
        let root = Int(find(account))
        return (Int(members[root]), Int(evidenceSum[root]))
    }
}
