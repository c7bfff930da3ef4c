import Evaluation
import Features
import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// The published window-level result of Liu, Guo & Dong (arXiv 2606.05725) on small windows:
/// pure campaign windows separate from benign ones, and detection falls as the campaign's share
/// of a window falls. (`distillbench reproduce window-mmd` runs the paper's sizes.)
struct WindowMMDExperimentTests {
    static func pools(seed: UInt64) throws -> WindowMMDPools {
        let yaml = """
            name: window-mmd-test
            seed: \(seed)
            start: 2026-03-02T00:00:00Z
            duration: 24h
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
              - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
            populations:
              - {persona: developer, accounts: 100, params: {requests_per_day: 25}}
              - {persona: chat-app, accounts: 1, params: {requests_per_day: 1000}}
              - {persona: research-lab, accounts: 3, params: {requests_per_day: 300}}
            campaigns:
              - {id: instruct, tactic: self-instruct, accounts: 1, budget: 800}
              - {id: bulk, tactic: bulk-harvest, accounts: 1, budget: 800}
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "window-mmd-test.yaml"))
        let tactics = Dictionary(uniqueKeysWithValues: generator.truth.campaigns.map { ($0.id, $0.tactic) })
        let tacticOf = generator.campaignIDs.map { tactics[$0] }
        var pools = WindowMMDPools(dimension: PromptFeatureSettings.standard.embeddingDimension, benignCapacity: 3_000, attackerCapacity: 800, seed: seed)
        generator.runLabelled { batch in
            let features = PromptFeatures(of: batch.requests, needs: .embedding)
            for row in 0..<batch.requests.count {
                let campaign = Int(batch.campaigns[row])
                pools.offer(features.embedding(row), tactic: campaign < 0 ? nil : tacticOf[campaign] ?? "?")
            }
        }
        return pools
    }

    @Test func pureWindowsSeparateAndDetectionFallsWithTheShare() throws {
        let pools = try Self.pools(seed: 900)
        #expect(pools.benign.count == 3_000 && pools.benign.offered > 3_000)
        #expect(pools.attackers.keys.sorted() == ["bulk-harvest", "self-instruct"])
        var settings = WindowMMDExperiment.Settings()
        settings.window = 100
        settings.features = 64
        settings.nullSamples = 200
        settings.referenceRepeats = 5
        settings.windowsPerSplit = 20
        settings.shares = [0.1, 0.5, 1]
        settings.bandwidthSample = 300
        let outcome = WindowMMDExperiment.run(pools, settings: settings, seed: 900)
        let summary = WindowMMDExperiment.summary([outcome])
        let all = try #require(summary.rates["all"])
        #expect(summary.falsePositiveRate <= 0.1, "benign FPR \(summary.falsePositiveRate)")
        #expect(summary.pureTruePositiveRate >= 0.9, "pure TPR \(summary.pureTruePositiveRate)")
        #expect((all[0.1] ?? 1) < (all[0.5] ?? 0) && (all[0.5] ?? 1) <= (all[1] ?? 0), "\(all)")
        #expect((all[0.1] ?? 1) < 0.5)
        // Deterministic for a seed.
        #expect(WindowMMDExperiment.run(pools, settings: settings, seed: 900) == outcome)
    }
}
