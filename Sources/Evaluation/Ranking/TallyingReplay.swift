import GroundTruth
import Synchronization
import Traffic

/// A replay that tallies each account's traffic as its batches go by (the tally of the last
/// complete pass), so a ranking needs no pass of its own.
public struct TallyingReplay<Base: BatchReplay>: BatchReplay {
    public let base: Base
    private let state = Tally()

    public init(_ base: Base) {
        self.base = base
    }

    public var accounts: [Account] { base.accounts }
    public var truth: GroundTruth? { base.truth }

    /// The traffic of the last complete pass.
    public var traffic: AccountTraffic { state.value.withLock { $0 } }

    public func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        var traffic = AccountTraffic()
        try base.replay { batch, labels in
            traffic.add(batch)
            try body(batch, labels)
        }
        state.value.withLock { $0 = traffic }
    }

    private final class Tally: Sendable {
        let value = Mutex(AccountTraffic())
    }
}
