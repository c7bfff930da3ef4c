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
func readRequests(
    _ url: URL, format: TraceFormat, name: String? = nil, options: RequestReadOptions = RequestReadOptions()
) throws -> (requests: [Request], skipped: SkippedLines) {
    let symbols = Interner()
    let accountNames = Interner()
    let handle = try FileHandle(forReadingFrom: url)
    let name = name ?? format.requestsFileName
    let reader: any RequestBatchReader =
        switch format {
        case .jsonl:
            JSONLRequestReader(
                fileHandle: handle, name: name, symbols: symbols, accountNames: accountNames, options: options)
        case .csv:
            CSVRequestReader(
                fileHandle: handle, name: name, symbols: symbols, accountNames: accountNames, options: options)
        }
    var requests: [Request] = []
    while let batch = try reader.next() {
        #expect(!batch.isEmpty)
        #expect(batch.count <= max(1, options.batchSize))
        requests += (0..<batch.count).map { batch[$0] }
    }
    return (requests, reader.skipped)
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
