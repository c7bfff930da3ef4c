import Foundation
import Traffic

/// `part.json`: what a trace partition is a part of, and what it holds. Written last by
/// `generate --shard`, so a directory without it is no partition (an interrupted run).
///
/// Partitions of one trace share every field but ``shard``, ``requests``, ``firstRequest`` and
/// ``lastRequest``; `merge-traces` refuses any other mix.
public struct TracePartManifest: Sendable, Hashable, Codable {
    /// The file name, `part.json`.
    public static let fileName = "part.json"

    /// Scenario name and SHA-256 of the scenario file's bytes, hex.
    public var scenario: String
    public var scenarioHash: String
    /// Master seed and scale factor of the run.
    public var seed: UInt64
    public var scale: Double
    /// DistillBench version that wrote it, and the trace layout version.
    public var harnessVersion: String
    public var schemaVersion: Int
    /// `jsonl` or `csv`.
    public var format: String
    /// Which share of the accounts (1-based) and how many shares there are.
    public var shard: Int
    public var shards: Int
    /// Requests in this partition.
    public var requests: Int
    /// Accounts and campaigns of the whole trace (every partition carries the full tables).
    public var accounts: Int
    public var campaigns: Int
    /// Scenario start and end, Unix epoch milliseconds.
    public var start: Int64
    public var end: Int64
    /// Time of this partition's first and last request (0 when it has none).
    public var firstRequest: Int64
    public var lastRequest: Int64

    enum CodingKeys: String, CodingKey {
        case scenario
        case scenarioHash = "scenario_hash"
        case seed, scale
        case harnessVersion = "harness_version"
        case schemaVersion = "schema_version"
        case format, shard, shards, requests, accounts, campaigns, start, end
        case firstRequest = "first_request"
        case lastRequest = "last_request"
    }

    /// The bytes of `part.json`: sorted keys, indented, trailing newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads the `part.json` of the partition directory `directory`.
    ///
    /// - Throws: ``TraceMergeError/notAPartition(_:reason:)`` when it is absent or malformed.
    public static func read(partition directory: URL) throws(TraceMergeError) -> TracePartManifest {
        let url = directory.appending(path: fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .notAPartition(directory.relativePath, reason: "no readable \(fileName) (an interrupted generate --shard leaves none)")
        }
        let manifest: TracePartManifest
        do {
            manifest = try JSONDecoder().decode(TracePartManifest.self, from: data)
        } catch {
            throw .notAPartition(directory.relativePath, reason: "\(fileName) is not a partition manifest")
        }
        guard ActorPartition(index: manifest.shard, count: manifest.shards) != nil, manifest.requests >= 0 else {
            throw .notAPartition(
                directory.relativePath, reason: "\(fileName): partition \(manifest.shard)/\(manifest.shards) of \(manifest.requests) requests is out of range")
        }
        return manifest
    }

    /// The trace's manifest once every partition is merged: `requests` in all, first and last
    /// request times of the merged trace.
    func traceManifest(requests: Int, firstRequest: Int64, lastRequest: Int64) -> TraceManifest {
        TraceManifest(
            scenario: scenario, scenarioHash: scenarioHash, seed: seed, scale: scale, harnessVersion: harnessVersion,
            schemaVersion: schemaVersion, format: format, requests: requests, accounts: accounts, campaigns: campaigns,
            start: start, end: end, firstRequest: firstRequest, lastRequest: lastRequest)
    }

    /// The fields every partition of one trace shares, named for messages, in the order they
    /// are compared.
    var sharedFields: [(name: String, value: String)] {
        [
            ("harness version", harnessVersion), ("trace schema", String(schemaVersion)),
            ("scenario", "\(scenario) (\(scenarioHash.prefix(12)))"), ("seed", String(seed)), ("scale", "\(scale)"),
            ("format", format), ("shard count", String(shards)), ("accounts", String(accounts)),
            ("campaigns", String(campaigns)), ("time span", "\(start)–\(end)"),
        ]
    }
}
