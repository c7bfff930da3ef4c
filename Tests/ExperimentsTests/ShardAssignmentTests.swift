import Experiments
import Testing

/// Shards: deterministic, balanced by estimated size, every unit exactly once.
struct ShardAssignmentTests {
    static func units(_ sizes: [Double]) -> [ExperimentUnit] {
        sizes.enumerated().map { index, size in
            ExperimentUnit(
                index: index, scenario: index % 2, scenarioName: "s\(index % 2)", seed: UInt64(index), role: .evaluation,
                estimatedRequests: size, key: "evaluation:\(index)")
        }
    }

    @Test(arguments: [1, 2, 3, 5, 8, 40])
    func everyUnitExactlyOnce(shards: Int) {
        let units = Self.units((0..<37).map { Double(($0 * 7919) % 101 + 1) * 1_000 })
        let shares = ExperimentPlan.assign(units, shards: shards)
        #expect(shares.count == shards)
        #expect(shares.flatMap { $0 }.map(\.index).sorted() == Array(0..<37))
        #expect(shares == ExperimentPlan.assign(units.reversed(), shards: shards), "the order of the units does not matter")
        for share in shares { #expect(share.map(\.index) == share.map(\.index).sorted(), "each share in plan order") }
    }

    @Test func balancedBySize() {
        // One large unit and many small: the large one alone, the small spread evenly.
        let units = Self.units([900] + [Double](repeating: 100, count: 18))
        let loads = ExperimentPlan.assign(units, shards: 3).map { $0.reduce(0) { $0 + $1.estimatedRequests } }
        #expect(loads.sorted() == [900, 900, 900])
        // Greedy longest-first: no shard exceeds the lightest by more than the largest unit.
        let mixed = Self.units((1...30).map { Double($0 * $0) })
        let mixedLoads = ExperimentPlan.assign(mixed, shards: 4).map { $0.reduce(0) { $0 + $1.estimatedRequests } }
        #expect((mixedLoads.max() ?? 0) - (mixedLoads.min() ?? 0) <= 900)
    }

    @Test func tiesBrokenByKey() {
        let units = Self.units([Double](repeating: 5, count: 6))
        let shares = ExperimentPlan.assign(units, shards: 3)
        #expect(shares.map { $0.map(\.index) } == [[0, 3], [1, 4], [2, 5]])
    }

    /// The headline's throughput measurement counts: three whole scenarios of equal estimated
    /// size on two shards put the headline's scenario alone once its extra work is counted.
    @Test func extraWorkOfTheHeadlineCounts() {
        let units = (0..<9).map { index in
            ExperimentUnit(
                index: index, scenario: index / 3, scenarioName: "s\(index / 3)", seed: UInt64(index), role: .evaluation,
                estimatedRequests: 100, key: "evaluation:\(index)")
        }
        #expect(ExperimentPlan.assign(units, shards: 2).map { $0.map(\.scenario) } == [[0, 0, 0, 2, 2, 2], [1, 1, 1]])
        let weighted = ExperimentPlan.assign(units, shards: 2, extra: [0: 200])
        #expect(weighted.map { $0.map(\.scenario) } == [[0, 0, 0], [1, 1, 1, 2, 2, 2]])
    }
}
