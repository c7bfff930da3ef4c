import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// Each tactic is observable by the property that defines it, in a scenario of its own, and
/// the truth (labels, campaigns, request labels) matches what was generated (issue 3).
struct CampaignTests {
    /// A day of 300 developers plus `campaign` (a YAML flow mapping).
    static func scenario(_ campaign: String, benign: String = "{persona: developer, accounts: 300}", seed: UInt64 = 3) -> String {
        """
        name: campaign-test
        seed: \(seed)
        start: 2026-03-02T00:00:00Z
        duration: 2d
        models:
          - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
          - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
          - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
          - {name: m-large-2, family: large, released: 2026-03-02T12:00:00Z}
        populations:
          - \(benign)
        campaigns:
          - \(campaign)
        """
    }

    /// A generated run: its rows with their campaign label, and its truth.
    struct Run {
        var rows: [(request: Request, campaign: Int32)]
        var truth: GroundTruth
        var accounts: [Account]
        var adversarial: [Request] { rows.filter { $0.campaign >= 0 }.map(\.request) }
        var benign: [Request] { rows.filter { $0.campaign < 0 }.map(\.request) }
    }

    static func run(_ yaml: String, threads: Int = 1) throws -> Run {
        let generator = TrafficGenerator(scenario: try TestScenarios.load(yaml))
        var rows: [(Request, Int32)] = []
        generator.runLabelled(threads: threads) { batch in
            for index in 0..<batch.requests.count { rows.append((batch.requests[index], batch.campaigns[index])) }
        }
        return Run(rows: rows, truth: generator.truth, accounts: generator.accounts)
    }

