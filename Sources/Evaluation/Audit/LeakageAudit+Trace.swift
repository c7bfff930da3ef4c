import Foundation
import GroundTruth
import Traffic

extension LeakageAudit {
    /// Audits a trace directory: its account table, its requests (streamed, one pass) and its
    /// `truth.json`. Trace start and end are the manifest's when it has one.
    ///
    /// - Parameter options: how to read the requests file.
    /// - Throws: ``AuditError/missingTruth(file:)`` without `truth.json`,
    ///   ``AuditError/missingAccountTable(file:)`` without an account table, ``TraceError``
    ///   and ``GroundTruthError`` for unreadable files, and the other ``AuditError``s.
    public init(trace: TraceDirectory, options: RequestReadOptions = RequestReadOptions()) throws {
        guard FileManager.default.fileExists(atPath: trace.truthURL.path) else {
            throw AuditError.missingTruth(file: trace.truthURL.relativePath)
        }
        let accounts = try trace.accounts()
        guard !accounts.isEmpty else { throw AuditError.missingAccountTable(file: trace.accountsURL.relativePath) }
        let truth = try GroundTruth.decode(Data(contentsOf: trace.truthURL), file: trace.truthURL.relativePath)
        let manifest = try trace.manifest()
        var features = try AccountFeatures(accounts: accounts, traceStart: manifest?.start, traceEnd: manifest?.end)
        let (reader, _) = try trace.requests(accounts: accounts, options: options)
        while let batch = try reader.next() { try features.add(batch) }
        try self.init(features: features.table(), truth: truth)
    }
}
