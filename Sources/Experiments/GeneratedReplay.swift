import Evaluation
import GroundTruth
import Simulation
import Traffic

/// A scenario seed as a ``BatchReplay``: each pass regenerates the traffic in memory, which is
/// byte-identical every time (and cheaper than holding it).
public struct GeneratedReplay: BatchReplay {
    public let generator: TrafficGenerator
    public let threads: Int
    public let truth: GroundTruth?
    /// Scenario-order campaign index → index in `truth.campaigns` (sorted by id).
    private let campaignIndex: [Int32]

    public init(generator: TrafficGenerator, threads: Int) {
        self.generator = generator
        self.threads = threads
        let truth = generator.truth
        self.truth = truth
        let position = Dictionary(uniqueKeysWithValues: truth.campaigns.enumerated().map { ($1.id, Int32($0)) })
        campaignIndex = generator.campaignIDs.map { position[$0] ?? -1 }
    }

    public var accounts: [Account] { generator.accounts }

    public func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        let index = campaignIndex
        try generator.runLabelled(threads: threads) { batch in
            try body(batch.requests, batch.campaigns.map { $0 < 0 ? -1 : index[Int($0)] })
        }
    }
}
