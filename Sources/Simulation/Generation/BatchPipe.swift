import Foundation
import Synchronization
import Traffic

/// A bounded hand-over of batches from a producing thread to a consuming one, so that
/// generating the next batches overlaps with writing the current one.
final class BatchPipe<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Element] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    /// A pipe holding at most `capacity` batches in flight.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Hands over `batch`, waiting while the pipe is full.
    ///
    /// - Throws: `CancellationError` once the consumer has given up.
    func put(_ batch: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity, !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        queue.append(batch)
        condition.broadcast()
    }

    /// The next batch, or nil once the producer has finished and the pipe is empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        condition.broadcast()
        return queue.removeFirst()
    }

    /// The producer has no more batches.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops taking: the producer's next `put` throws.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

extension TrafficGenerator {
    /// Generates on a background thread while `consume` handles the batches on the calling
    /// thread, in the same order as ``runLabelled(threads:batchSize:progress:consume:)``.
    ///
    /// - Returns: the number of requests generated.
    /// - Throws: what `consume` throws (generation then stops), or what generation throws.
    @discardableResult
    public func runPipelined(
        threads: Int = 1, progress: (@Sendable (Double) -> Void)? = nil, consume: (LabelledBatch) throws -> Void
    ) throws -> Int {
        let pipe = BatchPipe<LabelledBatch>(capacity: 4)
        let done = DispatchSemaphore(value: 0)
        let generator = self
        // The producer's own failure, read after `done` (the semaphore orders the accesses).
        let failure = Mutex<(any Error)?>(nil)
        let producer = Thread {
            do {
                try generator.runLabelled(threads: threads, progress: progress) { try pipe.put($0) }
            } catch is CancellationError {
                // The consumer gave up first: its error is the one reported.
            } catch {
                failure.withLock { $0 = error }
            }
            pipe.finish()
            done.signal()
        }
        producer.start()
        var count = 0
        do {
            while let batch = pipe.take() {
                try consume(batch)
                count += batch.requests.count
            }
        } catch {
            pipe.cancel()
            done.wait()
            throw error
        }
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return count
    }
}
