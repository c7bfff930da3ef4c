import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import Traffic

#if canImport(Glibc)
import Glibc
#endif

/// Throughput figures and machine facts for result manifests.
enum Throughput {
    /// The requests a throughput sample holds: the first batches up to this count.
    static let sampleSize = 200_000

    /// Measures each detector alone on the evaluation's ``DetectorEvaluation/sample`` (the first
    /// batches of its pass, held in memory: nothing is read or generated again), median of 3
    /// warm runs with the shared prompt features computed beforehand, and stores the figure in
    /// its report. `detectors` are fresh copies, in the order of the evaluation's outcomes.
    static func attach(
        to evaluation: inout DetectorEvaluation, detectors: [any Detector], features settings: PromptFeatureSettings = .standard
    ) throws {
        let batches = evaluation.sample
        let needs = detectors.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
        let features = ThroughputMeter.features(of: batches, needs: needs, settings: settings)
        for (index, detector) in detectors.enumerated() where index < evaluation.outcomes.count {
            guard evaluation.outcomes[index].run.failure == nil else { continue }
            guard let external = detector as? ExternalDetector else {
                let figure = try ThroughputMeter.measure(detector, batches: batches, features: features, accounts: evaluation.accounts, repeats: 3)
                evaluation.outcomes[index].report.throughputRPS = figure.requestsPerSecond.rounded()
                continue
            }
            // An external program: one timed pass after a warm-up (each pass starts it anew), and
            // the same lines through a program that only reads them: the pipe's own cost.
            do {
                let figure = try ThroughputMeter.measure(external, batches: batches, features: features, accounts: evaluation.accounts, repeats: 1)
                evaluation.outcomes[index].report.throughputRPS = figure.requestsPerSecond.rounded()
                let probe = try ExternalDetector.pipeProbe(features: external.needs, timeout: external.settings.timeout)
                let pipe = try ThroughputMeter.measure(probe, batches: batches, features: features, accounts: evaluation.accounts, repeats: 1)
                evaluation.outcomes[index].report.pipeThroughputRPS = pipe.requestsPerSecond.rounded()
            } catch {
                FileHandle.standardError.write(
                    Data("warning: throughput of \(Terminal.escaped(external.name)) not measured: \(Terminal.escaped("\(error)"))\n".utf8))
            }
        }
        evaluation.sample = []
    }

    /// Warns on standard error of each detector that did not run to the end.
    static func warnFailures(_ evaluation: DetectorEvaluation) {
        for outcome in evaluation.outcomes {
            if let failure = outcome.run.failure {
                FileHandle.standardError.write(
                    Data("warning: detector \(Terminal.escaped(outcome.run.name)): \(outcome.run.status.rawValue): \(Terminal.escaped(failure))\n".utf8))
            }
        }
    }

    /// Each detector's configured name, catalogue parameters, default threshold and features,
    /// for the manifest.
    static func configurations(_ evaluation: DetectorEvaluation) -> [[String: any Sendable]] {
        evaluation.outcomes.map { outcome in
            var parameters: [String: any Sendable] = [:]
            // An external program's command and version stay text.
            let external = outcome.run.configuration is ExternalDetector.Settings
            for (name, text) in outcome.run.configuration.parameterValues {
                parameters[name] =
                    external && name != "timeout"
                    ? text : Int(text).map { $0 as any Sendable } ?? Double(text).map { $0 as any Sendable } ?? Bool(text) ?? text
            }
            var entry: [String: any Sendable] = [
                "name": outcome.run.name, "default_threshold": outcome.run.defaultThreshold, "parameters": parameters,
                "features": outcome.run.needs.names,
            ]
            if let failure = outcome.run.failure { entry["failure"] = failure }
            entry["status"] = outcome.run.status.rawValue
            return entry
        }
    }

    static func machine() -> [String: String] {
        ["cores": "\(ProcessInfo.processInfo.activeProcessorCount)", "os": ProcessInfo.processInfo.operatingSystemVersionString,
         "memory_gib": "\(ProcessInfo.processInfo.physicalMemory >> 30)"]
    }

    /// Peak resident memory of this process, MiB.
    static func peakMemoryMiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
