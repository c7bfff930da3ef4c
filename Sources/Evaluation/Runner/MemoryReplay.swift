import GroundTruth
import Traffic

/// Batches held in memory as a ``BatchReplay`` (benchmarks and tests).
public struct MemoryReplay: BatchReplay, Sendable {
    public let batches: [RequestBatch]
    public let accounts: [Account]
    public let truth: GroundTruth?
    public let labels: [[Int32]]?

    public init(batches: [RequestBatch], accounts: [Account], truth: GroundTruth? = nil, labels: [[Int32]]? = nil) {
        self.batches = batches
        self.accounts = accounts
        self.truth = truth
        self.labels = labels
    }

    public func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        for (index, batch) in batches.enumerated() { try body(batch, labels?[index]) }
    }
}
