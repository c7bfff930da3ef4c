import Foundation
import GroundTruth
import Traffic

/// Writes a generated run as a trace directory (DESIGN §2), atomically: the directory appears
/// complete or not at all.
public enum TraceExport {
    /// Generates `generator`'s traffic into `directory`.
    ///
    /// - Returns: the manifest written.
    public static func write(
        _ generator: TrafficGenerator, to directory: URL, format: TraceFormat = .jsonl, threads: Int = 1,
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> TraceManifest {
        try AtomicDirectory.write(to: directory) { temporary in
            let writer = try format.requestWriter(url: temporary.appending(path: format.requestsFileName))
            let labels = generator.campaignIDs.isEmpty
                ? nil : try RequestLabelWriter(url: temporary.appending(path: TraceDirectory.requestLabelsFileName))
            let campaignIDs = generator.campaignIDs
            var count = 0
            var first: Int64 = 0
            var last: Int64 = 0
            // Generation runs on its own thread(s) while this one writes.
            try generator.runPipelined(threads: threads, progress: progress) { labelled in
                let batch = labelled.requests
                if count == 0 { first = batch.timestamps[0] }
                last = batch.timestamps[batch.count - 1]
                count += batch.count
                try writer.write(batch)
                try labels?.write(batch, campaigns: labelled.campaigns, campaignIDs: campaignIDs)
            }
            try labels?.close()
            try writer.close()
            try AccountCodec.write(generator.accounts, to: temporary.appending(path: format.accountsFileName), format: format)
            let truth = generator.truth
            try truth.encoded().write(to: temporary.appending(path: TraceDirectory.truthFileName))
            let scenario = generator.scenario
            let manifest = TraceManifest(
                scenario: scenario.name, scenarioHash: scenario.contentHash, seed: generator.seed, scale: generator.scale,
                harnessVersion: Traffic.harnessVersion, format: format.rawValue, requests: count,
                accounts: generator.accounts.count, campaigns: truth.campaigns.count, start: scenario.start,
                end: scenario.end, firstRequest: first, lastRequest: last)
            try manifest.encoded().write(to: temporary.appending(path: TraceDirectory.manifestFileName))
            return manifest
        }
    }
}
