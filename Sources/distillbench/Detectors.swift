import ArgumentParser
import Detection
import Foundation
import Traffic

/// `distillbench detectors`: the built-in detectors, their parameters and defaults.
struct Detectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the built-in detectors with their parameters, defaults and default thresholds.",
        discussion: """
            Configure a detector on `run` and `evaluate` with --detectors 'name(param=value,…)';
            several configurations of one detector can run side by side.
            """)

    func run() throws {
        for kind in DetectorCatalog.all {
            let features = kind.needs.isEmpty ? "" : "   [reads \(kind.needs.joined(separator: ", "))]"
            print("\(kind.name)   τ = \(kind.defaultThreshold)   \(kind.summary)\(features)")
            for parameter in kind.parameters {
                print("    \(parameter.name) = \(parameter.defaultValue)   \(parameter.meaning) (\(parameter.expected))")
            }
        }
    }
}
