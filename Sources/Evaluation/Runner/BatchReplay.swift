import Foundation
import Synchronization
import GroundTruth
import Traffic

/// Traffic that can be streamed more than once, identically: the evaluator's first pass runs
/// the detectors, the second measures what each account received before and after its flags.
public protocol BatchReplay {
    /// The account table, in account-code order.
    var accounts: [Account] { get }
    /// The truth, if known (a real log has none).
    var truth: GroundTruth? { get }
    /// Calls `body` with every batch in time order, and each request's campaign index in
    /// `truth.campaigns` order (-1 for genuine traffic), or nil when unknown.
    func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws
}

/// A trace directory as a ``BatchReplay``: requests re-read from disk on each pass and checked
/// as they stream by the same ``RequestChecker`` as `validate` (issue 8, item 5); truth and
/// `request_labels.csv` read when present.
///
/// A real log may have no account table: its accounts are then those the requests name, in
/// order of first appearance, each with ``Account/unknown(id:)``'s default record.
public struct TraceReplay: BatchReplay {
    public let trace: TraceDirectory
    public let accounts: [Account]
    public let truth: GroundTruth?
    /// Count and skip invalid requests instead of failing on the first.
    public let skipInvalid: Bool
    /// The request fields decoded (nil: all); the others keep their defaults.
    public let fields: Set<RequestField>?
    /// Threads parsing a JSON Lines requests file.
    public let threads: Int
    /// What the last pass skipped under `skipInvalid`.
    public let skipped = SkipTally()
    private let manifest: TraceManifest?
    /// Campaign index by request id, from `request_labels.csv` (empty when absent).
    private let labels: RequestLabels

    /// Opens the trace at `url`.
    ///
    /// - Throws: ``TraceError`` or ``GroundTruthError`` naming the file, line and field at fault.
    ///
    /// - Parameters:
    ///   - fields: the request fields to decode (nil: all), e.g.
    ///     ``DetectorEvaluation/fieldsRead(by:)``: values of the others are checked to be JSON
    ///     and skipped, so `validate`, not `evaluate`, is where every field is checked.
    ///   - threads: threads parsing a JSON Lines requests file (the batches do not depend on it).
    public init(url: URL, skipInvalid: Bool = false, fields: Set<RequestField>? = nil, threads: Int = 1) throws {
        trace = try TraceDirectory(url: url)
        self.skipInvalid = skipInvalid
        self.fields = fields
        self.threads = max(1, threads)
        manifest = try trace.manifest()
        if trace.hasAccountTable {
            accounts = try trace.checkedAccounts()
        } else {
            accounts = try Self.accountsNamed(in: trace, options: RequestReadOptions(
                skipMalformed: skipInvalid, fields: [.id, .ts, .account], threads: self.threads))
        }
        if FileManager.default.fileExists(atPath: trace.truthURL.path) {
            let truth = try GroundTruth.read(from: trace.truthURL)
            let campaignIndex = Dictionary(truth.campaigns.enumerated().map { ($1.id, Int32($0)) }) { first, _ in first }
            labels = try RequestLabels.read(
                from: trace.url.appending(path: TraceDirectory.requestLabelsFileName), campaigns: campaignIndex)
            self.truth = truth
        } else {
            truth = nil
            labels = RequestLabels()
        }
    }

    public func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        let (reader, _) = try trace.requests(
            accounts: accounts, options: RequestReadOptions(skipMalformed: skipInvalid, fields: fields, threads: threads))
        var checker = trace.checker(accounts: accounts, manifest: manifest)
        var labelled = 0
        while var batch = try reader.next() {
            // Each id hashed once, for the uniqueness check and the labels.
            var idHashes = RequestChecker.idHashes(of: batch)
            if let kept = try checker.check(batch, skipInvalid: skipInvalid, idHashes: idHashes) {
                guard !kept.isEmpty else { continue }
                var subset = RequestBatch(symbols: batch.symbols, accountNames: batch.accountNames)
                subset.reserveCapacity(kept.count)
                for index in kept { subset.append(batch[index]) }
                batch = subset
                idHashes = kept.map { idHashes[$0] }
            }
            guard !labels.isEmpty else {
                try body(batch, nil)
                continue
            }
            let campaigns = labels.campaigns(of: batch, idHashes: idHashes)
            labelled += campaigns.count { $0 >= 0 }
            try body(batch, campaigns)
        }
        let unreadable = reader.skipped.count
        skipped.record(invalid: checker.invalid + unreadable, first: reader.skipped.first ?? checker.firstInvalid)
        if unreadable == 0 || !skipInvalid {
            try checker.finish(manifest: manifest, manifestFile: trace.manifestURL.relativePath)
        }
        if labelled != labels.count, let missing = labels.firstMissing(where: { !checker.contains(id: $0) }) {
            throw TraceError.invalidValue(
                file: labels.file, line: missing.line, field: "id", expected: "the id of a request in the trace",
                found: Terminal.quoted(missing.id))
        }
    }

    /// The accounts a table-less log's requests name, in order of first appearance.
    private static func accountsNamed(in trace: TraceDirectory, options: RequestReadOptions) throws -> [Account] {
        let (reader, names) = try trace.requests(accounts: [], options: options)
        while try reader.next() != nil {}
        return names.strings(from: 0).map { Account.unknown(id: $0) }
    }
}

/// What a pass over a trace skipped under `--skip-invalid`.
public final class SkipTally: Sendable {
    private let state = Mutex<(count: Int, first: TraceError?)>((0, nil))

    public init() {}

    /// Requests skipped in the last pass.
    public var count: Int { state.withLock { $0.count } }
    /// The first of them.
    public var first: TraceError? { state.withLock { $0.first } }

    func record(invalid: Int, first: TraceError?) {
        state.withLock { $0 = (invalid, first) }
    }
}
