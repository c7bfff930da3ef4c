import Foundation

/// Checks a trace against DESIGN §2 beyond what parsing checks: unique ids, every account in
/// the account table, values in their ranges, prompts within 512 characters, and the
/// manifest's counts and time range.
public struct TraceValidator {
    /// What a valid trace holds.
    public struct Report: Sendable, Hashable {
        public var requests = 0
        public var accounts = 0
        public var activeAccounts = 0
        public var firstRequest: Int64 = 0
        public var lastRequest: Int64 = 0
        public var hasManifest = false
    }

    /// The endpoints DESIGN §2 allows.
    public static let endpoints: Set<String> = ["chat", "completions", "responses", "embeddings", "batch"]

    public let trace: TraceDirectory

    public init(trace: TraceDirectory) {
        self.trace = trace
    }

    /// Reads the whole trace once and checks it.
    ///
    /// - Throws: ``TraceError`` naming the file, line and field of the first problem.
    public func validate() throws -> Report {
        let manifest = try trace.manifest()
        let accounts = try trace.accounts()
        let file = trace.requestsURL.relativePath
        var accountIDs = Set<String>()
        for (index, account) in accounts.enumerated() where !accountIDs.insert(account.id).inserted {
            throw TraceError.invalidValue(
                file: trace.accountsURL.relativePath, line: index + (trace.format == .csv ? 2 : 1),
                field: "account", expected: "an account id unique in the table", found: account.id)
        }
        let (reader, accountNames) = try trace.requests(accounts: accounts)
        let headerLines = trace.format == .csv ? 1 : 0
        var report = Report()
        report.accounts = accounts.count
        report.hasManifest = manifest != nil
        var seenIDs = Set<UInt64>()
        var active = [Bool](repeating: false, count: accounts.count)
        var row = 0

        while let batch = try reader.next() {
            let symbols = batch.symbols
            var validEndpoints: [UInt32: Bool] = [:]
            for i in 0..<batch.count {
                let line = row + i + 1 + headerLines
                func fail(_ field: RequestField, _ expected: String, _ found: String) -> TraceError {
                    .invalidValue(file: file, line: line, field: field.name, expected: expected, found: found)
                }
                let account = Int(batch.accounts[i])
                if !accounts.isEmpty {
                    guard account < accounts.count else {
                        throw fail(.account, "an account of \(trace.accountsURL.lastPathComponent)", accountNames[batch.accounts[i]])
                    }
                    active[account] = true
                }
                let id = batch.ids.range(i)
                let idHash = batch.ids.bytes[id].withContiguousStorageIfAvailable(Self.fnv1a) ?? 0
                guard seenIDs.insert(idHash).inserted else { throw fail(.id, "a unique request id", batch.ids[i]) }
                if let manifest, !(manifest.start...manifest.end).contains(batch.timestamps[i]) {
                    throw fail(.ts, "a time within the manifest's range", "\(batch.timestamps[i])")
                }
                let endpoint = batch.endpoints[i]
                if validEndpoints[endpoint] == nil { validEndpoints[endpoint] = Self.endpoints.contains(symbols[endpoint]) }
                guard validEndpoints[endpoint] == true else {
                    throw fail(.endpoint, Self.endpoints.sorted().joined(separator: ", "), symbols[endpoint])
                }
                try check(batch.promptTokens[i] >= 0, fail(.promptTokens, "≥ 0", "\(batch.promptTokens[i])"))
                try check(batch.completionTokens[i] >= 0, fail(.completionTokens, "≥ 0", "\(batch.completionTokens[i])"))
                try check(batch.maxTokens[i] >= 0, fail(.maxTokens, "≥ 0", "\(batch.maxTokens[i])"))
                try check((0...2).contains(batch.temperatures[i]), fail(.temperature, "0 to 2", "\(batch.temperatures[i])"))
                try check((0...1).contains(batch.topPs[i]), fail(.topP, "0 to 1", "\(batch.topPs[i])"))
                try check(batch.completionCounts[i] >= 1, fail(.n, "≥ 1", "\(batch.completionCounts[i])"))
                try check((0...20).contains(batch.topLogprobs[i]), fail(.topLogprobs, "0 to 20", "\(batch.topLogprobs[i])"))
                try check(batch.logitBiasEntries[i] >= 0, fail(.logitBias, "≥ 0", "\(batch.logitBiasEntries[i])"))
                try check(batch.toolCounts[i] >= 0, fail(.tools, "≥ 0", "\(batch.toolCounts[i])"))
                try check((100...599).contains(batch.statuses[i]), fail(.status, "an HTTP status", "\(batch.statuses[i])"))
                try check(batch.latencies[i] >= 0, fail(.latencyMs, "≥ 0", "\(batch.latencies[i])"))
                let prompt = batch.prompts.range(i)
                if prompt.count > 512 {
                    let scalars = batch.prompts.bytes[prompt].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                    try check(scalars <= 512, fail(.prompt, "at most 512 characters", "\(scalars) characters"))
                }
            }
            if report.requests == 0 { report.firstRequest = batch.timestamps[0] }
            report.lastRequest = batch.timestamps[batch.count - 1]
            row += batch.count
            report.requests = row
        }
        report.activeAccounts = active.reduce(0) { $0 + ($1 ? 1 : 0) }
        if let manifest {
            let name = trace.manifestURL.relativePath
            guard manifest.requests == report.requests else {
                throw TraceError.invalidValue(
                    file: name, line: 1, field: "requests", expected: "\(report.requests) (the requests file's count)",
                    found: "\(manifest.requests)")
            }
            guard accounts.isEmpty || manifest.accounts == accounts.count else {
                throw TraceError.invalidValue(
                    file: name, line: 1, field: "accounts", expected: "\(accounts.count) (the account table's count)",
                    found: "\(manifest.accounts)")
            }
        }
        return report
    }

    private func check(_ condition: Bool, _ error: @autoclosure () -> TraceError) throws {
        if !condition { throw error() }
    }

    /// 64-bit FNV-1a: duplicate ids are found by hash (a false alarm needs a 64-bit collision).
    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
