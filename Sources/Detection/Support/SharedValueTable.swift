/// For each value of a request field (a network prefix, a system prompt), the last few accounts
/// seen with it and how many organisations used it: the links a shared value makes, with how
/// unusual the sharing is.
///
/// Values are symbol codes (dense), so the table is a few flat arrays indexed by code, grown as
/// codes appear; each code keeps `slots` accounts (the most recent distinct ones, replaced
/// round-robin) and a count of the organisations that used it (approximate once accounts are
/// replaced: an organisation that comes back after being replaced counts again). Memory grows
/// with distinct values, never with requests.
public struct SharedValueTable: Sendable {
    /// Accounts kept per value.
    public static let slots = 4  // the lanes of `visit`'s result

    private var accounts: [UInt32] = []
    private var orgs: [UInt32] = []
    private var clients: [UInt64] = []
    /// Slots filled (up to `slots`), then the next slot to replace, per value.
    private var filled: [UInt8] = []
    private var next: [UInt8] = []
    /// Organisations seen per value (saturating).
    private var orgCounts: [UInt16] = []

    public init() {}

    /// Makes room for codes `0 ..< count`.
    public mutating func grow(to count: Int) {
        guard count > filled.count else { return }
        let added = count - filled.count
        accounts.append(contentsOf: repeatElement(0, count: added * Self.slots))
        orgs.append(contentsOf: repeatElement(0, count: added * Self.slots))
        clients.append(contentsOf: repeatElement(0, count: added * Self.slots))
        filled.append(contentsOf: repeatElement(0, count: added))
        next.append(contentsOf: repeatElement(0, count: added))
        orgCounts.append(contentsOf: repeatElement(0, count: added))
    }

    /// Records that `account` of `org` used value `code` with client `client`, and returns the
    /// accounts kept for the value that belong to another organisation and used the same client
    /// (`UInt32.max` in unused lanes) — none if more than `maxOrgs` organisations have used the
    /// value (shared infrastructure, a stock prompt: explained by many, evidence of none).
    public mutating func visit(
        _ code: UInt32, account: UInt32, org: UInt32, client: UInt64, maxOrgs: Int
    ) -> SIMD4<UInt32> {
        var linked = SIMD4<UInt32>(repeating: .max)
        let value = Int(code)
        let base = value * Self.slots
        let count = Int(filled[value])
        var present = false
        var orgSeen = false
        for slot in base..<base + count {
            if accounts[slot] == account {
                present = true
                clients[slot] = client
            }
            if orgs[slot] == org { orgSeen = true }
        }
        if !orgSeen, orgCounts[value] < .max { orgCounts[value] += 1 }
        if Int(orgCounts[value]) <= maxOrgs {
            for slot in base..<base + count where orgs[slot] != org && clients[slot] == client && accounts[slot] != account {
                linked[slot - base] = accounts[slot]
            }
        }
        guard !present else { return linked }
        let slot: Int
        if count < Self.slots {
            slot = base + count
            filled[value] += 1
        } else {
            slot = base + Int(next[value])
            next[value] = (next[value] + 1) % UInt8(Self.slots)
        }
        accounts[slot] = account
        orgs[slot] = org
        clients[slot] = client
        return linked
    }
}
