import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hidden temporaries of atomic writes (`.NAME.tmp-PID-N`, `.NAME.old-PID-N`): removed when
/// the process is interrupted by SIGINT or SIGTERM, and, when a later run writes to the same
/// place, removed if the process that made them is gone (issue 8, item 4).
public enum Temporaries {
    private static let live = Mutex<[Int: String]>([:])
    private static let nextKey = Atomic<Int>(0)
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Records `path` as a temporary to remove on interruption; returns a key for ``forget(_:)``.
    public static func register(_ path: String) -> Int {
        let key = nextKey.add(1, ordering: .relaxed).newValue
        live.withLock { $0[key] = path }
        return key
    }

    /// The temporary recorded under `key` was renamed into place or removed.
    public static func forget(_ key: Int) {
        _ = live.withLock { $0.removeValue(forKey: key) }
    }

    /// Installs SIGINT and SIGTERM handlers that remove every recorded temporary, then end the
    /// process with status 128 + the signal (130, 143). Call once, early in `main`.
    public static func removeOnInterrupt() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
                source.setEventHandler {
                    let paths = live.withLock { Array($0.values) }
                    // Writers may still be adding files: retry a few times.
                    for _ in 0..<5 {
                        var remaining = 0
                        for path in paths where FileManager.default.fileExists(atPath: path) {
                            do { try FileManager.default.removeItem(atPath: path) } catch { remaining += 1 }
                        }
                        if remaining == 0 { break }
                        usleep(20_000)
                    }
                    let message = "\ninterrupted: removed \(paths.count) temporar\(paths.count == 1 ? "y" : "ies")\n"
                    FileHandle.standardError.write(Data(message.utf8))
                    _exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Removes the temporaries next to `url` (`.NAME.tmp-PID-N`, `.NAME.old-PID-N`) whose process
    /// no longer runs; those of live processes, and anything else, stay.
    ///
    /// - Returns: the names removed.
    @discardableResult
    public static func removeStale(near url: URL) -> [String] {
        let directory = url.deletingLastPathComponent().path(percentEncoded: false)
        let prefix = "." + url.lastPathComponent + "."
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)
        } catch {
            return []  // An unreadable or absent parent holds nothing of ours to tidy.
        }
        var removed: [String] = []
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = processID(ofTemporary: String(entry.dropFirst(prefix.count))),
                pid != getpid(), !isRunning(pid)
            else { continue }
            do {
                try FileManager.default.removeItem(at: url.deletingLastPathComponent().appending(path: entry))
                removed.append(entry)
            } catch {
                continue  // Not ours to force: left for the user, as before.
            }
        }
        return removed
    }

    /// The process id in `tmp-PID-N` or `old-PID-N`, or nil for any other name.
    static func processID(ofTemporary suffix: String) -> pid_t? {
        let parts = suffix.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "tmp" || parts[0] == "old",
            parts[2].allSatisfy(\.isASCII), UInt64(parts[2]) != nil,
            let pid = pid_t(parts[1]), pid > 0
        else { return nil }
        return pid
    }

    /// Whether a process with `pid` exists (one of another user counts as existing).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
