import Foundation
import GroundTruth
import Traffic

/// Writes one partition of a generated trace (`generate --shard I/N`), atomically: the
/// requests of the partition's accounts in trace order, in the trace's own format, their
/// `request_labels.csv` lines, the order keys `merge-traces` needs (``RequestOrderFile``), the
/// full account table and truth, and `part.json` last.
public enum TracePartExport {
    /// Generates the requests of `partition` of `generator`'s accounts into `directory`.
    ///
    /// - Returns: the partition manifest written.
    public static func write(
        _ generator: TrafficGenerator, partition: ActorPartition, to directory: URL, format: TraceFormat = .jsonl,
        threads: Int = 1, progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> TracePartManifest {
        let part = generator.partition(partition)
        return try AtomicDirectory.write(to: directory) { temporary in
            let order = try ByteSink(url: temporary.appending(path: RequestOrderFile.fileName))
            order.buffer.append(contentsOf: RequestOrderFile.magic)
            let written = try TraceExport.writeContents(part, into: temporary, format: format, threads: threads, progress: progress) { labelled in
                RequestOrderFile.append(labelled, to: &order.buffer)
                try order.flushIfFull()
            }
            try order.close()
            let scenario = part.scenario
            let manifest = TracePartManifest(
                scenario: scenario.name, scenarioHash: scenario.contentHash, seed: part.seed, scale: part.scale,
                harnessVersion: Traffic.harnessVersion, schemaVersion: TraceManifest.currentSchemaVersion,
                format: format.rawValue, shard: partition.index, shards: partition.count, requests: written.requests,
                accounts: part.accounts.count, campaigns: written.campaigns, start: scenario.start, end: scenario.end,
                firstRequest: written.first, lastRequest: written.last)
            // Last: its presence marks a complete partition.
            try manifest.encoded().write(to: temporary.appending(path: TracePartManifest.fileName))
            return manifest
        }
    }
}
