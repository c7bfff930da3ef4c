import Foundation

/// A temporary directory removed when the last reference goes (the sorted copy of a log).
public final class TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates a fresh directory under the system's temporary directory.
    public init(prefix: String = "distillbench-sort") throws {
        let base = FileManager.default.temporaryDirectory
        url = base.appending(path: "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
