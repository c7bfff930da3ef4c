/// A source of request batches in trace order: a requests file in any format.
public protocol RequestBatchReader: AnyObject {
    /// The next batch, or `nil` after the last request. Batches are never empty.
    func next() throws -> RequestBatch?
    /// The malformed lines skipped so far (always empty unless `skipMalformed` is on).
    var skipped: SkippedLines { get }
}

/// A sink for request batches: a requests file in any format.
public protocol RequestBatchWriter: AnyObject {
    /// Appends the requests of `batch`, in order.
    func write(_ batch: RequestBatch) throws
    /// Flushes everything written and closes the file. Without it the tail may be lost.
    func close() throws
}
