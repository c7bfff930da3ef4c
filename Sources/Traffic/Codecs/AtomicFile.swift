import Foundation
import Synchronization

/// Writes a file so that readers see the old content or the new, never half of it: the data
/// goes to a hidden sibling (`.NAME.tmp-PID-N`), which is then renamed over `NAME`.
///
/// A crash or error leaves at most the hidden temporary behind (removed on error); the file
/// is not `fsync`ed, so atomicity holds against process failure, not power loss.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    public static func write(_ data: some DataProtocol, to url: URL) throws {
        try write(to: url) { temporary in
            let handle = try FileAccess.create(temporary)
            do {
                try handle.write(contentsOf: data)
                try handle.close()
            } catch let error as TraceError {
                throw error
            } catch {
                throw TraceError.io(file: url.relativePath, reason: "cannot write: \(error.localizedDescription)")
            }
        }
    }

    /// Calls `body` with a temporary path next to `url`, then renames what `body` wrote there to
    /// `url` (replacing any file of that name). If `body` throws, the temporary is removed.
    public static func write<Result>(to url: URL, _ body: (URL) throws -> Result) throws -> Result {
        Temporaries.removeStale(near: url)
        let temporary = temporarySibling(of: url, kind: "tmp")
        let key = Temporaries.register(temporary.path(percentEncoded: false))
        defer { Temporaries.forget(key) }
        do {
            let result = try body(temporary)
            try FileAccess.move(temporary, to: url)
            return result
        } catch {
            AtomicDirectory.removeLeftover(temporary)
            throw error
        }
    }

    // MARK: - Temporary names

    private static let counter = Atomic<Int>(0)

    /// A hidden name next to `url`, unique in this process: `.NAME.KIND-PID-N`.
    static func temporarySibling(of url: URL, kind: String) -> URL {
        let number = counter.add(1, ordering: .relaxed).newValue
        let pid = ProcessInfo.processInfo.processIdentifier
        return url.deletingLastPathComponent()
            .appending(path: ".\(url.lastPathComponent).\(kind)-\(pid)-\(number)")
    }
}
