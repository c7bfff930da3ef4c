import Foundation
import Testing
import Traffic

/// Files in a fresh temporary directory, removed when the body returns.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appending(path: "traffic-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Requests whose strings exercise every escaping rule of both formats, in trace order.
let trickyRequests: [Request] = [
    Request(
        id: "r1", ts: -5, account: "acct \"quoted\"", key: "k\\1", ip: "10.0.0.0/24", asn: 64_512,
        ua: "ua,with,commas", tls: "", model: "model\nname", endpoint: "chat",
        prompt: "line1\nline2\r\n\ttab \"q\" \\ back, comma", system: "",
        promptTokens: 12, completionTokens: 34, maxTokens: 56, temperature: 0.7, topP: 0.95, n: 2,
        logprobs: true, topLogprobs: 5, logitBias: 3, tools: 4, stream: true, status: 429, latencyMs: 789),
    Request(
        id: "r2 😀", ts: -5, account: "acct \"quoted\"", key: "", ip: "", ua: "日本語",
        tls: "t13d1516h2_8daaf6152771", model: "gpt", endpoint: "responses",
        prompt: "日本語 emoji 🚀 CJK 中文 Ünïcödé", system: "sys-1", temperature: 0.30000000000000004,
        topP: 1e-7),
    Request(
        id: "", ts: 0, account: "", key: "\u{1}\u{1F}\u{7F}", ua: "\u{8}\u{C}", endpoint: "",
        prompt: "control \u{0} \u{1} \u{1B}[0m \u{7F} \u{85} \u{2028} end", system: "\"",
        temperature: .leastNonzeroMagnitude, topP: -0.0, status: -1),
    Request(
        id: "r4", ts: 1_700_000_000_123, account: "b", key: ",", ip: "\"\"", prompt: "\"", temperature: 123_456.789,
        topP: 1.797_693_134_862_315_7e308),
    Request(
        id: "r5", ts: Int64.max, account: "z", asn: UInt32.max, endpoint: "batch", prompt: " leading and trailing ",
        promptTokens: Int32.max, completionTokens: Int32.min, maxTokens: -1, temperature: 2, topP: 1e22,
        n: 0, topLogprobs: 20, logitBias: Int32.max, tools: 128, latencyMs: Int32.max),
]

/// A batch holding `requests`, over fresh tables.
func makeBatch(_ requests: [Request]) -> RequestBatch {
    var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
    for request in requests { batch.append(request) }
    return batch
}

/// Writes `requests` to `url` in `format`, in batches of `batchSize`.
func write(_ requests: [Request], to url: URL, format: TraceFormat, batchSize: Int = 1000) throws {
    let writer = try format.requestWriter(url: url)
    let symbols = Interner()
    let accountNames = Interner()
    var start = 0
    repeat {
        var batch = RequestBatch(symbols: symbols, accountNames: accountNames)
        for request in requests[start..<min(start + batchSize, requests.count)] { batch.append(request) }
        try writer.write(batch)
        start += batchSize
    } while start < requests.count
    try writer.close()
}

/// Every request of the file at `url`, read in `format` and named `name` in errors.
///
/// A JSON Lines file is also read by ``ParallelJSONLRequestReader`` on two threads in blocks of
/// 97 bytes (so blocks split the file everywhere), which must give the same batches, codes,
/// skipped lines and errors: every reader test is a test of both readers.
func readRequests(
    _ url: URL, format: TraceFormat, name: String? = nil, options: RequestReadOptions = RequestReadOptions()
) throws -> (requests: [Request], skipped: SkippedLines) {
    let name = name ?? format.requestsFileName
    func drain(_ makeReader: (Interner, Interner) throws -> any RequestBatchReader) -> Result<Drained, any Error> {
        Result {
            let symbols = Interner()
            let accountNames = Interner()
            let reader = try makeReader(symbols, accountNames)
            var drained = Drained()
            while let batch = try reader.next() {
                #expect(!batch.isEmpty)
                #expect(batch.count <= max(1, options.batchSize))
                drained.requests += (0..<batch.count).map { batch[$0] }
                drained.batchSizes.append(batch.count)
                drained.codes += batch.accounts + batch.keys + batch.models + batch.endpoints
            }
            drained.skipped = reader.skipped
            drained.tables = [Array(symbols.strings(from: 0)), Array(accountNames.strings(from: 0))]
            return drained
        }
    }
    let sequential = drain { symbols, accountNames in
        let handle = try FileHandle(forReadingFrom: url)
        return switch format {
        case .jsonl:
            JSONLRequestReader(fileHandle: handle, name: name, symbols: symbols, accountNames: accountNames, options: options)
        case .csv:
            CSVRequestReader(fileHandle: handle, name: name, symbols: symbols, accountNames: accountNames, options: options)
        }
    }
    if format == .jsonl {
        var parallelOptions = options
        parallelOptions.threads = 2
        // The file mapped (blocks numbered from 1, renumbered in order) and read into buffers (as a pipe is).
        for mapsFiles in [true, false] {
            let parallel = drain { symbols, accountNames in
                ParallelJSONLRequestReader(
                    fileHandle: try FileHandle(forReadingFrom: url), name: name, symbols: symbols, accountNames: accountNames,
                    options: parallelOptions, blockSize: 97, mapsFiles: mapsFiles)
            }
            switch (sequential, parallel) {
            case (.success(let one), .success(let other)):
                #expect(one == other, "the parallel reader read otherwise (mapped: \(mapsFiles))")
            case (.failure(let one), .failure(let other)):
                #expect("\(one)" == "\(other)", "the parallel reader failed otherwise (mapped: \(mapsFiles))")
            default:
                Issue.record("one reader failed, the other did not (mapped: \(mapsFiles)): \(sequential) vs \(parallel)")
            }
        }
    }
    let drained = try sequential.get()
    return (drained.requests, drained.skipped)
}

/// What a reader gave: requests, batch sizes, codes, skipped lines, string tables.
struct Drained: Equatable {
    var requests: [Request] = []
    var batchSizes: [Int] = []
    var codes: [UInt32] = []
    var skipped = SkippedLines()
    var tables: [[String]] = []
}

/// Reads `content` as a requests file of `format`.
func readRequests(
    content: some Sequence<UInt8>, format: TraceFormat, options: RequestReadOptions = RequestReadOptions()
) throws -> (requests: [Request], skipped: SkippedLines) {
    try withTemporaryDirectory { directory in
        let url = directory.appending(path: format.requestsFileName)
        try Data(content).write(to: url)
        return try readRequests(url, format: format, options: options)
    }
}

/// The `description` of the `TraceError` thrown by reading `content`, or `nil` if none.
func readError(
    _ content: some Sequence<UInt8>, format: TraceFormat, options: RequestReadOptions = RequestReadOptions()
) -> String? {
    do {
        _ = try readRequests(content: content, format: format, options: options)
        return nil
    } catch let error as TraceError {
        return error.description
    } catch {
        return "not a TraceError: \(error)"
    }
}

/// Bit-exact equality of two request lists (doubles compared by bit pattern, so -0.0 ≠ 0.0).
func expectIdentical(_ actual: [Request], _ expected: [Request], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual == expected, sourceLocation: sourceLocation)
    #expect(
        actual.map { [$0.temperature.bitPattern, $0.topP.bitPattern] }
            == expected.map { [$0.temperature.bitPattern, $0.topP.bitPattern] },
        sourceLocation: sourceLocation)
}
