import Foundation

/// The shared engine of the request readers: rows of some ``RecordFormat`` into batches.
struct RequestReaderCore<Format: RecordFormat> {
    private var records: RecordReader<Format>
    private var sink: RequestRowSink
    private let batchSize: Int

    init(
        handle: FileHandle, name: String, format: Format, symbols: Interner,
        accountNames: Interner, options: RequestReadOptions
    ) {
        let input = ChunkedInput(
            handle: handle, name: name, chunkSize: options.chunkSize, maxLineBytes: options.maxLineBytes)
        records = RecordReader(
            input: input, format: format, schema: options.schema,
            skipMalformed: options.skipMalformed)
        sink = RequestRowSink(symbols: symbols, accountNames: accountNames, checksOrder: options.checkOrder)
        batchSize = max(1, options.batchSize)
    }

    /// The malformed lines skipped so far.
    var skipped: SkippedLines { records.skipped }

    /// The next batch of up to `batchSize` requests, or `nil` at the end of the file.
    mutating func next() throws -> RequestBatch? {
        var batch = sink.makeBatch(capacity: batchSize)
        while batch.count < batchSize, try records.next() {
            try sink.append(records.row, to: &batch, file: records.fileName)
        }
        return batch.isEmpty ? nil : batch
    }
}
