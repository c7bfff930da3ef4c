import Foundation
import Testing
import Traffic

@testable import Logs

/// A log whose columns are named and typed differently from DESIGN §2, as JSONL and as CSV.
struct MappedLogReaderTests {
    static let map = """
        zone: "+01:00"
        fields:
          id: {from: req}
          ts: {from: when, timestamp: iso8601}
          account: {from: [ctx.owner, login], prefix: "acct-"}
          key: ctx.key
          model: engine
          endpoint: {from: kind, values: {c: chat, e: embeddings}, otherwise: other}
          prompt_tokens: usage_in
          completion_tokens: usage_out
          temperature: temp
          stream: streamed
          logprobs: {from: lp, default: "false"}
          status: {from: outcome, values: {ok: 200, throttled: 429}}
          latency_ms: {from: seconds, scale: 1000}
          n: {constant: "2"}
        """

    /// The same four requests in both layouts: strings for numbers, 1/0 and true/false for
    /// booleans, ISO 8601 with and without zone, a nested object (JSON text in the CSV).
    static let jsonl = """
        {"req":"r1","when":"2026-03-02T08:00:00.250Z","ctx":{"owner":"ann","key":"k1"},"engine":"big","kind":"c","usage_in":"12","usage_out":30,"temp":"0.5","streamed":true,"outcome":"ok","seconds":"1.25","extra":[1,{"x":null}]}
        {"req":"r2","when":"2026-03-02 09:00:01","login":"bob","engine":"small","kind":"e","usage_in":7,"usage_out":"0","temp":0.7,"streamed":"0","outcome":"throttled","seconds":0.5,"lp":"1"}
        {"req":"r3","when":"2026-03-02T08:00:02+00:00","ctx":{"owner":null,"key":"k3"},"login":"cy","kind":"x","usage_in":1.0,"streamed":"TRUE","outcome":"ok"}

        {"req":"r4","when":"2026-03-02T08:00:02.000Z","ctx":"{\\"owner\\":\\"ann\\"}","outcome":"ok"}
        """

    static let csv = """
        req,when,ctx,login,engine,kind,usage_in,usage_out,temp,streamed,outcome,seconds,lp,unused
        r1,2026-03-02T08:00:00.250Z,"{""owner"":""ann"",""key"":""k1""}",,big,c,12,30,0.5,1,ok,1.25,,"a, b"
        r2,2026-03-02 09:00:01,,bob,small,e,7,0,0.7,false,throttled,0.5,true,
        r3,2026-03-02T08:00:02+00:00,"{""owner"":null,""key"":""k3""}",cy,,x,1.0,,,TRUE,ok,,,

        r4,2026-03-02T08:00:02.000Z,"{""owner"":""ann""}",,,,,,,,ok,,,
        """

    static let expected: [Request] = [
        Request(
            id: "r1", ts: 1_772_438_400_250, account: "acct-ann", key: "k1", model: "big", endpoint: "chat", promptTokens: 12,
            completionTokens: 30, temperature: 0.5, n: 2, stream: true, status: 200, latencyMs: 1250),
        Request(
            id: "r2", ts: 1_772_438_401_000, account: "acct-bob", model: "small", endpoint: "embeddings", promptTokens: 7,
            temperature: 0.7, n: 2, logprobs: true, status: 429, latencyMs: 500),
        Request(id: "r3", ts: 1_772_438_402_000, account: "acct-cy", key: "k3", endpoint: "other", promptTokens: 1, n: 2, stream: true),
        Request(id: "r4", ts: 1_772_438_402_000, account: "acct-ann", n: 2),
    ]

    @Test(arguments: ["log.jsonl", "log.csv"])
    func differentlyNamedAndTypedColumns(name: String) throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try LogFixtures.write(name.hasSuffix("csv") ? Self.csv : Self.jsonl, name, in: directory)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let (requests, malformed) = try LogFixtures.requests(url, map: map)
        #expect(malformed.total == 0)
        #expect(requests == Self.expected)
    }

    @Test func idDefaultsToTheLineNumberAndConstantsNameTheFile() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try LogFixtures.write("t,u\n5,a\n\n6,b\n", "svc.csv", in: directory)
        let map = try LogMapLoader.parse(
            "fields:\n  ts: {from: t, timestamp: epoch_s}\n  account: {from: u, prefix: \"{file}/\"}\n  model: {constant: \"m-{file}\"}",
            file: "m.yaml")
        let (requests, _) = try LogFixtures.requests(url, map: map)
        #expect(requests.map(\.id) == ["2", "4"])
        #expect(requests.map(\.account) == ["svc/a", "svc/b"])
        #expect(requests.map(\.model) == ["m-svc", "m-svc"])
        #expect(requests.map(\.ts) == [5000, 6000])
    }

    @Test func hashBucketsAreStableAndSpread() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try LogFixtures.write("t\n" + (1...400).map { "\($0)\n" }.joined(), "a.csv", in: directory)
        let map = try LogMapLoader.parse("fields:\n  ts: t\n  account: {hash_buckets: 8, prefix: \"b\"}", file: "m.yaml")
        let first = try LogFixtures.requests(url, map: map).requests.map(\.account)
        let second = try LogFixtures.requests(url, map: map, batchSize: 1000).requests.map(\.account)
        #expect(first == second)
        let counts = Dictionary(grouping: first, by: { $0 }).mapValues(\.count)
        #expect(counts.keys.sorted() == (0..<8).map { "b\($0)" })
        #expect(counts.values.allSatisfy { (25...75).contains($0) }, "\(counts)")
    }

    @Test func unknownExtensionNeedsAFormat() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try LogFixtures.write("t,u\n1,a\n", "log.txt", in: directory)
        let map = try LogMapLoader.parse(LogMapLoaderTests.minimal, file: "m.yaml")
        let message = LogFixtures.message { _ = try LogFixtures.requests(url, map: map) }
        #expect(message?.contains("give `format:` in the map") == true)
        var fixed = map
        fixed.format = .csv
        let message2 = LogFixtures.message { _ = try LogFixtures.requests(url, map: fixed) }
        #expect(message2?.contains("missing required column \"time\"") == true, "\(message2 ?? "")")
    }
}
