import Foundation

/// Reads `requests.jsonl` back into ``RequestBatch`` values, streaming: memory does not grow
/// with the file.
///
/// String fields are interned into the caller's tables, so batches of several files can share
/// codes. Missing optional fields get the defaults listed in ``RequestReadOptions``; a malformed
/// line throws a ``TraceError`` naming the file and line (or is counted in ``skipped`` under
/// `skipMalformed`); requests must be in trace order unless `checkOrder` is off.
public final class JSONLRequestReader: RequestBatchReader {
    private var core: RequestReaderCore<JSONLFormat>

    /// Opens the file at `url`; errors name it as `url.relativePath`.
    ///
    /// - Parameters:
    ///   - symbols: the table of key, ip, ua, tls, model, endpoint and system values.
    ///   - accountNames: the table of account ids.
    public convenience init(
        url: URL, symbols: Interner, accountNames: Interner,
        options: RequestReadOptions = RequestReadOptions()
    ) throws {
        self.init(
            fileHandle: try FileAccess.openForReading(url), name: url.relativePath,
            symbols: symbols, accountNames: accountNames, options: options)
    }

    /// Reads from an open file (a pipe, standard input), called `name` in errors.
    public init(
        fileHandle: FileHandle, name: String, symbols: Interner, accountNames: Interner,
        options: RequestReadOptions = RequestReadOptions()
    ) {
        core = RequestReaderCore(
            handle: fileHandle, name: name, format: JSONLFormat(), symbols: symbols,
            accountNames: accountNames, options: options)
    }

    /// The next batch of up to `batchSize` requests, or `nil` after the last one.
    public func next() throws -> RequestBatch? {
        try core.next()
    }

    /// The malformed lines skipped so far under `skipMalformed`.
    public var skipped: SkippedLines { core.skipped }
}
