import Foundation
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

/// A trace directory as a ``BatchReplay``: requests re-read from disk on each pass, truth and
/// `request_labels.csv` read when present.
public struct TraceReplay: BatchReplay {
    public let trace: TraceDirectory
    public let accounts: [Account]
    public let truth: GroundTruth?
    /// Campaign index by request id, from `request_labels.csv` (empty when absent).
    private let labels: [String: Int32]

    /// Opens the trace at `url`.
    public init(url: URL) throws {
        trace = try TraceDirectory(url: url)
        accounts = try trace.accounts()
        if FileManager.default.fileExists(atPath: trace.truthURL.path) {
            let truth = try GroundTruth.decode(Data(contentsOf: trace.truthURL), file: trace.truthURL.relativePath)
            let campaignIndex = Dictionary(uniqueKeysWithValues: truth.campaigns.enumerated().map { ($1.id, Int32($0)) })
            labels = try Self.readLabels(trace.url.appending(path: TraceDirectory.requestLabelsFileName), campaigns: campaignIndex)
            self.truth = truth
        } else {
            truth = nil
            labels = [:]
        }
    }

    public func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        let (reader, _) = try trace.requests(accounts: accounts)
        while let batch = try reader.next() {
            guard !labels.isEmpty else {
                try body(batch, nil)
                continue
            }
            let campaigns = (0..<batch.count).map { labels[batch.ids[$0]] ?? -1 }
            try body(batch, campaigns)
        }
    }

    private static func readLabels(_ url: URL, campaigns: [String: Int32]) throws -> [String: Int32] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let text = try String(contentsOf: url, encoding: .utf8)
        var labels: [String: Int32] = [:]
        for (number, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 1)
            guard fields.count == 2, let campaign = campaigns[String(fields[1])] else {
                throw TraceError.syntax(
                    file: url.relativePath, line: number + 1, message: "expected id,campaign with a campaign of truth.json")
            }
            labels[String(fields[0])] = campaign
        }
        return labels
    }
}
