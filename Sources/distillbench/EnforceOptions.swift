import ArgumentParser
import ClosedLoop
import Detection
import Evaluation
import Experiments
import Features
import Foundation
import ResultsModel
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

    /// `90s`, `5m`, `2h`, `1d` in ms, at least one second.
    static func milliseconds(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value.isFinite,
            value * unit >= 1_000, value * unit <= 30 * 86_400_000
        else {
            throw CommandError("--decision-interval: expected a duration from 1s to 30d such as 90s, 5m, 2h or 1d, found \"\(text)\"")
        }
        return value * unit
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
                let evaluated = openLoop[seed]?.first { $0.run.name == detector.name }
                let kind: OperatingPoint.Kind? =
                    switch policy.threshold {
                    case .value: nil
                    case .detectorDefault: .default
                    case .tuned: .tuned
                    }
                let point = evaluated?.report.operatingPoints.first { $0.kind == kind }
                let threshold: Double
                switch policy.threshold {
                case .value(let value): threshold = value
                case .detectorDefault: threshold = detector.defaultThreshold
                case .tuned:
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
