import Foundation
import Logs
import Traffic

/// Paths and helpers shared by the mapped-log tests.
enum LogFixtures {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")
    static let maps = root.appending(path: "maps")

    static func fixture(_ name: String) -> URL { fixtures.appending(path: name) }
    static func shippedMap(_ name: String) throws -> LogMap { try LogMapLoader.load(path: maps.appending(path: name).path) }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `directory`.
    @discardableResult
    static func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appending(path: name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every request of `url` read through `map`.
    static func requests(
        _ url: URL, map: LogMap, skipInvalid: Bool = false, batchSize: Int = 4
    ) throws -> (requests: [Request], malformed: MalformedTally) {
        var reader = try MappedLogReader(url: url, map: map, skipInvalid: skipInvalid, batchSize: batchSize)
        var requests: [Request] = []
        while let batch = try reader.next() {
            requests += (0..<batch.count).map { batch[$0] }
        }
        return (requests, reader.malformed)
    }

    /// The message of the error `body` throws (nil when it throws none).
    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
