import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import ResultsModel
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
    /// its report (none for a detector doing no per-request work). `detectors` are fresh copies, in the order of the evaluation's outcomes.
    static func attach(
        to evaluation: inout DetectorEvaluation, detectors: [any Detector], features settings: PromptFeatureSettings = .standard
    ) throws {
        let batches = evaluation.sample
        let needs = detectors.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
        let features = ThroughputMeter.features(of: batches, needs: needs, settings: settings)
        for (index, detector) in detectors.enumerated() where index < evaluation.outcomes.count {
            guard evaluation.outcomes[index].run.failure == nil else { continue }
            // A detector that reads no field and no prompt feature does no per-request work: its
            // "throughput" would time one call per batch (`null`: billions of requests/s). None shown.
            guard !(detector.reads.isEmpty && detector.needs.isEmpty) else { continue }
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

    /// Each detector's configured name, catalogue parameters, default threshold and features,
    /// for the manifest.
    static func configurations(_ evaluation: DetectorEvaluation) -> [ResultsManifest.Detector] {
        evaluation.outcomes.map { outcome in
            // An external program's command and version stay text.
            let external = outcome.run.configuration is ExternalDetector.Settings
            var parameters: [String: JSONValue] = [:]
            for (name, text) in outcome.run.configuration.parameterValues {
                parameters[name] = external && name != "timeout" ? .string(text) : JSONValue.parsing(text)
            }
            return ResultsManifest.Detector(
                name: outcome.run.name, parameters: parameters, defaultThreshold: outcome.run.defaultThreshold,
                features: outcome.run.needs.names, status: outcome.run.status.rawValue, failure: outcome.run.failure)
        }
    }

    /// The manifest's common part: command, budget, detectors, version, machine, prompt features.
    static func manifest(
        command: String, evaluation: DetectorEvaluation, fprBudget: Double, features: PromptFeatureSettings
    ) -> ResultsManifest {
        var manifest = ResultsManifest(
            command: command, fprBudget: fprBudget, detectors: configurations(evaluation),
            harnessVersion: Traffic.harnessVersion, machine: machine())
        manifest.promptFeatures = .init(embeddingDimension: features.embeddingDimension, minhashBins: features.minHashBins)
        return manifest
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
