import Foundation
import GroundTruth
import Testing
import Traffic

/// `request_labels.csv` read into ids kept as bytes and found by hash (issue 10): the same
/// labels, lookups and errors as a dictionary by id gave.
struct RequestLabelsTests {
    private let campaigns: [String: Int32] = ["c0": 0, "c1": 1, "日本": 2]

    private func parse(_ text: String) throws -> RequestLabels {
        try RequestLabels.parse(Data(text.utf8), file: "request_labels.csv", campaigns: campaigns)
    }

    @Test func labelsAreFoundByIDAndByBatch() throws {
        let ids = (0..<500).map { "req_\($0)" } + ["é", "😀 x", ""]
        var text = "id,campaign\n"
        for (index, id) in ids.dropLast().enumerated() { text += "\(id),\(["c0", "c1", "日本"][index % 3])\n" }
        let labels = try parse(text)
        #expect(labels.count == ids.count - 1)
        for (index, id) in ids.dropLast().enumerated() { #expect(labels.campaign(of: id) == Int32(index % 3)) }
        #expect(labels.campaign(of: "req_500") == nil)
        #expect(labels.campaign(of: "req_1 ") == nil)
        #expect(labels.labels["req_4"]?.campaign == 1)
        #expect(labels.labels["req_4"]?.line == 6)
        let batch = makeRequestBatch((["nope", "req_7", "é", "req_499", "req_49"]).map { Request(id: $0, ts: 1, account: "a") })
        #expect(labels.campaigns(of: batch, idHashes: RequestChecker.idHashes(of: batch)) == [-1, 1, 2, 1, 1])
        #expect(labels.firstMissing { $0.hasPrefix("req_1") }?.line == 3)
        #expect(labels.firstMissing { $0 == "😀 x" }?.line == 503)
        #expect(labels.firstMissing { _ in false } == nil)
    }

    @Test(arguments: [
        ("id,campaign\na,c0\nb,c1\na,c1\n", #"request_labels.csv:4: field "id": expected a request labelled once, found "a""#),
        ("id,campaign\na,c9\n", #"request_labels.csv:2: field "campaign": expected a campaign of truth.json, found "c9""#),
        ("id,campaign\na,c0,x\n", "request_labels.csv:2: expected id,campaign"),
        ("id,campaign\n,c0\n", "request_labels.csv:2: expected id,campaign"),
        ("id;campaign\n", "request_labels.csv:1: expected the header id,campaign"),
    ])
    func malformedFilesNameTheLine(text: String, message: String) {
        #expect { _ = try parse(text) } throws: { "\($0)" == message }
    }

    @Test func bytesThatAreNotUTF8AreRefusedInIDsAndCampaigns() {
        for line in [Array("a".utf8) + [0xFF] + Array(",c0".utf8), Array("a,c".utf8) + [0xFF], Array("a,".utf8) + [0xE6, 0x97]] {
            let data = Data(Array("id,campaign\nok,c0\n".utf8) + line + [0x0A])
            #expect {
                _ = try RequestLabels.parse(data, file: "request_labels.csv", campaigns: campaigns)
            } throws: { error in
                if case .invalidUTF8(_, 3, nil)? = error as? TraceError { return true }
                return false
            }
        }
    }
}

/// A batch holding `requests`, over fresh tables.
private func makeRequestBatch(_ requests: [Request]) -> RequestBatch {
    var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
    for request in requests { batch.append(request) }
    return batch
}
