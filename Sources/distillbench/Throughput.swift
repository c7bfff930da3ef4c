import Detection
import Evaluation
import Foundation
import Traffic

#if canImport(Glibc)
import Glibc
#endif

/// Stops a replay early.
private struct Enough: Error {}

/// Throughput figures and machine facts for result manifests.
enum Throughput {
    /// Measures each detector alone on up to one million requests of `replay` held in memory
    /// (median of 3 warm runs) and stores the figure in its report.
    static func attach(to evaluation: inout DetectorEvaluation, detectors list: String, replay: some BatchReplay) throws {
        var batches: [RequestBatch] = []
        var count = 0
        do {
            try replay.replay { batch, _ in
                batches.append(batch)
                count += batch.count
                if count >= 1_000_000 { throw Enough() }
            }
        } catch is Enough {}
        let factories = try DetectorCatalog.detectors(list).map(\.name)
        for (index, name) in factories.enumerated() where index < evaluation.outcomes.count {
            guard let entry = DetectorCatalog.all.first(where: { $0.name == name }) else { continue }
            let figure = ThroughputMeter.measure(entry.make, batches: batches, accounts: replay.accounts, repeats: 3)
            evaluation.outcomes[index].report.throughputRPS = figure.requestsPerSecond.rounded()
        }
    }

    static func configurations(_ evaluation: DetectorEvaluation) -> [[String: String]] {
        evaluation.outcomes.map { outcome in
            var entry = outcome.run.configuration
            entry["name"] = outcome.run.name
            entry["default_threshold"] = "\(outcome.run.defaultThreshold)"
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
