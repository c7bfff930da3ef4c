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
            let written = try writeContents(generator, into: temporary, format: format, threads: threads, progress: progress)
            let scenario = generator.scenario
            let manifest = TraceManifest(
                scenario: scenario.name, scenarioHash: scenario.contentHash, seed: generator.seed, scale: generator.scale,
                harnessVersion: Traffic.harnessVersion, format: format.rawValue, requests: written.requests,
                accounts: generator.accounts.count, campaigns: written.campaigns, start: scenario.start,
                end: scenario.end, firstRequest: written.first, lastRequest: written.last)
            try manifest.encoded().write(to: temporary.appending(path: TraceDirectory.manifestFileName))
            return manifest
        }
    }

    /// What ``writeContents(_:into:format:threads:progress:also:)`` wrote, for the manifest.
    struct Contents {
        var requests = 0
        var first: Int64 = 0
        var last: Int64 = 0
        var campaigns = 0
    }

    /// Writes `generator`'s requests, their labels, the account table and the truth into
    /// `directory`, generating on its own thread(s) while this one writes; `also` sees each
    /// batch after it is written (a partition's order keys).
    static func writeContents(
        _ generator: TrafficGenerator, into directory: URL, format: TraceFormat, threads: Int,
        progress: (@Sendable (Double) -> Void)?, also: (LabelledBatch) throws -> Void = { _ in }
    ) throws -> Contents {
        let writer = try format.requestWriter(url: directory.appending(path: format.requestsFileName))
        let campaignIDs = generator.campaignIDs
        let labels = campaignIDs.isEmpty ? nil : try RequestLabelWriter(url: directory.appending(path: TraceDirectory.requestLabelsFileName))
        var contents = Contents()
        try generator.runPipelined(threads: threads, progress: progress) { labelled in
            let batch = labelled.requests
            if contents.requests == 0 { contents.first = batch.timestamps[0] }
            contents.last = batch.timestamps[batch.count - 1]
            contents.requests += batch.count
            try writer.write(batch)
            try labels?.write(batch, campaigns: labelled.campaigns, campaignIDs: campaignIDs)
            try also(labelled)
        }
        try labels?.close()
        try writer.close()
        try AccountCodec.write(generator.accounts, to: directory.appending(path: format.accountsFileName), format: format)
        let truth = generator.truth
        try truth.encoded().write(to: directory.appending(path: TraceDirectory.truthFileName))
        contents.campaigns = truth.campaigns.count
        return contents
    }
}
