import Foundation
import Traffic

/// A temporary directory removed when the last reference goes (the sorted copy of a log), or
/// when the process is interrupted (``Temporaries``).
public final class TemporaryDirectory: Sendable {
    public let url: URL
    private let key: Int

    /// Creates a fresh directory under the system's temporary directory.
    public init(prefix: String = "distillbench-sort") throws {
        let base = FileManager.default.temporaryDirectory
        url = base.appending(path: "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        key = Temporaries.register(url.path)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
        Temporaries.forget(key)
    }
}
