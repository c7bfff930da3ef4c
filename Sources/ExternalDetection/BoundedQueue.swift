import Dispatch
import Synchronization

/// The encoded batches on their way to an external program's standard input: at most
/// `maxItems` batches and `maxBytes` bytes wait (one batch is always admitted into an empty
/// queue, however large), so a program that reads slowly makes the sender wait — backpressure —
/// instead of growing memory. One producer (the detector's `observe`), one consumer (the writer
/// thread).
final class BoundedQueue: Sendable {
    /// What became of a batch offered with ``push(_:until:)``.
    enum PushResult: Equatable {
        case accepted
        /// The queue was closed or failed: the batch is dropped.
        case closed
        /// No room came before the deadline.
        case timedOut
    }

    private struct State {
        var items: [[UInt8]] = []
        var head = 0
        var bytes = 0
        var closed = false
        /// The largest number of bytes waiting at once.
        var peakBytes = 0
    }

    let maxItems: Int
    let maxBytes: Int
    private let state = Mutex(State())
    /// Signalled after each push and on close (the consumer waits on it).
    private let itemsReady = DispatchSemaphore(value: 0)
    /// Signalled after each pop and on close (the producer waits on it when full).
    private let roomReady = DispatchSemaphore(value: 0)

    init(maxItems: Int, maxBytes: Int) {
        self.maxItems = max(1, maxItems)
        self.maxBytes = max(1, maxBytes)
    }

    /// Adds `item`, waiting for room until `deadline`.
    func push(_ item: [UInt8], until deadline: DispatchTime) -> PushResult {
        while true {
            let result: PushResult? = state.withLock { state in
                if state.closed { return .closed }
                let waiting = state.items.count - state.head
                guard waiting == 0 || (waiting < maxItems && state.bytes + item.count <= maxBytes) else { return nil }
                state.items.append(item)
                state.bytes += item.count
                state.peakBytes = max(state.peakBytes, state.bytes)
                return .accepted
            }
            if let result {
                if result == .accepted { itemsReady.signal() }
                return result
            }
            if roomReady.wait(timeout: deadline) == .timedOut { return .timedOut }
        }
    }

    /// The next item, waiting for one; nil once the queue is closed and empty (or failed).
    func pop() -> [UInt8]? {
        while true {
            let (item, finished): ([UInt8]?, Bool) = state.withLock { state in
                guard state.head < state.items.count else { return (nil, state.closed) }
                let item = state.items[state.head]
                state.items[state.head] = []
                state.head += 1
                state.bytes -= item.count
                if state.head == state.items.count {
                    state.items.removeAll(keepingCapacity: true)
                    state.head = 0
                }
                return (item, false)
            }
            if let item {
                roomReady.signal()
                return item
            }
            if finished { return nil }
            itemsReady.wait()
        }
    }

    /// No more items: the consumer drains what waits, then gets nil.
    func close() {
        state.withLock { $0.closed = true }
        itemsReady.signal()
        roomReady.signal()
    }

    /// Stops at once: drops what waits; pushes are refused and the consumer gets nil.
    func fail() {
        state.withLock { state in
            state.closed = true
            state.items.removeAll()
            state.head = 0
            state.bytes = 0
        }
        itemsReady.signal()
        roomReady.signal()
    }

    /// The most bytes that waited at once.
    var peakBytes: Int { state.withLock { $0.peakBytes } }
}