    static func share(_ requests: [Request], _ predicate: (Request) -> Bool) -> Double {
        Double(requests.filter(predicate).count) / Double(max(1, requests.count))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    // MARK: - Truth

    @Test func labelsMatchTheTruthAndBudgetsAreSpent() throws {
        let run = try Self.run(Self.scenario("{id: h, tactic: hydra, accounts: 120, budget: 6000}"))
        let campaign = try #require(run.truth.campaigns.first)
        #expect(campaign.id == "h" && campaign.tactic == "hydra" && campaign.accounts.count == 120 && campaign.requested == 6_000)
        let members = Set(campaign.accounts)
        let labels = Dictionary(uniqueKeysWithValues: run.truth.accounts.map { ($0.account, $0) })
        for (request, label) in run.rows {
            #expect((label == 0) == members.contains(request.account))
        }
        for member in members {
            #expect(labels[member]?.label == .adversarial && labels[member]?.campaign == "h")
        }
        #expect(run.truth.accounts.filter { $0.label.isPositive }.count == 120)
        // The budget is spent within sampling error.
        #expect(abs(Double(run.adversarial.count) / 6_000 - 1) < 0.25, "\(run.adversarial.count) exchanges")
    }

    @Test func campaignsAreDeterministicAcrossThreads() throws {
        let yaml = Self.scenario(
            "{tactic: hydra, accounts: 200, budget: 8000}",
            benign: "{persona: developer, accounts: 3000}")
        let one = try Self.run(yaml, threads: 1)
        let two = try Self.run(yaml, threads: 2)
        #expect(one.rows.map(\.request) == two.rows.map(\.request))
        #expect(one.rows.map(\.campaign) == two.rows.map(\.campaign))
    }

    // MARK: - Tactics

    @Test func bulkHarvestPullsAtHighVolumeWithLongOutputs() throws {
        let run = try Self.run(Self.scenario("{tactic: bulk-harvest, accounts: 2, budget: 60000}"))
        let perAccount = Dictionary(grouping: run.adversarial, by: \.account).mapValues(\.count)
        let benignPerAccount = Dictionary(grouping: run.benign, by: \.account).mapValues(\.count)
        #expect(perAccount.count == 2)
        #expect(perAccount.values.min()! > 20 * benignPerAccount.values.max()!)
        #expect(Self.median(run.adversarial.map { Double($0.completionTokens) }) > 600)
    }

    @Test func hydraSharesPaymentProxiesTemplatesAndSchedules() throws {
        let run = try Self.run(Self.scenario("{tactic: hydra, accounts: 200, budget: 10400}"))
        let members = Set(run.truth.campaigns[0].accounts)
        let accounts = run.accounts.filter { members.contains($0.id) }
        // Shared payment instruments: clusters of about eight accounts.
        #expect(Set(accounts.map(\.payment)).count < accounts.count / 3)
        // Sign-up waves: creation times bunch into at most six 8-hour windows.
        let created = accounts.map { Double($0.created) / 3_600_000 }.sorted()
        let gaps = zip(created, created.dropFirst()).filter { $1 - $0 > 8 }.count
        #expect(gaps <= 5)
        // Proxy pool: requests rotate over many prefixes, some shared between accounts.
        let ipsByAccount = Dictionary(grouping: run.adversarial, by: \.account).mapValues { Set($0.map(\.ip)) }
        #expect(Self.median(ipsByAccount.values.map { Double($0.count) }) >= 3)
        var accountsPerIP: [String: Int] = [:]
        for ips in ipsByAccount.values { for ip in ips { accountsPerIP[ip, default: 0] += 1 } }
        #expect(accountsPerIP.values.contains { $0 >= 2 })
        // Shared templates: every request carries one of the campaign's three system prompts.
        #expect(Set(run.adversarial.map(\.system)).count <= 3)
        // A synchronized schedule: each account about 26 exchanges a day, all on the same days.
        let perAccountPerDay = Double(run.adversarial.count) / Double(members.count) / 2
        #expect((15...40).contains(perAccountPerDay))
    }

    @Test func resellerMixCarriesGenuineAndCampaignTrafficOnOneAccount() throws {
        let run = try Self.run(Self.scenario("{tactic: reseller-mix, accounts: 3, budget: 6000}"))
        let mixed = run.truth.accounts.filter { $0.label == .mixed }
        #expect(mixed.count == 3)
        #expect(mixed.allSatisfy { $0.persona == "router" && $0.tactic == "reseller-mix" && $0.campaign == "reseller-mix-1" })
        for account in mixed.map(\.account) {
            let rows = run.rows.filter { $0.request.account == account }
            #expect(rows.contains { $0.campaign == 0 } && rows.contains { $0.campaign < 0 })
            // Both parts leave from the reseller's keys and networks: nothing on the wire splits them.
            let keys = Set(rows.filter { $0.campaign == 0 }.map(\.request.key))
            #expect(keys.isSubset(of: Set(rows.filter { $0.campaign < 0 }.map(\.request.key))))
        }
    }

    @Test func cotElicitationAsksForReasoningInManyLanguagesWithLongAnswers() throws {
        let run = try Self.run(Self.scenario("{tactic: cot-elicitation, accounts: 40, budget: 8000}"))
        let requests = run.adversarial.filter { $0.status == 200 }
        #expect(Self.median(requests.map { Double($0.completionTokens) }) > 1_000)
        #expect(Self.share(requests) { $0.model == "m-reason-1" } > 0.4)
        let cjk = Self.share(requests) { $0.prompt.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) } }
        let latinNonEnglish = Self.share(requests) { $0.prompt.unicodeScalars.contains { (0xC0...0x17F).contains($0.value) } }
        #expect(cjk > 0.2 && latinNonEnglish > 0.2)
    }

    @Test func logitHarvestRequestsMaximalLogprobsWithOneTokenAndLogitBias() throws {
        let run = try Self.run(Self.scenario("{tactic: logit-harvest, accounts: 2, budget: 20000}"))
        let requests = run.adversarial
        #expect(requests.count > 10_000)
        // The published attack's settings are the habit; the shared menus leave a few others.
        #expect(requests.allSatisfy { $0.logprobs })
        #expect(Self.share(requests) { $0.topLogprobs == 20 } > 0.9)
        #expect(Self.share(requests) { (1...16).contains($0.maxTokens) } > 0.9)
        #expect((0.45...0.9).contains(Self.share(requests) { $0.logitBias > 0 }))  // 0.7 on average; accounts vary
        #expect(Self.share(requests) { $0.model == "m-small-1" } > 0.8)
    }

    @Test func selfInstructSamplesHotWithAFixedScaffold() throws {
        let run = try Self.run(Self.scenario("{tactic: self-instruct, accounts: 4, budget: 12000}"))
        let requests = run.adversarial
        #expect(requests.allSatisfy { $0.topP == 1 })
        #expect(Self.share(requests) { $0.temperature == 1 } > 0.85)
        #expect(Self.share(requests) { $0.maxTokens == 3072 } > 0.2)
        #expect(Self.share(requests) { $0.logitBias > 0 } > 0.85)
        #expect(Self.share(requests) { $0.n > 1 } > 0.2)
        // Near-duplicate scaffolds: many prompts share their opening words.
        let openings = requests.map { String($0.prompt.prefix(24)) }
        let benignOpenings = run.benign.map { String($0.prompt.prefix(24)) }
        let distinct = Double(Set(openings).count) / Double(openings.count)
        let benignDistinct = Double(Set(benignOpenings).count) / Double(benignOpenings.count)
        #expect(distinct < benignDistinct)
    }

    @Test func mimicCopiesTheDevelopersTimingAndParameters() throws {
        let run = try Self.run(Self.scenario("{tactic: mimic, accounts: 100, budget: 5000}", benign: "{persona: developer, accounts: 400}"))
        let adversarial = run.adversarial
        let benign = run.benign
        // Same parameter habits and lengths, within sampling error.
        for (name, value) in [("temperature 0", { (r: Request) in r.temperature == 0 }), ("stream", { $0.stream }), ("tools", { $0.tools > 0 })] {
            #expect(abs(Self.share(adversarial, value) - Self.share(benign, value)) < 0.1, "\(name)")
        }
        let ratio = Self.median(adversarial.map { Double($0.completionTokens) }) / Self.median(benign.map { Double($0.completionTokens) })
        #expect((0.6...1.6).contains(ratio))
        // Low and slow: no more requests per account than a developer.
        let adversarialPerAccount = Double(adversarial.count) / 100
        let benignPerAccount = Double(benign.count) / 400
        #expect(adversarialPerAccount < 2 * benignPerAccount)
    }

    @Test func modelMigrationMovesToTheNewModelWithinADay() throws {
        let run = try Self.run(Self.scenario("{tactic: model-migration, accounts: 100, budget: 12000}"))
        let release = Int64(1_772_452_800_000)  // 2026-03-02T12:00:00Z
        let requests = run.adversarial
        #expect(!requests.contains { $0.model == "m-large-2" && $0.ts < release })
        let dayAfter = requests.filter { $0.ts >= release + 6 * 3_600_000 && $0.ts < release + 30 * 3_600_000 }
        let campaignShare = Self.share(dayAfter) { $0.model == "m-large-2" }
        let benignDayAfter = run.benign.filter { $0.ts >= release + 6 * 3_600_000 && $0.ts < release + 30 * 3_600_000 }
        #expect(campaignShare > 0.25, "campaign share on the new model \(campaignShare)")
        #expect(campaignShare > 2 * Self.share(benignDayAfter) { $0.model == "m-large-2" })
    }

    // MARK: - Bad campaign parameters

    @Test(arguments: [
        ("{tactic: botnet, accounts: 3, budget: 10}", "campaigns[0].tactic: unknown tactic \"botnet\""),
        ("{tactic: hydra, accounts: -1, budget: 10}", "campaigns[0].accounts: expected an integer ≥ 0"),
        ("{tactic: hydra, accounts: 3}", "campaigns[0]: missing required key \"budget\""),
        ("{tactic: hydra, accounts: 3, budget: 10, params: {requests_per_day: 5}}", "campaigns[0].params.requests_per_day: a campaign's volume comes from its budget"),
        ("{tactic: hydra, accounts: 3, budget: 10, params: {proxy_pool: 5}}", "campaigns[0].params.proxy_pool: unknown parameter"),
        ("{tactic: hydra, accounts: 3, budget: 10, params: {network_rotation: 2}}", "campaigns[0].params.network_rotation: expected a number ≤ 1.0"),
        ("{tactic: hydra, accounts: 3, budget: 10, start: 2026-05-01T00:00:00Z}", "campaigns[0].start: expected a time within the scenario"),
        ("{tactic: hydra, accounts: 3, budget: 10, cover: developer}", "campaigns[0].cover: only mimic and reseller-mix campaigns take a cover persona"),
        ("{tactic: mimic, accounts: 3, budget: 10, cover: villain}", "campaigns[0].cover: unknown persona \"villain\""),
        ("{id: 'a,b', tactic: hydra, accounts: 3, budget: 10}", "campaigns[0].id: expected a campaign id of letters, digits, - and _"),
    ])
    func badCampaignGivesOneLineError(campaign: String, expected: String) throws {
        do {
            _ = try TestScenarios.load(Self.scenario(campaign))
            Issue.record("accepted: \(campaign)")
        } catch {
            let message = String(describing: error)
            #expect(message.contains(expected), "got: \(message)")
            #expect(message.hasPrefix("test.yaml:"))
        }
    }
}
