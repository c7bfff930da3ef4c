import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// The benchmark as a measuring instrument (issue 7): no artifact gives a tactic away. Each
/// test failed on the generator before the issue.
struct InstrumentTests {
    /// Two days of every benign persona beside every tactic, small enough for the suite.
    static let everything = """
        name: instrument-test
        seed: 11
        start: 2026-03-02T00:00:00Z
        duration: 2d
        models:
          - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
          - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
          - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
          - {name: m-embed-1, family: embedding, released: 2025-06-01T00:00:00Z}
        populations:
          - {persona: developer, accounts: 1500, params: {requests_per_day: 10}}
          - {persona: chat-app, accounts: 2, params: {requests_per_day: 800}}
          - {persona: coding-agent, accounts: 2, params: {requests_per_day: 800}}
          - {persona: enterprise-rag, accounts: 10, params: {requests_per_day: 200}}
          - {persona: eval-harness, accounts: 8, params: {requests_per_day: 300}}
          - {persona: synthetic-data, accounts: 4, params: {requests_per_day: 500}}
          - {persona: research-lab, accounts: 40, params: {requests_per_day: 40}}
          - {persona: router, accounts: 4, params: {requests_per_day: 600}}
        campaigns:
          - {id: hydra, tactic: hydra, accounts: 60, budget: 3000}
          - {id: bulk, tactic: bulk-harvest, accounts: 2, budget: 8000}
          - {id: reseller, tactic: reseller-mix, accounts: 2, budget: 1500}
          - {id: cot, tactic: cot-elicitation, accounts: 20, budget: 3000}
          - {id: logits, tactic: logit-harvest, accounts: 2, budget: 6000}
          - {id: instruct, tactic: self-instruct, accounts: 3, budget: 4000}
          - {id: mimic, tactic: mimic, accounts: 30, budget: 600}
          - {id: migration, tactic: model-migration, accounts: 20, budget: 1500}
        """

    /// The generated run of ``everything`` (once per test process).
    static let run: CampaignTests.Run = {
        do {
            return try CampaignTests.run(everything)
        } catch {
            fatalError("instrument scenario: \(error)")
        }
    }()

    /// The campaigns' tactics in scenario order (a row's campaign label indexes this; the truth
    /// sorts campaigns by id).
    static let campaignTactics: [String] = {
        do {
            return try TestScenarios.load(everything).campaigns.map(\.tactic.rawValue)
        } catch {
            fatalError("instrument scenario: \(error)")
        }
    }()

    /// The group of each row: the tactic of its campaign, or the persona of its account.
    static func groups(_ run: CampaignTests.Run) -> [String: [Request]] {
        let personaOf = Dictionary(uniqueKeysWithValues: run.truth.accounts.map { ($0.account, $0.persona ?? "?") })
        var groups: [String: [Request]] = [:]
        for (request, campaign) in run.rows {
            let group = campaign >= 0 ? campaignTactics[Int(campaign)] : personaOf[request.account] ?? "?"
            groups[group, default: []].append(request)
        }
        return groups
    }

    // MARK: - Artifact 2: parameter values

    /// Every parameter value that a campaign sends in ≥ 0.5 % of its requests is sent by benign
    /// accounts too (≥ 0.05 % of theirs): the menus are shared, only the weights differ.
    @Test(arguments: ["max_tokens", "temperature", "top_logprobs", "top_p", "n"])
    func campaignParameterValuesAreBenignValuesToo(field: String) throws {
        func value(_ request: Request) -> String {
            switch field {
            case "max_tokens": "\(request.maxTokens)"
            case "temperature": "\(request.temperature)"
            case "top_logprobs": "\(request.topLogprobs)"
            case "top_p": "\(request.topP)"
            default: "\(request.n)"
            }
        }
        let benign = Dictionary(grouping: Self.run.benign, by: value).mapValues(\.count)
        let benignTotal = Double(Self.run.benign.count)
        for (tactic, requests) in Self.groups(Self.run) where Tactic(rawValue: tactic) != nil {
            let counts = Dictionary(grouping: requests, by: value).mapValues(\.count)
            for (v, count) in counts where Double(count) >= 0.005 * Double(requests.count) {
                #expect(Double(benign[v] ?? 0) >= 0.0005 * benignTotal, "\(tactic) sends \(field) = \(v); benign: \(benign[v] ?? 0)")
            }
        }
    }

    /// Developers use the long caps campaigns favour (they never did: 0 of 4,096 and 8,192).
    @Test func developersUseLongCapsToo() {
        let developer = Self.groups(Self.run)["developer"] ?? []
        let long = CampaignTests.share(developer) { $0.maxTokens >= 4_096 }
        #expect(long > 0.02)
    }

    // MARK: - Artifact 3: prompt tokens follow the text

