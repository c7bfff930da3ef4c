import Foundation
import Testing
import Traffic

struct ReaderBehaviourTests {
    @Test func missingOptionalFieldsGetDefaults() throws {
        let expected = [Request(id: "r1", ts: 7, account: "a"), Request(id: "r2", ts: 8, account: "a")]
        let jsonl =
            #"{"id":"r1","ts":7,"account":"a"}"# + "\n"
            + #"{"id":"r2","ts":8,"account":"a","temperature":null,"endpoint":null,"stream":null,"n":null}"#
        expectIdentical(try readRequests(content: Array(jsonl.utf8), format: .jsonl).requests, expected)
        let csv = "account,ts,id,temperature,stream,n,status\na,7,r1,,,,\na,8,r2,,,,\n"
        expectIdentical(try readRequests(content: Array(csv.utf8), format: .csv).requests, expected)
    }

    @Test func keysInAnyOrderAndUnknownKeysSkipped() throws {
        let line =
            #"{ "extra" : {"a":[1, 2.5e3, -0.1, true, false, null, "s\"\\"], "b":{}} , "stream":true, "#
            + #""account":"a","ts":9,"id":"r1","more":[] ,"prompt":"p"}"# + "\r\n"
        let requests = try readRequests(content: Array(line.utf8), format: .jsonl).requests
        expectIdentical(requests, [Request(id: "r1", ts: 9, account: "a", prompt: "p", stream: true)])
    }

    @Test func unicodeEscapesAreDecoded() throws {
        let line = #"{"\u0069d":"\u00e9\ud83d\ude00\n\/\"\\\b\f\r\t","ts":1,"account":"\u65e5"}"#
        let request = try #require(try readRequests(content: Array(line.utf8), format: .jsonl).requests.first)
        #expect(request.id == "é😀\n/\"\\\u{8}\u{C}\r\t")
        #expect(request.account == "日")
    }

    @Test func emptyAndBlankFilesHoldNoRequests() throws {
        for content in ["", "\n", "  \n\r\n\t\n", "\u{FEFF}"] {
            #expect(try readRequests(content: Array(content.utf8), format: .jsonl).requests.isEmpty)
        }
        for content in ["", "\n", "\r\n\n", "\u{FEFF}", "\n\nid,ts,account\n\n"] {
            #expect(try readRequests(content: Array(content.utf8), format: .csv).requests.isEmpty)
        }
        #expect(try readRequests(content: Array("id,ts,account\n".utf8), format: .csv).requests.isEmpty)
        #expect(try readRequests(content: Array("id,ts,account".utf8), format: .csv).requests.isEmpty)
    }

    @Test func lineEndingsAndByteOrderMark() throws {
        let expected = [Request(id: "r1", ts: 1, account: "a"), Request(id: "r2", ts: 2, account: "a")]
        for jsonl in [
            "\u{FEFF}{\"id\":\"r1\",\"ts\":1,\"account\":\"a\"}\r\n\n{\"id\":\"r2\",\"ts\":2,\"account\":\"a\"}",
            "{\"id\":\"r1\",\"ts\":1,\"account\":\"a\"}\n{\"id\":\"r2\",\"ts\":2,\"account\":\"a\"}\n\n",
        ] {
            expectIdentical(try readRequests(content: Array(jsonl.utf8), format: .jsonl).requests, expected)
        }
        for csv in [
            "\u{FEFF}id,ts,account\r\nr1,1,a\r\n\r\nr2,2,a", "id,ts,account\rr1,1,a\rr2,2,a\r",
            "id,ts,account\nr1,1,a\nr2,2,a\n\n",
        ] {
            expectIdentical(try readRequests(content: Array(csv.utf8), format: .csv).requests, expected)
        }
    }

    // MARK: - Column mapping

