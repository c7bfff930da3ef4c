import Foundation
import Testing
import Traffic

/// The JSON Lines parser's fast paths (issue 10): strings scanned 16 bytes at a time, the usual
/// `"key":value,` read without looking for whitespace, skipped strings checked but not kept.
/// Each must read what the slow path reads, and fail where and as it fails.
struct StringScanTests {
    /// What a line needs besides the field under test.
    private static let rest = #""ts":1,"account":"a","completion_tokens":2"#

    /// Strings with a quote, backslash, escape or multi-byte character at every offset of the
    /// first 16-byte blocks, read as JSON says, whether their field is read or skipped.
    @Test(arguments: [#"\""#, #"\\"#, #"\n"#, #"\u00e9"#, #"\ud83d\ude80"#, "é", "日", "🚀", "\u{7F}"])
    func specialBytesAtEveryOffsetAreRead(special: String) throws {
        try withTemporaryDirectory { directory in
            var lines: [String] = []
            var expected: [String] = []
            for offset in 0..<40 {
                let literal = String(repeating: "x", count: offset) + special + String(repeating: "y", count: 40 - offset)
                let decoded = try JSONSerialization.jsonObject(with: Data("\"\(literal)\"".utf8), options: .fragmentsAllowed)
                expected.append(try #require(decoded as? String))
                lines.append(#"{"id":"\#(literal)","prompt":"\#(literal)",\#(Self.rest)}"#)
            }
            let url = directory.appending(path: "requests.jsonl")
            // Same timestamps: ordered by account, then id (their bytes).
            let order = expected.indices.sorted { Array(expected[$0].utf8).lexicographicallyPrecedes(Array(expected[$1].utf8)) }
            try (order.map { lines[$0] }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            let all = try readRequests(url, format: .jsonl).requests
            #expect(all.map(\.id) == order.map { expected[$0] })
            #expect(all.map(\.prompt) == order.map { expected[$0] })
            // The prompt skipped: checked, not kept.
            let some = try readRequests(url, format: .jsonl, options: RequestReadOptions(fields: [.id, .ts, .account])).requests
            #expect(some.map(\.id) == order.map { expected[$0] })
            #expect(some.allSatisfy { $0.prompt.isEmpty })
        }
    }

    /// A raw control byte or a byte that is not UTF-8 at any offset of a string fails on its line,
    /// at its column, whether the field is read or skipped.
    @Test(arguments: [UInt8(0x01), 0x1F, 0xFF, 0xC3])
    func badBytesAtEveryOffsetFailWhereTheyAre(bad: UInt8) throws {
        try withTemporaryDirectory { directory in
            for offset in [0, 1, 7, 8, 15, 16, 17, 31, 32, 33] {
                for skipped in [false, true] {
                    let head = Array(#"{"id":"r","ts":1,"account":"a","prompt":""#.utf8)
                    var line = head + Array(repeating: UInt8(ascii: "x"), count: offset) + [bad]
                    line += Array(repeating: UInt8(ascii: "y"), count: 20) + Array(#"","completion_tokens":2}"#.utf8)
                    let url = directory.appending(path: "requests.jsonl")
                    try Data(Array(#"{"id":"q","ts":1,"account":"a"}"#.utf8) + [0x0A] + line + [0x0A]).write(to: url)
                    let options = RequestReadOptions(fields: skipped ? [.id, .ts, .account] : nil)
                    #expect {
                        _ = try readRequests(url, format: .jsonl, options: options)
                    } throws: { error in
                        guard let error = error as? TraceError, error.line == 2 else { return false }
                        if bad < 0x20 {
                            return "\(error)".contains("control character") && "\(error)".contains("column \(head.count + offset + 1)")
                        }
                        if case .invalidUTF8 = error { return true }
                        return false
                    }
                }
            }
        }
    }

    /// Whitespace anywhere JSON allows it reads as the compact line does, field read or skipped.
    @Test func whitespaceReadsAsCompactLines() throws {
        try withTemporaryDirectory { directory in
            let compact = #"{"id":"r1","ts":5,"account":"a","prompt":"p \" q","model":"m","n":2,"stream":true}"#
            let spaced = "{ \"id\" :\"r1\", \"ts\":\t5 ,\"account\"\r\t: \"a\",\"prompt\": \"p \\\" q\" ,\"model\" : \"m\",\"n\": 2,\"stream\" :true }"
            for fields: Set<RequestField>? in [nil, [.id, .ts, .account]] {
                var read: [[Request]] = []
                for text in [compact, spaced] {
                    let url = directory.appending(path: "requests.jsonl")
                    try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
                    read.append(try readRequests(url, format: .jsonl, options: RequestReadOptions(fields: fields)).requests)
                }
                #expect(read[0] == read[1])
                #expect(read[0].first?.prompt == (fields == nil ? "p \" q" : ""))
            }
        }
    }
}
