import ArgumentParser
import ClosedLoop
import Detection
import Evaluation
import Experiments
import Features
import Foundation
import Simulation

/// `--enforce`, `--action`, `--decision-interval`: closed-loop simulations beside the open-loop
/// run (DESIGN §7, README "Closed loop").
struct EnforceOptions: ParsableArguments {
    @Option(
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "An enforcement policy, DETECTOR[(params)]@THRESHOLD with a number, default or tuned (repeatable): each runs as its own closed loop.",
            valueName: "policy"))
    var enforce: [String] = []

    @Option(parsing: .unconditional, help: "What a policy does to a flagged account: ban, throttle(rate=R) requests a minute, or degrade (default ban).")
    var action = "ban"

    @Option(parsing: .unconditional, help: "Simulated time between enforcement decisions: a number and s, m, h or d (default 5m).")
    var decisionInterval = "5m"

    /// The policies, checked.
    func policies() throws -> [EnforcementPolicy] {
        let action = try EnforcementAction(parsing: self.action)
        let interval = try Self.milliseconds(decisionInterval)
        return try enforce.map { text in
            var policy = try EnforcementPolicy(parsing: text, action: action)
            policy.decisionInterval = interval
            return policy
        }
    }

    /// `90s`, `5m`, `2h`, `1d` in ms (the scenario files' durations), from one second to 30 days.
    static func milliseconds(_ text: String) throws -> Double {
        guard let value = SpecNode.milliseconds(of: text), value >= 1_000, value <= 30 * 86_400_000 else {
            throw CommandError("--decision-interval: expected a duration from 1s to 30d such as 90s, 5m, 2h or 1d, found \"\(text)\"")
        }
        return value
    }

    /// Runs every policy on every evaluation seed of `planned` and returns the outcomes.
    ///
    /// - Parameter openLoop: the open-loop run's evaluations of `planned`, by seed: where one
    ///   evaluated a policy's detector at its threshold, its figures stand for the open loop.
    static func run(
        _ policies: [EnforcementPolicy], planned: ExperimentPlan.PlannedScenario, seeds: [UInt64],
        openLoop: [UInt64: [DetectorEvaluation.Outcome]], threads: Int, features: PromptFeatureSettings
    ) throws -> [ClosedLoopOutcome] {
        var outcomes: [ClosedLoopOutcome] = []
        for policy in policies {
            let detector = try policy.makeDetector()
            for seed in seeds {
                let points = openLoop[seed]?.first { $0.run.name == detector.name }?.report.operatingPoints ?? []
                let point: OperatingPoint?
                let threshold: Double
                switch policy.threshold {
                case .value(let value):
                    (point, threshold) = (nil, value)
                case .detectorDefault:
                    (point, threshold) = (points.first { $0.kind == .default }, detector.defaultThreshold)
                case .tuned:
                    point = points.first { $0.kind == .tuned }
                    guard let tuned = point?.threshold, tuned.isFinite else {
                        throw CommandError(
                            "--enforce \(policy.detector)@tuned: no tuned threshold; pass --tune-seeds and include the detector in --detectors")
                    }
                    threshold = tuned
                }
                let generator = TrafficGenerator(scenario: planned.scenario, seed: seed, scale: planned.scale)
                let simulation = ClosedLoopSimulation(
                    generator: generator, policy: policy, threshold: threshold, threads: threads, features: features)
                outcomes.append(try simulation.run(openLoop: point.map { OpenLoopReference($0.metrics) }))
            }
        }
        return outcomes
    }
}
