import Foundation
import Traffic

/// A file written through a buffer of about 1 MiB: a partition's order keys, the merge's output tables.
final class ByteSink {
    private let handle: FileHandle
    private let name: String
    /// Bytes not yet written; callers append to it, then call ``flushIfFull()``.
    var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `url`.
    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw TraceError.io(file: url.relativePath, reason: "cannot create the file")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw TraceError.io(file: url.relativePath, reason: "cannot open: \(error.localizedDescription)")
        }
        name = url.relativePath
        buffer.reserveCapacity(1 << 21)
    }

    /// Writes the buffer out once it holds 1 MiB or more.
    @inline(__always) func flushIfFull() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        do {
            try handle.close()
        } catch {
            throw TraceError.io(file: name, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TraceError.io(file: name, reason: "cannot write: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
