import Foundation
import Testing
import Traffic

struct AtomicWriteTests {
    struct Interrupted: Error {}

    private func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func directoryAppearsOnlyWhenComplete() throws {
        try withTemporaryDirectory { parent in
            let trace = parent.appending(path: "trace")
            let seen = try AtomicDirectory.write(to: trace) { temporary in
                #expect(!FileManager.default.fileExists(atPath: trace.path))
                #expect(temporary.lastPathComponent.hasPrefix(".trace.tmp-"))
                try Data("new".utf8).write(to: temporary.appending(path: "requests.jsonl"))
                return try entries(parent)
            }
            #expect(seen.count == 1)
            #expect(try entries(parent) == ["trace"])
            #expect(try entries(trace) == ["requests.jsonl"])
        }
    }

    @Test func directoryReplacesAnOldOneOnlyOnSuccess() throws {
        try withTemporaryDirectory { parent in
            let trace = parent.appending(path: "trace")
            try FileManager.default.createDirectory(at: trace, withIntermediateDirectories: true)
            try Data("old".utf8).write(to: trace.appending(path: "old.txt"))
            #expect(throws: Interrupted.self) {
                try AtomicDirectory.write(to: trace) { temporary in
                    try Data("half".utf8).write(to: temporary.appending(path: "new.txt"))
                    throw Interrupted()
                }
            }
            #expect(try entries(parent) == ["trace"])
            #expect(try entries(trace) == ["old.txt"])
            try AtomicDirectory.write(to: trace) { temporary in
                try Data("new".utf8).write(to: temporary.appending(path: "new.txt"))
            }
            #expect(try entries(parent) == ["trace"])
            #expect(try entries(trace) == ["new.txt"])
        }
    }

    @Test func asyncDirectoryWrite() async throws {
        let parent = FileManager.default.temporaryDirectory.appending(path: "atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let trace = parent.appending(path: "nested/trace")
        let count = try await AtomicDirectory.write(to: trace) { temporary in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<3 {
                    group.addTask { try Data("\(index)".utf8).write(to: temporary.appending(path: "\(index).txt")) }
                }
                try await group.waitForAll()
            }
            return 3
        }
        #expect(count == 3)
        #expect(try entries(trace) == ["0.txt", "1.txt", "2.txt"])
    }

    @Test func fileIsReplacedWholeOrNotAtAll() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "summary.json")
            try AtomicFile.write(Data("first".utf8), to: url)
            try AtomicFile.write(Array("second".utf8), to: url)
            #expect(try String(contentsOf: url, encoding: .utf8) == "second")
            #expect(throws: Interrupted.self) {
                try AtomicFile.write(to: url) { temporary in
                    try Data("partial".utf8).write(to: temporary)
                    throw Interrupted()
                }
            }
            #expect(try String(contentsOf: url, encoding: .utf8) == "second")
            #expect(try entries(directory) == ["summary.json"])
        }
    }

    @Test func writersComposeWithAtomicFile() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "requests.jsonl")
            try AtomicFile.write(to: url) { temporary in
                let writer = try JSONLRequestWriter(url: temporary)
                try writer.write(makeBatch(trickyRequests))
                try writer.close()
            }
            expectIdentical(try readRequests(url, format: .jsonl).requests, trickyRequests)
            #expect(try entries(directory) == ["requests.jsonl"])
        }
    }
}
