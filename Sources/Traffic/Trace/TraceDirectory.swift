import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A trace on disk (DESIGN §2): `requests.{jsonl,csv}`, `accounts.{jsonl,csv}`,
/// `manifest.json`, and the truth files that only the evaluator opens.
///
/// Real logs need only a requests file; the account table and manifest are optional.
public struct TraceDirectory: Sendable {
    /// The directory.
    public let url: URL
    /// The layout of its tables, found from the requests file's name.
    public let format: TraceFormat

    /// File names of the truth, which detectors never receive.
    public static let truthFileName = "truth.json"
    public static let requestLabelsFileName = "request_labels.csv"
    public static let manifestFileName = "manifest.json"

    /// Opens the trace at `url`.
    ///
    /// - Throws: ``TraceError/io(file:reason:)`` if it is not a directory with a requests file.
    public init(url: URL) throws {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TraceError.io(file: url.relativePath, reason: "not a trace directory")
        }
        // A partition of `generate --shard` holds only some accounts' requests: never read as a trace.
        if !FileManager.default.fileExists(atPath: url.appending(path: Self.manifestFileName).path),
            FileManager.default.fileExists(atPath: url.appending(path: "part.json").path)
        {
            throw TraceError.io(
                file: url.relativePath, reason: "a partition of generate --shard, not a trace: merge all partitions with distillbench merge-traces")
        }
        guard
            let format = TraceFormat.allCases.first(where: {
                FileManager.default.fileExists(atPath: url.appending(path: $0.requestsFileName).path)
            })
        else {
            throw TraceError.io(file: url.relativePath, reason: "no requests.jsonl or requests.csv in the directory")
        }
        self.format = format
        // A FIFO or device would block or never end: only regular files are read.
        for name in [format.requestsFileName, format.accountsFileName, Self.manifestFileName, Self.truthFileName,
                     Self.requestLabelsFileName] {
            let path = url.appending(path: name).path(percentEncoded: false)
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw TraceError.io(file: url.appending(path: name).relativePath, reason: "not a regular file (a pipe, device or directory cannot be read as a trace file)")
            }
        }
    }

    public var requestsURL: URL { url.appending(path: format.requestsFileName) }
    public var accountsURL: URL { url.appending(path: format.accountsFileName) }
    public var manifestURL: URL { url.appending(path: Self.manifestFileName) }
    public var truthURL: URL { url.appending(path: Self.truthFileName) }

    /// The manifest, or nil for a trace without one (a real log).
    public func manifest() throws -> TraceManifest? {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
        return try TraceManifest.read(from: manifestURL)
    }

    /// The account table in file order, or empty for a trace without one.
    public func accounts(options: AccountReadOptions = AccountReadOptions()) throws -> [Account] {
        guard FileManager.default.fileExists(atPath: accountsURL.path) else { return [] }
        return try AccountCodec.read(from: accountsURL, format: format, options: options).accounts
    }

    /// A reader of the requests; account codes start with `accounts` in table order.
    public func requests(
        accounts: [Account], symbols: Interner = Interner(), options: RequestReadOptions = RequestReadOptions()
    ) throws -> (reader: any RequestBatchReader, accountNames: Interner) {
        let accountNames = Interner(accounts.map(\.id))
        let reader = try format.requestReader(
            url: requestsURL, symbols: symbols, accountNames: accountNames, options: options)
        return (reader, accountNames)
    }
}
