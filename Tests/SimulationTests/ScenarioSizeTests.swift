import Foundation
import Simulation
import Testing

/// The size estimate printed by `validate` and `run --dry-run` and the limits it enforces
/// (issue 8, item 3).
struct ScenarioSizeTests {
    static let scenarios = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Scenarios")

    /// Measured sizes (Scenarios/README.md): the estimate is within 25 % of each.
    @Test(arguments: [
        ("quickstart.yaml", 2_032.0, 0.68e6), ("hydra-2026.yaml", 53_565, 23.5e6), ("realistic-mix.yaml", 48_275, 9.4e6),
        ("tactic-reseller-mix.yaml", 4_104, 2.2e6),
    ])
    func estimateIsCloseToWhatIsGenerated(file: String, accounts: Double, requests: Double) throws {
        let scenario = try ScenarioLoader.load(path: Self.scenarios.appending(path: file).path)
        let size = ScenarioSize(scenario)
        #expect(abs(size.accounts - accounts) / accounts < 0.05, "\(size.summary)")
        #expect(abs(size.requests - requests) / requests < 0.25, "\(size.summary)")
        #expect(size.bytes > size.requests * 600)
    }

    @Test func limitsAreEnforced() throws {
        let scenario = try ScenarioLoader.load(path: Self.scenarios.appending(path: "quickstart.yaml").path)
        #expect(throws: Never.self) { try ScenarioSize(scenario).check(file: "q", allowLarge: false) }
        let large = ScenarioSize(scenario, scale: 1_000)
        #expect(large.excess(of: .default) != nil)
        #expect(throws: ScenarioError.self) { try large.check(file: "q", allowLarge: false) }
        #expect(throws: Never.self) { try large.check(file: "q", allowLarge: true) }
        var huge = scenario
        huge.populations[0].accounts = Int.max
        huge.campaigns[0].budget = Int.max
        let enormous = ScenarioSize(huge, scale: 1e6)
        #expect(enormous.requests.isFinite)
        #expect(throws: ScenarioError.self) { try enormous.check(file: "q", allowLarge: true) }
        #expect(enormous.summary.contains("e"))
    }
}
