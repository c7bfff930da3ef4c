import Foundation
import Testing
import Traffic

struct RoundTripTests {
    @Test(arguments: TraceFormat.allCases)
    func writeReadWriteIsByteIdentical(format: TraceFormat) throws {
        try withTemporaryDirectory { directory in
            let first = directory.appending(path: "first.\(format.rawValue)")
            let second = directory.appending(path: "second.\(format.rawValue)")
            try write(trickyRequests, to: first, format: format, batchSize: 2)
            let read = try readRequests(first, format: format)
            expectIdentical(read.requests, trickyRequests)
            #expect(read.skipped.count == 0)
            try write(read.requests, to: second, format: format)
            #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        }
    }

    @Test func jsonlLineLayout() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "requests.jsonl")
            try write([Request(id: "r1", ts: 5, account: "a", prompt: "a\"b\\c\n\u{1}é/")], to: url, format: .jsonl)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(
                text == """
                    {"id":"r1","ts":5,"account":"a","key":"","ip":"","asn":0,"ua":"","tls":"","model":"",\
                    "endpoint":"chat","prompt":"a\\"b\\\\c\\n\\u0001é/","system":"","prompt_tokens":0,\
                    "completion_tokens":0,"max_tokens":0,"temperature":1.0,"top_p":1.0,"n":1,\
                    "logprobs":false,"top_logprobs":0,"logit_bias":0,"tools":0,"stream":false,\
                    "status":200,"latency_ms":0}

                    """)
            let keys = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect(Set(keys?.keys.map { $0 } ?? []) == Set(RequestField.allCases.map(\.name)))
        }
    }

    @Test func csvLayout() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "requests.csv")
            try write([Request(id: "r,1", ts: 5, account: "a\"b", prompt: "x\ny")], to: url, format: .csv)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(
                text == """
                    id,ts,account,key,ip,asn,ua,tls,model,endpoint,prompt,system,prompt_tokens,\
                    completion_tokens,max_tokens,temperature,top_p,n,logprobs,top_logprobs,logit_bias,\
                    tools,stream,status,latency_ms
                    "r,1",5,"a""b",,,0,,,,chat,"x
                    y",,0,0,0,1.0,1.0,1,false,0,0,0,false,200,0

                    """)
        }
    }

    @Test func emptyTraceHasHeaderOnlyInCSV() throws {
        try withTemporaryDirectory { directory in
            for format in TraceFormat.allCases {
                let url = directory.appending(path: format.requestsFileName)
                let writer = try format.requestWriter(url: url)
                try writer.close()
                let size = try Data(contentsOf: url).count
                #expect(format == .jsonl ? size == 0 : size > 0)
                #expect(try readRequests(url, format: format).requests.isEmpty)
            }
        }
    }

    @Test func crossFormatRoundTrip() throws {
        try withTemporaryDirectory { directory in
            let jsonl = directory.appending(path: "requests.jsonl")
            let csv = directory.appending(path: "requests.csv")
            try write(trickyRequests, to: jsonl, format: .jsonl)
            try write(try readRequests(jsonl, format: .jsonl).requests, to: csv, format: .csv)
            expectIdentical(try readRequests(csv, format: .csv).requests, trickyRequests)
        }
    }

    @Test func nonFiniteDoublesReadBackAsDefaults() throws {
        for format in TraceFormat.allCases {
            try withTemporaryDirectory { directory in
                let url = directory.appending(path: format.requestsFileName)
                try write(
                    [Request(id: "r", ts: 1, account: "a", temperature: .nan, topP: .infinity)], to: url, format: format
                )
                let request = try #require(try readRequests(url, format: format).requests.first)
                #expect(request.temperature == 1 && request.topP == 1)
            }
        }
    }

    @Test func readersShareTablesAcrossFiles() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "requests.jsonl")
            try write(trickyRequests, to: url, format: .jsonl)
            let symbols = Interner()
            let accountNames = Interner()
            var codes: [[UInt32]] = []
            for _ in 0..<2 {
                let reader = try JSONLRequestReader(url: url, symbols: symbols, accountNames: accountNames)
                let batch = try #require(try reader.next())
                codes.append(batch.accounts + batch.models)
                #expect(try reader.next() == nil)
            }
            #expect(codes[0] == codes[1])
            #expect(accountNames.count == Set(trickyRequests.map(\.account)).count)
        }
    }

    @Test func benchmarkSampleRowsRoundTrip() throws {
        let result = try CodecBenchmark.measure(rows: 20_000, runs: 1)
        #expect(result.jsonlBytesPerRequest > 300)
        #expect(result.csvBytesPerRequest > 150)
    }
}
