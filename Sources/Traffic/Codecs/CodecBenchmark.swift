import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Throughput of the request codecs on realistic synthetic rows (not a test: timings are
/// reported, never asserted). Time is the CPU time of the calling thread, so the figures are
/// per core and hold on a busy machine; file-system work done by the kernel for the thread
/// counts, background write-back does not.
///
/// Rows carry a ~150-byte prompt (a tenth with non-ASCII text, some with quotes or line
/// breaks), 5,000 accounts, and the usual few distinct user agents, models and endpoints.
public enum CodecBenchmark {
    /// Requests per second of each codec, best of the runs.
    public struct Result: Sendable, CustomStringConvertible {
        /// Requests per run.
        public var rows: Int
        public var jsonlWrite: Double
        public var jsonlRead: Double
        public var csvWrite: Double
        public var csvRead: Double
        /// File size per request, bytes.
        public var jsonlBytesPerRequest: Double
        public var csvBytesPerRequest: Double

        public var description: String {
            func rate(_ value: Double) -> String { "\(Int(value / 1000)) k req/s" }
            return """
                \(rows) requests: JSONL write \(rate(jsonlWrite)), read \(rate(jsonlRead)) \
                (\(Int(jsonlBytesPerRequest)) B/req); CSV write \(rate(csvWrite)), \
                read \(rate(csvRead)) (\(Int(csvBytesPerRequest)) B/req)
                """
        }
    }

    /// Writes and reads `rows` requests in both formats, `runs` times each.
    ///
    /// - Parameter directory: where to put `requests.jsonl` and `requests.csv` (left there);
    ///   by default a fresh temporary directory, removed afterwards.
    public static func measure(rows: Int = 1_000_000, runs: Int = 3, directory: URL? = nil) throws -> Result {
        let temporary = FileManager.default.temporaryDirectory.appending(path: "codec-benchmark-\(UUID().uuidString)")
        let directory = directory ?? temporary
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let batches = sampleBatches(rows: rows)
        var result = Result(
            rows: rows, jsonlWrite: 0, jsonlRead: 0, csvWrite: 0, csvRead: 0, jsonlBytesPerRequest: 0,
            csvBytesPerRequest: 0)
        for format in TraceFormat.allCases {
            let url = directory.appending(path: format.requestsFileName)
            var bestWrite = 0.0
            var bestRead = 0.0
            for _ in 0..<max(1, runs) {
                let writeSeconds = try seconds {
                    let writer = try format.requestWriter(url: url)
                    for batch in batches { try writer.write(batch) }
                    try writer.close()
                }
                let readSeconds = try seconds {
                    let reader = try format.requestReader(url: url, symbols: Interner(), accountNames: Interner())
                    var count = 0
                    while let batch = try reader.next() { count += batch.count }
                    precondition(count == rows)
                }
                bestWrite = max(bestWrite, Double(rows) / writeSeconds)
                bestRead = max(bestRead, Double(rows) / readSeconds)
            }
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            switch format {
            case .jsonl:
                (result.jsonlWrite, result.jsonlRead) = (bestWrite, bestRead)
                result.jsonlBytesPerRequest = Double(size) / Double(max(rows, 1))
            case .csv:
                (result.csvWrite, result.csvRead) = (bestWrite, bestRead)
                result.csvBytesPerRequest = Double(size) / Double(max(rows, 1))
            }
        }
        return result
    }

    /// CPU seconds the calling thread spends in `body`.
    private static func seconds(_ body: () throws -> Void) throws -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        }
        let start = now()
        try body()
        return max(now() - start, 1e-9)
    }

    // MARK: - Sample rows

    /// `rows` realistic requests in time order, in batches of 8,192.
    static func sampleBatches(rows: Int) -> [RequestBatch] {
        let symbols = Interner()
        let accountNames = Interner()
        var state: UInt64 = 0x5EED
        func random(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let words = [
            "explain", "the", "difference", "between", "a", "transformer", "and", "recurrent", "network",
            "write", "python", "function", "that", "sorts", "list", "of", "numbers", "step", "by",
            "summarize", "following", "article", "in", "three", "bullet", "points", "translate", "into",
            "French", "\"quoted\"", "data,", "JSON", "schema", "for",
        ]
        let foreign = [
            "日本語の文章を要約してください", "Erklären Sie den Unterschied", "こんにちは世界 🌍",
        ]
        let agents = ["python-sdk/1.52.0", "node-sdk/4.67.1", "curl/8.5.0", "langchain/0.3.1", "go-http/1.1"]
        let models = ["gpt-large-2025", "gpt-mini-2025", "reasoner-1", "embed-3"]
        let endpoints = ["chat", "chat", "chat", "completions", "responses", "embeddings", "batch"]
        var batches: [RequestBatch] = []
        var timestamp: Int64 = 1_735_689_600_000
        var batch = RequestBatch(symbols: symbols, accountNames: accountNames)
        for row in 0..<rows {
            if batch.count == 8192 {
                batches.append(batch)
                batch = RequestBatch(symbols: symbols, accountNames: accountNames)
            }
            timestamp += Int64(1 + random(40))
            let account = random(5000)
            var prompt = row % 10 == 0 ? foreign[random(foreign.count)] : ""
            while prompt.utf8.count < 140 { prompt += (prompt.isEmpty ? "" : " ") + words[random(words.count)] }
            if row % 50 == 0 { prompt += "\nthanks" }
            batch.append(
                Request(
                    id: "req_\(String(row, radix: 16))", ts: timestamp, account: "acct-\(account)",
                    key: "key-\(account)-\(account % 3)", ip: "198.\(account % 256).\(account / 256).0/24",
                    asn: UInt32(64_500 + account % 300), ua: agents[account % agents.count],
                    tls: "t13d1516h2_8daaf6152771_\(account % 7)", model: models[random(models.count)],
                    endpoint: endpoints[random(endpoints.count)], prompt: prompt,
                    system: account % 4 == 0 ? "" : "sys-\(String(account % 40, radix: 16))",
                    promptTokens: Int32(random(4000)), completionTokens: Int32(random(1000)),
                    maxTokens: [0, 256, 1024, 4096][account % 4], temperature: [0.7, 1.0, 0.2, 0][account % 4],
                    topP: account % 5 == 0 ? 0.95 : 1, n: 1, logprobs: account % 9 == 0,
                    topLogprobs: account % 9 == 0 ? 5 : 0, logitBias: 0, tools: Int32(account % 3),
                    stream: account % 2 == 0, status: row % 97 == 0 ? 429 : 200,
                    latencyMs: Int32(200 + random(5000))))
        }
        if !batch.isEmpty { batches.append(batch) }
        return batches
    }
}
