import GroundTruth
import Traffic

/// A seeded population of accounts with requests and truth, for audit tests: one in ten accounts
/// is positive (every other one of them `mixed`), and only the planted field (if any) differs
/// between the classes; everything else is noise or per-account unique.
///
/// Positives belong to two campaigns: `alpha` (the adversarial ones, level `naive`) and `beta`
/// (the mixed ones, level `expert`).
struct SyntheticPopulation {
    var accounts: [Account] = []
    var truth: GroundTruth
    var batches: [RequestBatch] = []

    /// - Parameters:
    ///   - plantedUA: whether positive accounts all use the user agent `evil/1.0`.
    ///   - inactive: every this many benign accounts sends no request (0: none).
    ///   - plantedPayment: whether positive accounts share the payment instrument `pay-shared`.
    ///   - plantedCreated: whether positive accounts were created after every benign one.
    ///   - alphaModel: the model every `alpha` account uses (nil: the benign mix).
    ///   - silentPositives: this many positive accounts (the first ones) send no request.
    init(
        accounts count: Int, seed: UInt64, plantedUA: Bool, inactive: Int = 0, plantedPayment: Bool = false,
        plantedCreated: Bool = false, alphaModel: String? = nil, silentPositives: Int = 0
    ) {
        var random = SplitMix(seed)
        var labels: [AccountTruth] = []
        var requests: [Request] = []
        var members: [String: [String]] = ["alpha": [], "beta": []]
        var positivesSoFar = 0
        let agents = ["sdk/1", "sdk/2", "sdk/3", "cli/0.9", "web/2"]
        let countries = ["US", "DE", "JP", "BR", "IN"]
        for i in 0..<count {
            let id = "acct-\(i)"
            let positive = i % 10 == 3
            let tactic = i % 20 == 3 ? "alpha" : "beta"
            if positive {
                labels.append(
                    AccountTruth(account: id, label: tactic == "alpha" ? .adversarial : .mixed, tactic: tactic, campaign: tactic))
                members[tactic, default: []].append(id)
            } else {
                labels.append(AccountTruth(account: id, label: .benign, persona: "developer"))
            }
            let created = Int64(random.next(below: 1_000_000))
            accounts.append(
                Account(
                    id: id, org: "org-\(i / 3)", created: positive && plantedCreated ? 2_000_000 + created : created,
                    tier: Tier.allCases[random.next(below: Tier.allCases.count)],
                    payment: positive && plantedPayment ? "pay-shared" : "pay-\(i)",
                    emailDomain: "d\(random.next(below: 40)).example", country: countries[random.next(below: 5)],
                    signupIP: "s-\(i)"))
            if !positive, inactive > 0, i % inactive == 0 { continue }
            if positive {
                positivesSoFar += 1
                if positivesSoFar <= silentPositives { continue }
            }
            for r in 0..<(3 + random.next(below: 5)) {
                requests.append(
                    Request(
                        id: "\(id)-\(r)", ts: 1_000_000_000 + Int64(random.next(below: 10_000_000)), account: id,
                        key: "key-\(i)", ip: "ip-\(i)", asn: UInt32(64_500 + random.next(below: 10)),
                        ua: positive && plantedUA ? "evil/1.0" : agents[random.next(below: agents.count)],
                        model: positive && tactic == "alpha" && alphaModel != nil
                            ? alphaModel! : ["m-a", "m-b", "m-c"][random.next(below: 3)],
                        prompt: "prompt \(random.next(below: 6))", promptTokens: Int32(random.next(below: 2000)),
                        completionTokens: Int32(random.next(below: 500)), temperature: Double(random.next(below: 3)) / 2,
                        latencyMs: Int32(random.next(below: 1000))))
            }
        }
        requests.sort { ($0.ts, $0.account, $0.id) < ($1.ts, $1.account, $1.id) }
        let symbols = Interner()
        let names = Interner(accounts.map(\.id))
        for start in stride(from: 0, to: requests.count, by: 1000) {
            var batch = RequestBatch(symbols: symbols, accountNames: names)
            for request in requests[start..<min(start + 1000, requests.count)] { batch.append(request) }
            batches.append(batch)
        }
        truth = GroundTruth(
            accounts: labels.sorted { $0.account < $1.account },
            campaigns: [
                CampaignTruth(
                    id: "alpha", tactic: "alpha", accounts: members["alpha", default: []].sorted(), start: 0, end: 1,
                    requested: 1, level: "naive"),
                CampaignTruth(
                    id: "beta", tactic: "beta", accounts: members["beta", default: []].sorted(), start: 0, end: 1,
                    requested: 1, level: "expert"),
            ])
    }
}

/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a small deterministic generator for fixtures.
struct SplitMix {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
