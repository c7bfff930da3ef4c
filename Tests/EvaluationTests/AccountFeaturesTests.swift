import Evaluation
@testable import Features
import Foundation
import Testing
import Traffic

/// Per-account features on a hand-built trace, value by value.
struct AccountFeaturesTests {
    /// Midnight UTC of day 20 000 after the epoch.
    static let t0: Int64 = 20_000 * 86_400_000

    static let accounts = [
        Account(id: "a1", org: "o1", created: 0, tier: .tier1, payment: "pay1", emailDomain: "x.com", country: "US", signupIP: "s1"),
        Account(id: "a2", org: "o1", created: 1000, tier: .free, payment: "pay1", emailDomain: "y.com", country: "DE", signupIP: "s1"),
        Account(id: "a3", org: "o2", created: 0, tier: .enterprise, payment: "", emailDomain: "x.com", country: "US", signupIP: "s2"),
    ]

    /// a1 sends four requests over two days; a2 one; a3 none.
    static let requests = [
        Request(
            id: "r1", ts: t0, account: "a1", key: "k1", ip: "n1", asn: 100, ua: "sdk/1", tls: "t1", model: "m1",
            endpoint: "chat", prompt: "hello", promptTokens: 10, completionTokens: 20, maxTokens: 1, temperature: 0,
            logprobs: true, topLogprobs: 20, latencyMs: 100),
        Request(
            id: "r2", ts: t0 + 1, account: "a1", key: "k1", ip: "n1", asn: 100, ua: "sdk/2", tls: "t1", model: "m1",
            prompt: "hello", promptTokens: 30, completionTokens: 40, temperature: 1, topP: 0.9, n: 2, topLogprobs: 5,
            logitBias: 3, tools: 2, stream: true, status: 429, latencyMs: 300),
        Request(
            id: "r5", ts: t0 + 10, account: "a2", key: "k9", ip: "n3", asn: 300, ua: "evil", model: "m1",
            prompt: "abc", promptTokens: 5, completionTokens: 5, status: 404),
        Request(
            id: "r3", ts: t0 + 3_600_001, account: "a1", key: "k2", ip: "n2", asn: 200, ua: "sdk/2", model: "m2",
            endpoint: "completions", prompt: "héllo", system: "sys1", promptTokens: 20, completionTokens: 60,
            maxTokens: 1, temperature: 0, status: 503, latencyMs: 200),
        Request(
            id: "r4", ts: t0 + 86_400_001, account: "a1", key: "k2", ip: "n1", asn: 100, ua: "sdk/1", model: "m1",
            prompt: "hello", latencyMs: 400),
    ]

    static func batches(size: Int) -> [RequestBatch] {
        let symbols = Interner()
        let names = Interner(accounts.map(\.id))
        return stride(from: 0, to: requests.count, by: size).map { start in
            var batch = RequestBatch(symbols: symbols, accountNames: names)
            for request in requests[start..<min(start + size, requests.count)] { batch.append(request) }
            return batch
        }
    }

    static func table() throws -> FeatureTable {
        try AccountFeatures.compute(accounts: accounts, batches: batches(size: 2))
    }

    @Test func accountTableFeatures() throws {
        let table = try Self.table()
        #expect(table.accounts == ["a1", "a2", "a3"])
        #expect(table.category("tier", of: "a3") == "enterprise")
        #expect(table.category("country", of: "a2") == "DE")
        #expect(table.category("email_domain", of: "a3") == "x.com")
        #expect(table.category("org", of: "a2") == "o1")
        #expect(table.category("payment", of: "a3") == "")
        #expect(table.category("signup_ip", of: "a1") == "s1")
        #expect(table.numeric("created") == [0, 1000, 0])
        #expect(table.numeric("org.size") == [2, 2, 1])
        #expect(table.numeric("payment.sharing") == [2, 2, 1])  // an empty payment shares with no one
        #expect(table.numeric("signup_ip.sharing") == [2, 2, 1])
    }

