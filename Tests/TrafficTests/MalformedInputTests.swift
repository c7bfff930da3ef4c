import Foundation
import Testing
import Traffic

/// Each kind of bad input gives one line naming file, line and field, never a crash.
struct MalformedInputTests {
    static let good = #"{"id":"r1","ts":1,"account":"a"}"# + "\n"

    static let jsonlCases: [(line: String, error: String)] = [
        (#"{"id":"r2","ts":2"#, #"requests.jsonl:2: expected ',' or '}' at column 18, found end of line"#),
        (
            #"{"id":"r2","ts":2,"account":"a""#,
            #"requests.jsonl:2: expected ',' or '}' at column 32, found end of line"#
        ),
        (#"{"id":"r2","ts":"abc","account":"a"}"#, #"requests.jsonl:2: field "ts": expected an integer, found "abc""#),
        (#"{"id":"r2","ts":2}"#, #"requests.jsonl:2: missing required field "account""#),
        (#"{"id":"r2","ts":null,"account":"a"}"#, #"requests.jsonl:2: field "ts": expected an integer, found null"#),
        (#"{"id":"r2","ts":1.5,"account":"a"}"#, #"requests.jsonl:2: field "ts": expected an integer, found 1.5"#),
        (#"{"id":"r2","ts":2,"account":7}"#, #"requests.jsonl:2: field "account": expected a string, found 7"#),
        (
            #"{"id":"r2","ts":2,"account":"a","n":3000000000}"#,
            #"requests.jsonl:2: field "n": expected an integer in -2147483648...2147483647, found 3000000000"#
        ),
        (
            #"{"id":"r2","ts":99999999999999999999,"account":"a"}"#,
            #"requests.jsonl:2: field "ts": expected an integer, found 99999999999999999999"#
        ),
        (
            #"{"id":"r2","ts":2,"account":"a","asn":-1}"#,
            #"requests.jsonl:2: field "asn": expected an integer in 0...4294967295, found -1"#
        ),
        (
            #"{"id":"r2","ts":2,"account":"a","stream":"yes"}"#,
            #"requests.jsonl:2: field "stream": expected true or false, found "yes""#
        ),
        (
            #"{"id":"r2","ts":2,"account":"a","top_p":[1,{"x":"y"}]}"#,
            #"requests.jsonl:2: field "top_p": expected a number, found [1,{"x":"y"}]"#
        ),
        (
            #"{"id":"r2","ts":2,"account":"a"} x"#,
            #"requests.jsonl:2: unexpected text after the object at column 34, found 'x'"#
        ),
        (
            #"{"id":"r2","ts":2,"account":"a"}}"#,
            #"requests.jsonl:2: unexpected text after the object at column 33, found '}'"#
        ),
        (#"{"id":"r2" "ts":2}"#, #"requests.jsonl:2: expected ',' or '}' at column 12, found '"'"#),
        (#"{"id" "r2"}"#, #"requests.jsonl:2: expected ':' after the key at column 7, found '"'"#),
        (#"{id:"r2"}"#, #"requests.jsonl:2: expected a key in double quotes at column 2, found 'i'"#),
        (
            #"{"id":"r2","ts":01,"account":"a"}"#,
            #"requests.jsonl:2: invalid number (leading zero) at column 17, found '0'"#
        ),
        (#"{"id":"r2","ts":-,"account":"a"}"#, #"requests.jsonl:2: invalid number at column 17, found '-'"#),
        (
            #"{"id":"r2","ts":2,"account":"a","stream":tru}"#,
            #"requests.jsonl:2: expected a value at column 42, found 't'"#
        ),
        (#"{"id":"r2"#, #"requests.jsonl:2: unterminated string at column 10, found end of line"#),
        (#"{"id":"r\q2"}"#, #"requests.jsonl:2: invalid escape in a string at column 9, found '\'"#),
        (#"{"id":"\u12"}"#, #"requests.jsonl:2: invalid \u escape at column 8, found '\'"#),
        (
            #"{"id":"\ud800","ts":2,"account":"a"}"#,
            #"requests.jsonl:2: unpaired surrogate in a \u escape at column 8, found '\'"#
        ),
        (
            #"{"id":"\udc00","ts":2,"account":"a"}"#,
            #"requests.jsonl:2: unpaired surrogate in a \u escape at column 8, found '\'"#
        ),
        (
            "{\"id\":\"r\t2\",\"ts\":2,\"account\":\"a\"}",
            #"requests.jsonl:2: control character in a string (must be escaped) at column 9, found byte 0x9"#
        ),
        (#"id,ts,account"#, #"requests.jsonl:2: not a JSON object: expected '{' at column 1, found 'i'"#),
        (#"[1,2]"#, #"requests.jsonl:2: not a JSON object: expected '{' at column 1, found '['"#),
        (#"{"#, #"requests.jsonl:2: expected a key in double quotes at column 2, found end of line"#),
        (
            #"{"id":"r2","ts":2,"account":"a","x":"# + String(repeating: "[", count: 5000),
            #"requests.jsonl:2: nesting deeper than 512 levels at column 549, found '['"#
        ),
    ]

    @Test(arguments: jsonlCases)
    func jsonlErrorNamesFileLineAndField(line: String, error: String) {
        #expect(readError(Array((Self.good + line + "\n" + Self.good).utf8), format: .jsonl) == error)
    }

    @Test func invalidUTF8IsRejected() {
        let prefix = Array(Self.good.utf8) + Array(#"{"id":"r2","ts":2,"account":"a","prompt":"ok "#.utf8)
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] {
            let content = prefix + bad + Array("\"}\n".utf8)
            #expect(readError(content, format: .jsonl) == #"requests.jsonl:2: field "prompt": invalid UTF-8"#)
        }
        let badKey =
            Array(Self.good.utf8) + Array(#"{"id":"r2","ts":2,"account":"a",""#.utf8) + [0xFF] + Array(#"":1}"#.utf8)
        #expect(readError(badKey, format: .jsonl) == "requests.jsonl:2: invalid UTF-8")
        let outside = Array(Self.good.utf8) + [0xFF] + Array("\n".utf8)
        #expect(
            readError(outside, format: .jsonl)
                == "requests.jsonl:2: not a JSON object: expected '{' at column 1, found byte 0xFF")
    }

    @Test func errorsAreOneLineEvenForHostileValues() {
        let line = #"{"id":"r2","ts":"a\nb\u0000c\u2028d and a very long tail that goes on and on","account":"a"}"#
        let error = readError(Array((Self.good + line).utf8), format: .jsonl)
        #expect(
            error
                == #"requests.jsonl:2: field "ts": expected an integer, "#
                + #"found "a\nb\u0000c\u2028d and a very long tail…"#
        )
        #expect(error?.contains("\n") == false)
    }

    @Test func binaryFileIsAnErrorNotACrash() {
        var bytes: [UInt8] = []
        var state: UInt32 = 1
        for _ in 0..<100_000 {
            state = state &* 1_664_525 &+ 1_013_904_223
            bytes.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        let error = readError(bytes, format: .jsonl)
        #expect(error?.hasPrefix("requests.jsonl:1: ") == true)
        let csvError = readError(bytes, format: .csv)
        #expect(csvError?.hasPrefix("requests.csv:") == true)
    }

    @Test func tooLongLineIsRejected() {
        let options = RequestReadOptions(chunkSize: 16, maxLineBytes: 64)
        let content = Self.good + "{" + String(repeating: " ", count: 200) + "}\n"
        #expect(
            readError(Array(content.utf8), format: .jsonl, options: options)
                == "requests.jsonl:2: line longer than 64 bytes")
    }

    // MARK: - CSV

    static let header = "id,ts,account\n"

    static let csvCases: [(record: String, error: String)] = [
        ("r2,x,a", #"requests.csv:3: field "ts": expected an integer, found "x""#),
        ("r2,2", "requests.csv:3: expected 3 fields, found 2"),
        ("r2,2,a,b", "requests.csv:3: expected 3 fields, found 4"),
        ("r2,2,\"abc", "requests.csv:3: unterminated quoted field"),
        ("r2,2,a\"b", "requests.csv:3: '\"' inside unquoted field 3"),
        ("\"r2\"x,2,a", "requests.csv:3: expected ',' after the closing quote of field 1"),
        ("r2,,a", #"requests.csv:3: missing required field "ts""#),
        ("r2,1.0,a", #"requests.csv:3: field "ts": expected an integer, found "1.0""#),
    ]

    @Test(arguments: csvCases)
    func csvErrorNamesFileLineAndColumn(record: String, error: String) {
        let content = Self.header + "r1,1,a\n" + record + "\nr3,3,a\n"
        #expect(readError(Array(content.utf8), format: .csv) == error)
    }

    @Test func csvValueErrorsNameTheHeaderColumn() {
        let header = "id,ts,account,stream,n,top_p\n"
        #expect(
            readError(Array((header + "r1,1,a,maybe,1,1\n").utf8), format: .csv)
                == #"requests.csv:2: field "stream": expected true or false, found "maybe""#)
        #expect(
            readError(Array((header + "r1,1,a,true,1,high\n").utf8), format: .csv)
                == #"requests.csv:2: field "top_p": expected a number, found "high""#)
        #expect(
            readError(Array(header.utf8) + Array("r1,1,".utf8) + [0xFF] + Array(",true,1,1\n".utf8), format: .csv)
                == #"requests.csv:2: field "account": invalid UTF-8"#)
    }

    @Test func csvHeaderMustNameRequiredColumns() {
        #expect(
            readError(Array("id,account\nr1,a\n".utf8), format: .csv)
                == #"requests.csv:1: missing required column "ts""#)
        let jsonl = Array(Self.good.utf8)
        #expect(readError(jsonl, format: .csv)?.hasPrefix("requests.csv:1: ") == true)
        #expect(
            readError(jsonl, format: .csv, options: RequestReadOptions(skipMalformed: true))?.hasPrefix(
                "requests.csv:1: ")
                == true)
    }

    @Test func csvMultiLineRecordErrorsNameTheLineItStartsOn() {
        let content = Self.header + "r1,1,\"a\nb\nc\"\nr2,x,a\n"
        #expect(
            readError(Array(content.utf8), format: .csv)
                == #"requests.csv:5: field "ts": expected an integer, found "x""#)
    }

    // MARK: - Skipping

    @Test func skipMalformedCountsAndSkips() throws {
        let content =
            Self.good + #"{"id":"r2","ts":"x","account":"a"}"# + "\n" + #"{"id":"r3","ts":3,"account":"a"}"# + "\n"
            + "garbage\n" + #"{"id":"r5","ts":5,"account":"a"}"#
        let options = RequestReadOptions(skipMalformed: true)
        let result = try readRequests(content: Array(content.utf8), format: .jsonl, options: options)
        #expect(result.requests.map(\.id) == ["r1", "r3", "r5"])
        #expect(result.skipped.count == 2)
        #expect(result.skipped.first?.line == 2)
        #expect(
            result.skipped.description.hasPrefix("2 malformed lines skipped, first: requests.jsonl:2: field \"ts\""))
    }

    @Test func skipMalformedInCSVResynchronises() throws {
        let content = Self.header + "r1,1,a\nr2,x,a\nr3,3,\"a\"b\nr4,4,a\nr5,5\nr6,6,a"
        let result = try readRequests(
            content: Array(content.utf8), format: .csv, options: RequestReadOptions(skipMalformed: true))
        #expect(result.requests.map(\.id) == ["r1", "r4", "r6"])
        #expect(result.skipped.count == 3)
    }

    @Test func skipMalformedDoesNotSkipOrderErrors() {
        let content = #"{"id":"r1","ts":5,"account":"a"}"# + "\n" + #"{"id":"r2","ts":4,"account":"a"}"# + "\n"
        let error = readError(Array(content.utf8), format: .jsonl, options: RequestReadOptions(skipMalformed: true))
        #expect(error?.hasPrefix("requests.jsonl:2: out of order: ") == true)
    }
}
