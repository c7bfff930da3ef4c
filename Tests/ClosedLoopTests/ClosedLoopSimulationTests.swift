import Detection
import Evaluation
import Experiments
import Foundation
import Simulation
import Testing
import Traffic

@testable import ClosedLoop

/// The closed loop end to end (DESIGN §7): policy, detector and generator together, its figures
/// recounted independently from the trace it produced.
@Suite("Closed loop")
struct ClosedLoopSimulationTests {
    /// A small scenario with an adaptive hydra campaign over the first half of a day.
    static func scenario(adapt: String = "replace: {delay_h: 1, reserve: 30}\n      rotate: true") throws -> Scenario {
        try ScenarioLoader.parse(
            Data(
                """
                name: loop
                seed: 5
                start: 2026-03-02T06:00:00Z
                duration: 24h
                models:
                  - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
                  - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
                populations:
                  - {persona: developer, accounts: 80}
                  - {persona: eval-harness, accounts: 2, params: {requests_per_day: 1000}}
                  - {persona: research-lab, accounts: 4}
                campaigns:
                  - id: hydra
                    tactic: hydra
                    accounts: 30
                    budget: 3000
                    end: 2026-03-02T18:00:00Z
                    adapt:
                      \(adapt)
                """.utf8), file: "loop.yaml")
    }

    static func simulation(_ text: String, threshold: Double, action: EnforcementAction = .ban, threads: Int = 1) throws -> ClosedLoopSimulation {
        let policy = try EnforcementPolicy(parsing: text, action: action)
        return ClosedLoopSimulation(generator: TrafficGenerator(scenario: try scenario()), policy: policy, threshold: threshold, threads: threads)
    }