    /// In every group, prompt tokens grow with the visible prompt (Spearman ρ > 0.1); before,
    /// only logit-harvest's did (0.85, the rest ≤ 0.022).
    @Test func promptTokensFollowTheVisibleTextEverywhere() {
        for (group, requests) in Self.groups(Self.run) where requests.count >= 200 {
            let chat = requests.filter { $0.endpoint != "embeddings" }
            let rho = Self.spearman(chat.map { Double($0.prompt.unicodeScalars.count) }, chat.map { Double($0.promptTokens) })
            #expect(rho > 0.1, "\(group): Spearman \(rho)")
        }
    }

    // MARK: - Task words

    /// Campaigns ask for e-mails, translations and drafts too, as the customers they pass for
    /// do (before, 1.3 % of benign prompts and no campaign prompt did).
    @Test func campaignsAskForEverydayTasksToo() {
        let words = ["email", "e-mail", "translate", "draft"]
        func share(_ requests: [Request]) -> Double {
            CampaignTests.share(requests) { request in
                let text = request.prompt.lowercased()
                return words.contains { text.contains($0) }
            }
        }
        let groups = Self.groups(Self.run)
        for tactic in ["hydra", "cot-elicitation", "bulk-harvest", "model-migration"] {
            #expect(share(groups[tactic] ?? []) > 0.002, "\(tactic): \(share(groups[tactic] ?? []))")
        }
    }

    // MARK: - Embeddings

    /// An embeddings call sends no sampling parameters and gets no completion.
    @Test func embeddingsCarryNoSamplingParameters() {
        let embeddings = Self.run.rows.map(\.request).filter { $0.endpoint == "embeddings" }
        #expect(embeddings.count > 50)
        #expect(embeddings.allSatisfy {
            $0.maxTokens == 0 && $0.temperature == 1 && $0.topP == 1 && !$0.stream && !$0.logprobs && $0.n == 1
                && $0.tools == 0 && $0.logitBias == 0 && $0.completionTokens == 0
        })
    }

    // MARK: - Artifact 4: the reseller's cover is the scenario's router

    /// A reseller-mix account carries the genuine traffic of the scenario's own routers (600 a
    /// day here), not the persona default's (20,000): it sends no more than the busiest router
    /// plus its campaign share.
    @Test func resellerCoverFollowsTheScenarioRouters() throws {
        let run = Self.run
        let routers = Set(run.truth.accounts.filter { $0.persona == "router" && $0.label == .benign }.map(\.account))
        let mixed = Set(run.truth.accounts.filter { $0.label == .mixed }.map(\.account))
        #expect(mixed.count == 2)
        let counts = Dictionary(grouping: run.rows.map(\.request), by: \.account).mapValues(\.count)
        let busiestRouter = routers.map { counts[$0] ?? 0 }.max() ?? 0
        let campaignShare = 1_500 / 2
        for account in mixed {
            #expect((counts[account] ?? 0) < 2 * busiestRouter + campaignShare, "\(account): \(counts[account] ?? 0)")
        }
    }

    // MARK: - Artifacts 5 and 6: budgets and silent members

    /// Every campaign sends its budget within ±15 % at every scale a result uses, however few
    /// its accounts (a 3-account campaign at scale 0.15 has one account), and every member
    /// sends at least one request.
    @Test(arguments: [0.15, 0.5, 1.0])
    func budgetsHoldAndEveryMemberActs(scale: Double) throws {
        let scenario = try TestScenarios.load(Self.everything)
        let generator = TrafficGenerator(scenario: scenario, scale: scale)
        var sent: [Int32: Int] = [:]
        var active: Set<String> = []
        generator.runLabelled(threads: 2) { batch in
            for index in 0..<batch.requests.count where batch.campaigns[index] >= 0 {
                sent[batch.campaigns[index], default: 0] += 1
                active.insert(batch.requests[index].account)
            }
        }
        for (index, spec) in scenario.campaigns.enumerated() {
            let campaign = try #require(generator.truth.campaigns.first { $0.id == spec.id })
            let ratio = Double(sent[Int32(index)] ?? 0) / Double(campaign.requested)
            #expect((0.85...1.15).contains(ratio), "\(campaign.id) at scale \(scale): sent/requested \(ratio)")
            let silent = campaign.accounts.filter { !active.contains($0) }
            #expect(silent.isEmpty, "\(campaign.id) at scale \(scale): \(silent.count) silent members")
        }
    }

    // MARK: - Helpers

    /// Spearman's rank correlation (average ranks for ties).
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ values: [Double]) -> [Double] {
            let order = values.indices.sorted { values[$0] < values[$1] }
            var result = [Double](repeating: 0, count: values.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
                for k in i...j { result[order[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return result
        }
        let rx = ranks(x)
        let ry = ranks(y)
        let mx = rx.reduce(0, +) / Double(rx.count)
        let my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(rx, ry) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
