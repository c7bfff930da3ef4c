import ArgumentParser
import Detection
import Foundation

/// `distillbench detectors`: the built-in detectors.
struct Detectors: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in detectors with their default thresholds.")

    func run() throws {
        for entry in DetectorCatalog.all {
            let detector = entry.make()
            print("\(entry.name.padding(toLength: 16, withPad: " ", startingAt: 0)) τ = \(detector.defaultThreshold)   \(entry.summary)")
        }
    }
}
