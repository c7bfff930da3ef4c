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
            let writer = try format.requestWriter(url: temporary.appending(path: format.requestsFileName))
            let labels = part.campaignIDs.isEmpty
                ? nil : try RequestLabelWriter(url: temporary.appending(path: TraceDirectory.requestLabelsFileName))
            let order = try ByteSink(url: temporary.appending(path: RequestOrderFile.fileName))
            order.buffer.append(contentsOf: RequestOrderFile.magic)
            let campaignIDs = part.campaignIDs
            var count = 0
            var first: Int64 = 0
            var last: Int64 = 0
            try part.runPipelined(threads: threads, progress: progress) { labelled in
                let batch = labelled.requests
                if count == 0 { first = batch.timestamps[0] }
                last = batch.timestamps[batch.count - 1]
                count += batch.count
                try writer.write(batch)
                try labels?.write(batch, campaigns: labelled.campaigns, campaignIDs: campaignIDs)
                RequestOrderFile.append(labelled, to: &order.buffer)
                try order.flushIfFull()
            }
            try labels?.close()
            try writer.close()
            try order.close()
            try AccountCodec.write(part.accounts, to: temporary.appending(path: format.accountsFileName), format: format)
            let truth = part.truth
            try truth.encoded().write(to: temporary.appending(path: TraceDirectory.truthFileName))
            let scenario = part.scenario
            let manifest = TracePartManifest(
                scenario: scenario.name, scenarioHash: scenario.contentHash, seed: part.seed, scale: part.scale,
                harnessVersion: Traffic.harnessVersion, schemaVersion: TraceManifest.currentSchemaVersion,
                format: format.rawValue, shard: partition.index, shards: partition.count, requests: count,
                accounts: part.accounts.count, campaigns: truth.campaigns.count, start: scenario.start, end: scenario.end,
                firstRequest: first, lastRequest: last)
            // Last: its presence marks a complete partition.
            try manifest.encoded().write(to: temporary.appending(path: TracePartManifest.fileName))
            return manifest
        }
    }
}
