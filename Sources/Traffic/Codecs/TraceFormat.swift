import Foundation

/// The two layouts of a trace's tables: JSON Lines or CSV (DESIGN §2, `manifest.json` `format`).
public enum TraceFormat: String, Sendable, Hashable, CaseIterable {
    case jsonl, csv

    /// `requests.jsonl` or `requests.csv`.
    public var requestsFileName: String { "requests.\(rawValue)" }

    /// `accounts.jsonl` or `accounts.csv`.
    public var accountsFileName: String { "accounts.\(rawValue)" }

    /// A reader of the requests file at `url` in this format.
    public func requestReader(
        url: URL, symbols: Interner, accountNames: Interner,
        options: RequestReadOptions = RequestReadOptions()
    ) throws -> any RequestBatchReader {
        switch self {
        case .jsonl where options.threads > 1:
            try ParallelJSONLRequestReader(
                url: url, symbols: symbols, accountNames: accountNames, options: options)
        case .jsonl:
            try JSONLRequestReader(
                url: url, symbols: symbols, accountNames: accountNames, options: options)
        case .csv:
            try CSVRequestReader(
                url: url, symbols: symbols, accountNames: accountNames, options: options)
        }
    }

    /// A reader of the requests in `fileHandle` (a pipe, say), named `name` in errors.
    public func requestReader(
        fileHandle: FileHandle, name: String, symbols: Interner = Interner(), accountNames: Interner = Interner(),
        options: RequestReadOptions = RequestReadOptions()
    ) -> any RequestBatchReader {
        switch self {
        case .jsonl:
            JSONLRequestReader(fileHandle: fileHandle, name: name, symbols: symbols, accountNames: accountNames, options: options)
        case .csv:
            CSVRequestReader(fileHandle: fileHandle, name: name, symbols: symbols, accountNames: accountNames, options: options)
        }
    }

    /// A writer creating (or truncating) the requests file at `url` in this format.
    public func requestWriter(url: URL) throws -> any RequestBatchWriter {
        switch self {
        case .jsonl: try JSONLRequestWriter(url: url)
        case .csv: try CSVRequestWriter(url: url)
        }
    }
}