    /// The JSONL bytes of a pass.
    static func trace(_ simulation: ClosedLoopSimulation, acting: Bool) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-loop-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try JSONLRequestWriter(url: url)
        var failure: (any Error)?
        _ = try simulation.pass(acting: acting) { batch in
            do { try writer.write(batch.requests) } catch { failure = error }
        }
        try writer.close()
        if let failure { throw failure }
        return try Data(contentsOf: url)
    }

    @Test("A policy that never flags leaves the trace byte-identical to the open-loop run")
    func neverFlagging() throws {
        let simulation = try Self.simulation("volume@1e300", threshold: 1e300)
        let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-open-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try JSONLRequestWriter(url: url)
        try simulation.generator.run { try writer.write($0) }
        try writer.close()
        #expect(try Self.trace(simulation, acting: true) == (try Data(contentsOf: url)))
        let outcome = try simulation.run()
        #expect(outcome.closedLoopTokens == outcome.openLoopTokens)
        #expect(outcome.extractionPreventedClosedLoop == 0)
        #expect(outcome.adaptations.isEmpty && outcome.collateral.accountsActioned == 0)
    }

    @Test("The open-loop evaluation's figures at the threshold equal the simulation's own open-loop pass")
    func openLoopReferenceAgrees() throws {
        let simulation = try Self.simulation("hydra@default", threshold: 0.5)
        let policyDetector = try simulation.policy.makeDetector()
        #expect(policyDetector.defaultThreshold == 0.5)
        let evaluation = try DetectorEvaluation(
            detectors: [policyDetector], replay: GeneratedReplay(generator: simulation.generator, threads: 2), threads: 2)
        let point = try #require(evaluation.outcomes[0].report.operatingPoints.first { $0.kind == .default })
        let fromEvaluation = OpenLoopReference(point.metrics)
        let fromPass = OpenLoopReference(try simulation.pass(acting: false), campaignIDs: simulation.generator.campaignIDs)
        #expect(fromEvaluation.campaigns == fromPass.campaigns)
        #expect(fromPass.campaigns.values.allSatisfy { $0.leaked > 0 && $0.leaked < $0.tokens })
        #expect(try simulation.run(openLoop: fromEvaluation).openLoopTokens == (try simulation.run()).openLoopTokens)
    }

    @Test("Same policy and seed give the same outcome on one thread and on two")
    func threadInvariant() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let one = try Self.simulation("hydra@default", threshold: 0.5, threads: 1).run()
        let two = try Self.simulation("hydra@default", threshold: 0.5, threads: 2).run()
        #expect(try encoder.encode(one) == (try encoder.encode(two)))
    }

    @Test("Bans burn campaign accounts, the campaign replaces them, and the figures add up")
    func banAndReplace() throws {
        let simulation = try Self.simulation("hydra@default", threshold: 0.5)
        let outcome = try simulation.run()
        let campaign = try #require(outcome.campaigns.first)
        #expect(campaign.accountsBurned > 0)
        #expect(campaign.replacements > 0)
        #expect(campaign.replacements <= campaign.accountsBurned)
        #expect(outcome.adaptations.filter { $0.kind == "replaced" }.count == campaign.replacements)
        #expect(campaign.costUSD == Double(campaign.accountsUsed) * 20)
        #expect(campaign.accountsUsed <= 30 + campaign.replacements)
        // Recount what the campaign was served from the closed-loop trace itself.
        var served = 0
        var refused = 0
        _ = try simulation.pass(acting: true) { batch in
            for index in 0..<batch.requests.count where batch.campaigns[index] >= 0 {
                served += Int(batch.requests.completionTokens[index])
                if batch.requests.statuses[index] == 403 { refused += 1 }
            }
        }
        #expect(served == outcome.closedLoopTokens)
        #expect(refused == campaign.requestsRefused)
        #expect(refused == campaign.accountsBurned)
        #expect(outcome.series.last?.campaignTokens == outcome.closedLoopTokens)
        let prevented = try #require(outcome.extractionPreventedClosedLoop)
        let openPrevented = try #require(outcome.extractionPreventedOpenLoop)
        #expect(prevented < openPrevented)  // the gap the closed loop exists to show
    }

    @Test("Flagging everyone bans genuine customers too; half appeal and are reinstated; collateral is counted by persona")
    func collateral() throws {
        let outcome = try Self.simulation("volume@0", threshold: 0).run()
        let collateral = outcome.collateral
        #expect(collateral.accountsActioned > 0)
        #expect(collateral.appealsUpheld > 0 && collateral.appealsUpheld < collateral.accountsActioned)
        #expect(collateral.requestsRefused > 0 && collateral.tokensWithheld > 0)
        #expect(collateral.byPersona.reduce(0) { $0 + $1.accountsActioned } == collateral.accountsActioned)
        // Evaluation harnesses and research labs are the decoys (DESIGN §3); developers are not.
        for persona in collateral.byPersona {
            let decoy = ["eval-harness", "research-lab"].contains(persona.persona)
            #expect(persona.decoysActioned == (decoy ? persona.accountsActioned : 0), "\(persona.persona)")
        }
        #expect(collateral.decoysActioned > 0)
        let series = outcome.series
        #expect(zip(series, series.dropFirst()).allSatisfy { $0.genuineRequestsRefused <= $1.genuineRequestsRefused })
    }

    @Test("Throttling and degrading cut what campaigns are served without banning anyone")
    func throttleAndDegrade() throws {
        for action in [EnforcementAction.throttle(perMinute: 1), .degrade] {
            let outcome = try Self.simulation("hydra@default", threshold: 0.5, action: action).run()
            #expect(outcome.closedLoopTokens < outcome.openLoopTokens, "\(action)")
            #expect(outcome.campaigns[0].accountsBurned == 0, "\(action)")
        }
    }

    @Test("Bad policies are refused in one line naming what is expected")
    func badPolicies() {
        #expect(throws: EnforcementError.self) { try EnforcementPolicy(parsing: "volume", action: .ban) }
        #expect(throws: EnforcementError.self) { try EnforcementPolicy(parsing: "volume@high", action: .ban) }
        #expect(throws: EnforcementError.self) { try EnforcementPolicy(parsing: "nosuch@default", action: .ban) }
        #expect(throws: EnforcementError.self) { try EnforcementPolicy(parsing: "volume(nosuch=1)@default", action: .ban) }
        #expect(throws: EnforcementError.self) { try EnforcementAction(parsing: "throttle(rate=0)") }
        #expect(throws: EnforcementError.self) { try EnforcementAction(parsing: "shadowban") }
        #expect((try? EnforcementAction(parsing: "throttle(rate=30)")) == .throttle(perMinute: 30))
        let policy = try? EnforcementPolicy(parsing: "prada(delta=0.92)@tuned", action: .degrade)
        #expect(policy?.threshold == .tuned)
        #expect(policy?.name(detector: "prada(delta=0.92)") == "prada(delta=0.92)@tuned+degrade")
        #expect(policy?.folder(detector: "prada(delta=0.92)").allSatisfy { $0.isLetter || $0.isNumber || "_-.%()".contains($0) } == true)
    }
}
