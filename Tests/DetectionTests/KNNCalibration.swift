import Detection
import Features
import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// How `knn-stateful`'s default threshold is computed (Chen, Carlini & Wagner's rule): the
/// 0.1st percentile of the benign-to-benign mean k-NN distances — every query of every benign
/// account once its buffer holds k earlier queries — on calibration traffic that is never
/// evaluated: `realistic-mix` generated with calibration seed 900 at scale 1.
///
/// `DISTILLBENCH_CALIBRATE=1 swift test -c release -Xswiftc -enable-testing --filter KNNCalibrationTests` prints the
/// figure (about two minutes in a release build; hours in a debug build, hence the switch).
enum KNNCalibration {
    /// The calibration scenario, seed and scale.
    static let scenario = "Scenarios/realistic-mix.yaml"
    static let seed: UInt64 = 900
    static let scale = 1.0

    /// The mean k-NN distances of every scored query of a benign account, with the default
    /// settings unless `settings` says otherwise.
    static func benignMeanDistances(
        scenario path: String = scenario, seed: UInt64 = seed, scale: Double = scale,
        settings: StatefulKNNDetector.Settings = .init()
    ) throws -> [Float] {
        let root = DetectorTests.root
        let loaded = try ScenarioLoader.load(path: root.appending(path: path).path)
        let generator = TrafficGenerator(scenario: loaded, seed: seed, scale: scale)
        let benign = Set(generator.truth.accounts.filter { $0.label == .benign }.map(\.account))
        var detector = try StatefulKNNDetector(settings: settings)
        detector.begin(accounts: generator.accounts)
        var distances: [Float] = []
        try generator.run(threads: 2) { batch in
            let features = PromptFeatures(of: batch, needs: detector.needs, threads: 2)
            let means = try detector.meanDistances(batch, features: features)
            for row in 0..<batch.count where !means[row].isNaN && benign.contains(batch.accountNames[batch.accounts[row]]) {
                distances.append(means[row])
            }
        }
        return distances
    }

    /// The `p`-quantile of `values` (linear interpolation between order statistics, numpy's default).
    static func quantile(_ values: [Float], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard let first = sorted.first else { return .nan }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted.count == 1 ? Double(first) : Double(sorted[lower]) * (1 - fraction) + Double(sorted[upper]) * fraction
    }
}

struct KNNCalibrationTests {
    /// Prints the default threshold's calibration (run on demand: see ``KNNCalibration``).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DISTILLBENCH_CALIBRATE"] != nil))
    func printsTheDefaultThreshold() throws {
        let distances = try KNNCalibration.benignMeanDistances()
        let threshold = KNNCalibration.quantile(distances, 0.001)
        print(
            "knn-stateful calibration: \(KNNCalibration.scenario) seed \(KNNCalibration.seed) scale \(KNNCalibration.scale):",
            "\(distances.count) benign scored queries; 0.1st percentile \(threshold);",
            "1st \(KNNCalibration.quantile(distances, 0.01)); median \(KNNCalibration.quantile(distances, 0.5))")
        #expect(distances.count > 10_000)
        #expect(abs(threshold - StatefulKNNDetector.Settings().threshold) < 5e-4, "update the default to \(threshold)")
    }
}
