import Foundation
import Testing

@testable import Reporting

/// `changes/` files above 1 MiB are written gzipped: standard gzip that `gzip -d` reads back
/// byte for byte, and the same bytes on every run (no time or name in the header).
struct GzipTests {
    @Test func gzipReadsItBackAndTheBytesAreStable() throws {
        var text = "account,ts,score\n"
        for row in 0..<60_000 { text += "acct_\(row % 997),\(1_772_409_600_000 + row * 37),\(Double(row) / 7)\n" }
        let data = Data(text.utf8)
        #expect(data.count > ResultsWriter.changesGzipBytes)
        let compressed = try Gzip.compress(data)
        #expect(compressed.count < data.count / 3)
        #expect(try Gzip.compress(data) == compressed)
        #expect(compressed.prefix(2) == Data([0x1F, 0x8B]))
        let file = FileManager.default.temporaryDirectory.appending(path: "distillbench-gzip-\(UUID().uuidString).gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try compressed.write(to: file)
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let restored = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(restored == data)
        #expect(try Gzip.compress(Data()).count > 0)
    }
}