    @Test func modalAndDistinctValues() throws {
        let table = try Self.table()
        // sdk/1 and sdk/2 twice each: the first interned (smallest code) wins.
        #expect(table.category("ua", of: "a1") == "sdk/1")
        // t1 twice and "" twice: t1 was interned first.
        #expect(table.category("tls", of: "a1") == "t1")
        #expect(table.category("ip", of: "a1") == "n1")
        #expect(table.category("asn", of: "a1") == "100")
        #expect(table.category("model", of: "a1") == "m1")
        #expect(table.category("endpoint", of: "a1") == "chat")
        #expect(table.category("system", of: "a1") == "")
        #expect(table.category("ua", of: "a2") == "evil")
        #expect(table.category("asn", of: "a2") == "300")
        for field in ["ip", "asn", "ua", "tls", "model", "endpoint", "system"] {
            #expect(table.category(field, of: "a3") == AccountFeatures.noRequests)
            #expect(table.numeric(field + ".distinct") == [2, 1, 0], "\(field)")
        }
        #expect(table.numeric("key.distinct") == [2, 1, 0])
    }

    @Test func volumeAndTime() throws {
        let table = try Self.table()
        let end = Self.t0 + 86_400_001
        #expect(table.numeric("requests") == [4, 1, 0])
        #expect(table.numeric("active_days") == [2, 1, 0])
        #expect(table.numeric("active_hours") == [3, 1, 0])
        #expect(table.numeric("requests_per_active_day") == [2, 1, 0])
        let offsets: [Double] = [0, 10 / 3_600_000.0, Double(end - Self.t0) / 3_600_000]
        #expect(table.numeric("first_request.offset_hours") == offsets)
        let spans: [Double] = [86_400_001 / 3_600_000.0, 0, 0]
        #expect(table.numeric("active_span_hours") == spans)
        let ages: [Double] = [20_000, Double(Self.t0 + 10 - 1000) / 86_400_000, Double(end) / 86_400_000]
        #expect(table.numeric("account_age_days") == ages)
        // Gaps 1, 3 600 000 and 82 800 000 ms.
        let gaps = [1.0, 3_600_000, 82_800_000]
        let mean = gaps.reduce(0, +) / 3
        let deviation = (gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        let cv = try #require(table.value("interarrival.cv", of: "a1"))
        #expect(isClose(cv, deviation / mean, tolerance: 1e-12))
        #expect(table.numeric("interarrival.cv")?.dropFirst() == [0, 0])
        #expect(table.numeric("interarrival.burst_share") == [1.0 / 3, 0, 0])
        // Hours of day 0, 0, 1, 0.
        let entropy = -(0.75 * log2(0.75) + 0.25 * log2(0.25))
        #expect(isClose(table.value("hour_of_day.entropy", of: "a1"), entropy, tolerance: 1e-15))
        #expect(table.numeric("hour_of_day.entropy")?.dropFirst() == [0, 0])
    }

    @Test func tokensParametersAndOutcomes() throws {
        let table = try Self.table()
        let expected: [String: [Double]] = [
            "prompt_tokens.mean": [15, 5, 0], "prompt_tokens.sum": [60, 5, 0],
            "completion_tokens.mean": [30, 5, 0], "completion_tokens.sum": [120, 5, 0],
            "max_tokens.mean": [0.5, 0, 0], "max_tokens.one_share": [0.5, 0, 0],
            "temperature.mean": [0.5, 1, 0], "temperature.zero_share": [0.5, 0, 0],
            "top_p.not_one_share": [0.25, 0, 0], "n.mean": [1.25, 1, 0], "n.multiple_share": [0.25, 0, 0],
            "logprobs.share": [0.25, 0, 0], "top_logprobs.mean": [6.25, 0, 0], "top_logprobs.max_share": [0.25, 0, 0],
            "logit_bias.share": [0.25, 0, 0], "tools.mean": [0.5, 0, 0], "stream.share": [0.25, 0, 0],
            "status.429_share": [0.25, 0, 0], "status.4xx_share": [0.25, 1, 0], "status.5xx_share": [0.25, 0, 0],
            "latency_ms.mean": [250, 0, 0],
            "prompt.chars_mean": [5, 3, 0], "prompt.duplicate_share": [0.5, 0, 0], "prompt.distinct": [2, 1, 0],
        ]
        for (name, values) in expected {
            #expect(table.numeric(name) == values, "\(name)")
        }
    }

    @Test func everyFeatureIsNamedAndFinite() throws {
        let table = try Self.table()
        #expect(table.features.map(\.name) == AccountFeatures.featureNames)
        #expect(Set(AccountFeatures.featureNames).count == AccountFeatures.featureNames.count)
        #expect(AccountFeatures.featureNames.count >= 55)
        for name in LeakageAudit.rawFields {
            #expect(table[name]?.kind == (name == "created" ? .numeric : .categorical), "\(name)")
        }
        for feature in table.features {
            if case .numeric(let values) = feature.values {
                let finite = values.allSatisfy { $0.isFinite }
                #expect(finite, "\(feature.name)")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func batchBoundariesDoNotMatter(size: Int) throws {
        let table = try AccountFeatures.compute(accounts: Self.accounts, batches: Self.batches(size: size))
        #expect(table == (try Self.table()))
    }

    @Test func traceBoundsFromTheManifest() throws {
        let start = Self.t0 - 3_600_000
        let end = Self.t0 + 2 * 86_400_000
        let table = try AccountFeatures.compute(
            accounts: Self.accounts, batches: Self.batches(size: 5), traceStart: start, traceEnd: end)
        let offsets: [Double] = [1, 1 + 10 / 3_600_000.0, 49]
        #expect(table.numeric("first_request.offset_hours") == offsets)
    }

    // MARK: - Bounded memory

    @Test func distinctValuesSaturateAt64() throws {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for i in 0..<100 {
            batch.append(Request(id: "r\(i)", ts: Int64(i), account: "a", ip: "n\(i % 70)", asn: UInt32(i % 3)))
        }
        let table = try AccountFeatures.compute(accounts: [Self.account("a")], batches: [batch])
        #expect(table.numeric("ip.distinct") == [64])
        #expect(table.numeric("asn.distinct") == [3])
        // n0 … n29 appear twice among the first 64 values counted: n0 is the mode.
        #expect(table.category("ip", of: "a") == "n0")
    }

    /// Beyond 256 distinct prompts the duplicate share and distinct count are estimated from a
    /// consistent hash sample: 2 000 distinct prompts, each sent 5 times.
    @Test func promptStatisticsBeyondTheExactRange() throws {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for i in 0..<10_000 {
            batch.append(Request(id: "r\(i)", ts: Int64(i), account: "a", prompt: "prompt number \(i % 2000)"))
        }
        let table = try AccountFeatures.compute(accounts: [Self.account("a")], batches: [batch])
        let share = try #require(table.value("prompt.duplicate_share", of: "a"))
        let distinct = try #require(table.value("prompt.distinct", of: "a"))
        #expect(abs(share - 0.8) < 1e-12)  // every sampled prompt is seen exactly 5 times
        #expect(abs(distinct - 2000) / 2000 < 0.25, "estimated \(distinct)")
    }

    /// Prompt length in Unicode scalars, counted a word at a time: multi-byte scripts, words
    /// split across 8-byte boundaries, and prompts longer than 255 words (2 040 bytes).
    @Test func promptLengthInScalars() throws {
        let prompts = [
            "", "a", "héllo", "日本語", "🚀x", "abcdefgh", "abcdefghé", String(repeating: "日本語", count: 250),
            String(repeating: "é🚀a", count: 300),
        ]
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for (i, prompt) in prompts.enumerated() {
            batch.append(Request(id: "r\(i)", ts: Int64(i), account: "a\(i)", prompt: prompt))
        }
        let accounts = prompts.indices.map { Self.account("a\($0)") }
        let table = try AccountFeatures.compute(accounts: accounts, batches: [batch])
        #expect(table.numeric("prompt.chars_mean") == prompts.map { Double($0.unicodeScalars.count) })
    }

    // MARK: - Errors

    @Test func requestOfAnUnknownAccountIsAnError() throws {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        batch.append(Request(id: "r", ts: 0, account: "stranger"))
        #expect(throws: AccountFeatureError.unknownAccount("stranger")) {
            try AccountFeatures.compute(accounts: Self.accounts, batches: [batch])
        }
    }

    @Test func batchesMustShareTheirTables() throws {
        var features = try AccountFeatures(accounts: Self.accounts)
        var first = RequestBatch(symbols: Interner(), accountNames: Interner())
        first.append(Self.requests[0])
        var second = RequestBatch(symbols: Interner(), accountNames: Interner())
        second.append(Self.requests[1])
        try features.add(first)
        #expect(throws: AccountFeatureError.mixedTables) { try features.add(second) }
    }

    @Test func duplicateAccountsAreAnError() {
        #expect(throws: AccountFeatureError.duplicateAccount("a1")) {
            try AccountFeatures(accounts: Self.accounts + [Self.accounts[0]])
        }
    }

    static func account(_ id: String) -> Account {
        Account(id: id, org: "", created: 0, tier: .free, payment: "", emailDomain: "", country: "", signupIP: "")
    }
}
