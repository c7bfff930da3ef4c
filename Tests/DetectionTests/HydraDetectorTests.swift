import Detection
import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// `hydra`: accounts of different organisations tied by shared cards, proxies and sign-up waves
/// are caught, every member scored; an organisation that shares a card, a campus network, a
/// system prompt and its prompts across its own accounts is not.
struct HydraDetectorTests {
    static let start: Int64 = 1_772_409_600_000  // 2026-03-02T00:00:00Z
    static let threshold = HydraDetector().defaultThreshold

    static func account(_ id: String, org: String, payment: String, created: Int64) -> Account {
        Account(
            id: id, org: org, created: created, tier: .tier1, payment: payment, emailDomain: "example.org", country: "US",
            signupIP: "")
    }

    /// A hand-built day. A lab of six accounts in one organisation sharing a card, a campus
    /// prefix, a TLS fingerprint, a system prompt and its prompts; a hydra of eight accounts, each
    /// its own organisation, on two cards, signed up within 20 minutes (the last four see a burst:
    /// five sign-ups within the hour), two of them on one proxy prefix, under the operator's own
    /// system prompt (the first four organisations to use it are marked; then it is "common");
    /// two unrelated accounts that meet once on a café's prefix.
    static func trace(hydraOrg: ((Int) -> String)? = nil) -> (requests: [Request], table: [Account]) {
        var table: [Account] = []
        var requests: [Request] = []
        for i in 0..<6 {
            table.append(account("lab\(i)", org: "org_lab", payment: "pm_lab", created: start - 200 * 86_400_000 + Int64(i) * 60_000))
        }
        for i in 0..<8 {
            table.append(
                account(
                    "h\(i)", org: hydraOrg?(i) ?? "org_h\(i)", payment: i < 4 ? "pm_x" : "pm_y",
                    created: start - 3 * 86_400_000 + Int64(i) * 150_000))
        }
        table.append(account("cafe0", org: "org_c0", payment: "pm_c0", created: start - 90 * 86_400_000))
        table.append(account("cafe1", org: "org_c1", payment: "pm_c1", created: start - 40 * 86_400_000))
        // Each account's request of hour r falls at its own minute of the hour.
        func at(_ r: Int, _ account: Int) -> Int64 {
            var z = UInt64(r * 1_000 + account) &* 0x9e37_79b9_7f4a_7c15
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return start + Int64(r) * 3_600_000 + Int64((z ^ (z >> 31)) % 3_000) * 1_000
        }
        for r in 0..<20 {
            for i in 0..<6 {
                requests.append(
                    Request(
                        id: "lab\(i)-\(r)", ts: at(r, i), account: "lab\(i)", ip: "net-campus", tls: "t13-python",
                        prompt: "Summarise the attached lab notebook entry and list the reagents used.", system: "sys_lab_assistant"))
            }
            for i in 0..<8 {
                let ip = i == 3 || i == 4 ? "net-proxy-7" : "net-proxy-\(100 + i)"
                requests.append(
                    Request(
                        id: "h\(i)-\(r)", ts: at(r, 10 + i), account: "h\(i)", ip: ip, tls: "t13-python",
                        prompt: "Explain topic \(r * 8 + i) step by step.", system: "sys_operator_script"))
            }
            for i in 0..<2 {
                let ip = r == 5 ? "net-cafe" : "net-home-\(i)"
                requests.append(
                    Request(id: "c\(i)-\(r)", ts: at(r, 20 + i), account: "cafe\(i)", ip: ip, tls: "t13-node", prompt: "hello \(i) \(r)"))
            }
        }
        requests.sort { ($0.ts, $0.account) < ($1.ts, $1.account) }
        return (requests, table)
    }

    static func run(_ trace: (requests: [Request], table: [Account]), detector: HydraDetector = HydraDetector()) throws -> ScoreBoard {
        let names = trace.table.map(\.id)
        return try DetectorHarness.run(
            detector, [DetectorHarness.batch(trace.requests, accounts: names)], accounts: names.count, table: trace.table)
    }