    @Test func columnMappingRenamesFields() throws {
        let mapping: [String: RequestField] = [
            "request_id": .id, "timestamp": .ts, "user": .account, "model_name": .model,
        ]
        let options = RequestReadOptions(columnMapping: mapping)
        let line = #"{"request_id":"r1","timestamp":5,"user":"a","id":"ignored","model_name":"m","model":"x"}"#
        expectIdentical(
            try readRequests(content: Array(line.utf8), format: .jsonl, options: options).requests,
            [Request(id: "r1", ts: 5, account: "a", model: "m")])
        let csv = "timestamp,user,request_id,model_name,id\n5,a,r1,m,ignored\n"
        expectIdentical(
            try readRequests(content: Array(csv.utf8), format: .csv, options: options).requests,
            [Request(id: "r1", ts: 5, account: "a", model: "m")])
        #expect(
            readError(Array(#"{"request_id":"r1","timestamp":"x","user":"a"}"#.utf8), format: .jsonl, options: options)
                == #"requests.jsonl:1: field "timestamp": expected an integer, found "x""#)
        #expect(
            readError(Array(#"{"request_id":"r1","timestamp":1,"account":"a"}"#.utf8), format: .jsonl, options: options)
                == #"requests.jsonl:1: missing required field "user""#)
        #expect(
            readError(Array("timestamp,account,request_id\n".utf8), format: .csv, options: options)
                == #"requests.csv:1: missing required column "user""#)
    }

    // MARK: - Order

    @Test func unsortedInputIsRejected() {
        let cases: [(String, String)] = [
            (#"{"id":"r","ts":2,"account":"a"}"#, #"{"id":"r","ts":1,"account":"a"}"#),
            (#"{"id":"r","ts":1,"account":"b"}"#, #"{"id":"r","ts":1,"account":"a"}"#),
            (#"{"id":"r2","ts":1,"account":"a"}"#, #"{"id":"r1","ts":1,"account":"a"}"#),
        ]
        for (first, second) in cases {
            let content = #"{"id":"r0","ts":0,"account":"a"}"# + "\n" + first + "\n\n" + second + "\n"
            let error = readError(Array(content.utf8), format: .jsonl)
            #expect(error?.hasPrefix("requests.jsonl:4: out of order: request ") == true)
            #expect(
                readError(Array(content.utf8), format: .jsonl, options: RequestReadOptions(checkOrder: false)) == nil)
        }
        let error = readError(Array((cases[0].0 + "\n" + cases[0].1).utf8), format: .jsonl)
        #expect(
            error
                == #"requests.jsonl:2: out of order: request "r" (ts 1, account "a") sorts before "#
                + #"the previous request "r" (ts 2, account "a")"#
        )
        let csv = "id,ts,account\nr1,2,a\nr2,1,a\n"
        #expect(readError(Array(csv.utf8), format: .csv)?.hasPrefix("requests.csv:3: out of order: ") == true)
    }

    @Test func tiesAndDuplicatesInOrderAreAccepted() throws {
        let content = [
            #"{"id":"r1","ts":1,"account":"a"}"#, #"{"id":"r1","ts":1,"account":"a"}"#,
            #"{"id":"r2","ts":1,"account":"a"}"#, #"{"id":"r0","ts":1,"account":"b"}"#,
            #"{"id":"r0","ts":2,"account":"a"}"#,
        ].joined(separator: "\n")
        #expect(try readRequests(content: Array(content.utf8), format: .jsonl).requests.count == 5)
    }

    // MARK: - Chunk boundaries

    static let manyRequests: [Request] = {
        var requests = trickyRequests.filter { $0.ts < 1_000 }
        for index in 0..<300 {
            requests.append(
                Request(
                    id: "id\(index)", ts: 1_000 + Int64(index / 3), account: "acct\(index % 3)",
                    ua: index % 2 == 0 ? "sdk/\(index % 5)" : "",
                    prompt: String(repeating: "word, \"é\" ", count: index % 17),
                    temperature: Double(index) / 7, stream: index % 2 == 0))
        }
        return requests
    }()

    @Test(arguments: TraceFormat.allCases, [1, 2, 3, 7, 64, 4096])
    func chunkAndBatchSizesDoNotChangeTheResult(format: TraceFormat, chunkSize: Int) throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: format.requestsFileName)
            try write(Self.manyRequests, to: url, format: format, batchSize: 50)
            for batchSize in [1, 3, 8192] {
                let options = RequestReadOptions(batchSize: batchSize, chunkSize: chunkSize)
                expectIdentical(try readRequests(url, format: format, options: options).requests, Self.manyRequests)
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func byteOrderMarkAtChunkBoundaries(chunkSize: Int) throws {
        let options = RequestReadOptions(chunkSize: chunkSize)
        let jsonl = "\u{FEFF}\n{\"id\":\"r1\",\"ts\":1,\"account\":\"a\"}\n"
        let result = try readRequests(content: Array(jsonl.utf8), format: .jsonl, options: options)
        #expect(result.requests == [Request(id: "r1", ts: 1, account: "a")])
        #expect(readError(Array((jsonl + "x\n").utf8), format: .jsonl, options: options)?.hasPrefix("requests.jsonl:3: ") == true)
        let csv = "\u{FEFF}id,ts,account\nr1,1,a\n"
        #expect(try readRequests(content: Array(csv.utf8), format: .csv, options: options).requests.count == 1)
    }

    @Test(arguments: [1, 2, 5, 13])
    func errorsAtChunkBoundariesKeepTheirLineNumbers(chunkSize: Int) {
        let options = RequestReadOptions(chunkSize: chunkSize)
        let jsonl = #"{"id":"r1","ts":1,"account":"a"}"# + "\n" + #"{"id":"r2","ts":"x","account":"a"}"#
        #expect(
            readError(Array(jsonl.utf8), format: .jsonl, options: options)
                == #"requests.jsonl:2: field "ts": expected an integer, found "x""#)
        let csv = "id,ts,account\n\"r\n1\",1,\"a\"\"\"\nr2,2,\"unterminated"
        #expect(
            readError(Array(csv.utf8), format: .csv, options: options) == "requests.csv:4: unterminated quoted field")
    }
}
