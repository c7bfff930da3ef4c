import Foundation

/// Writes request batches as `requests.csv`: a header row of the ``RequestField`` names, then
/// one RFC 4180 record per request (fields with commas, quotes or line breaks quoted, quotes
/// doubled), `\n` line ends. Doubles are written in their shortest round-trip form; NaN and
/// infinities as empty cells.
///
/// Output is built in memory and written in chunks of about 1 MiB; the encoded form of every
/// interned string is cached, so a symbol field costs one copy. Call ``close()`` at the end:
/// without it the last chunk is lost.
public final class CSVRequestWriter: RequestBatchWriter {
    private var output: BufferedOutput
    private var encoder = CSVRequestEncoder()
    /// Requests written so far.
    public private(set) var count = 0

    /// Creates (or truncates) the file at `url`.
    public convenience init(url: URL) throws {
        self.init(
            output: BufferedOutput(handle: try FileAccess.create(url), name: url.relativePath, closesHandle: true))
    }

    /// Writes to an open file (a pipe, standard output), called `name` in errors; close()
    /// flushes but leaves it open.
    public convenience init(fileHandle: FileHandle, name: String) {
        self.init(output: BufferedOutput(handle: fileHandle, name: name, closesHandle: false))
    }

    private init(output: BufferedOutput) {
        self.output = output
        self.output.buffer.append(contentsOf: CSVRequestEncoder.header)
    }

    /// Appends the requests of `batch`.
    public func write(_ batch: RequestBatch) throws {
        guard !output.isClosed else { throw TraceError.io(file: output.name, reason: "write after close") }
        try encoder.encode(batch, to: &output)
        count += batch.count
    }

    /// Flushes everything written and closes the file (if this writer opened it).
    public func close() throws {
        try output.close()
    }
}