    @Test func hydraIsCaughtTheOrganisationAndAChanceMeetingAreNot() throws {
        let board = try Self.run(Self.trace())
        for lab in 0..<6 { #expect(board.score(of: UInt32(lab)) == 0, "lab\(lab)") }
        for member in 6..<14 { #expect(board.score(of: UInt32(member)) >= Self.threshold, "h\(member - 6)") }
        // A shared prefix between two lone accounts marks them but forms no cluster.
        #expect(board.score(of: 14) == 0 && board.score(of: 15) == 0)
    }

    /// The same eight accounts as one organisation: their card, sign-ups and proxy are the
    /// organisation's own, so nothing links them.
    @Test func linksExplainedByOneOrganisationAreDropped() throws {
        let board = try Self.run(Self.trace(hydraOrg: { _ in "org_h" }))
        for member in 6..<14 { #expect(board.score(of: UInt32(member)) == 0) }
    }

    /// Without the proxy the two card clusters stay apart (four accounts each): a smaller score.
    @Test func clustersScoreBySize() throws {
        var trace = Self.trace()
        trace.requests = trace.requests.map { request in
            var request = request
            if request.ip == "net-proxy-7" { request.ip = "net-proxy-\(request.account)" }
            return request
        }
        let joined = try Self.run(Self.trace())
        let apart = try Self.run(trace)
        #expect(apart.score(of: 6) < joined.score(of: 6))
        #expect(apart.score(of: 6) > 0.5)  // four accounts, two kinds each: log 4 / log 8
    }

    /// An account-table link counts only once both accounts exist.
    @Test func accountTableLinksWaitForTheAccount() throws {
        let late = Self.start + 10 * 3_600_000
        let table = [
            Self.account("x0", org: "org_x0", payment: "pm_shared", created: Self.start - 86_400_000),
            Self.account("x1", org: "org_x1", payment: "pm_shared", created: late),
        ]
        let requests = (0..<20).map { Request(id: "x0-\($0)", ts: Self.start + Int64($0) * 3_600_000, account: "x0", ip: "n0") }
        let board = try DetectorHarness.run(
            HydraDetector(), [DetectorHarness.batch(requests, accounts: ["x0", "x1"])], accounts: 2, table: table)
        #expect(board.changePoints.allSatisfy { $0.time >= late })
        #expect(board.score(of: 0) > 0)
    }

    /// Generated: a naive hydra campaign among developers, research labs (organisations of
    /// about four accounts sharing a card and campus prefixes — the decoy the detector must not
    /// confuse with a hydra) and enterprise teams (sharing a card and corporate networks).
    @Test func generatedHydraIsCaughtResearchLabsAndEnterprisesAreNot() throws {
        let yaml = """
            name: hydra-test
            seed: 903
            start: 2026-03-02T00:00:00Z
            duration: 1d
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
              - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
            populations:
              - {persona: developer, accounts: 200}
              - {persona: research-lab, accounts: 60, params: {requests_per_day: 40}}
              - {persona: enterprise-rag, accounts: 15, params: {requests_per_day: 150}}
            campaigns:
              - {id: hydra, tactic: hydra, accounts: 80, budget: 2000}
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "hydra-test.yaml"))
        var batches: [RequestBatch] = []
        generator.run(threads: 2, batchSize: 4_096) { batches.append($0) }
        let board = try DetectorHarness.run(HydraDetector(), batches, accounts: generator.accounts.count, table: generator.accounts)
        let scores = DetectorHarness.scores(board, truth: generator.truth, accounts: generator.accounts)

        // The labs do share what a hydra shares: within an organisation, accounts on one card and
        // on one campus prefix. (Generated organisations seldom put two accounts under one system
        // prompt; the hand-built lab above shares one.)
        let personas = [String: String](uniqueKeysWithValues: generator.truth.accounts.map { ($0.account, $0.persona ?? "") })
        var cards: [String: Set<String>] = [:]
        var prefixes: [String: Set<String>] = [:]
        for account in generator.accounts where personas[account.id] == "research-lab" {
            cards[account.org + "|" + account.payment, default: []].insert(account.id)
        }
        for batch in batches {
            for i in 0..<batch.count {
                let account = generator.accounts[Int(batch.accounts[i])]
                guard personas[account.id] == "research-lab" else { continue }
                prefixes[account.org + "|" + batch.symbols[batch.ips[i]], default: []].insert(account.id)
            }
        }
        #expect(cards.values.contains { $0.count >= 2 })
        #expect(prefixes.values.contains { $0.count >= 2 })

        let hydra = try #require(scores["hydra*"])
        #expect(Double(hydra.filter { $0 >= Self.threshold }.count) >= 0.7 * Double(hydra.count))
        #expect(try #require(scores["research-lab"]).allSatisfy { $0 < Self.threshold })
        #expect(try #require(scores["enterprise-rag"]).allSatisfy { $0 < Self.threshold })
        #expect(try #require(scores["developer"]).filter { $0 >= Self.threshold }.count <= 1)
    }
}
