import Foundation

/// Bytes collected in memory and written to a file in large chunks.
struct BufferedOutput {
    /// The file's name in error messages.
    let name: String
    private var handle: FileHandle?
    private let closesHandle: Bool
    /// Bytes not yet written.
    var buffer: [UInt8] = []
    /// Flush once this many bytes are buffered.
    let flushThreshold: Int

    init(handle: FileHandle, name: String, closesHandle: Bool, flushThreshold: Int = 1 << 20) {
        self.handle = handle
        self.name = name
        self.closesHandle = closesHandle
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + (64 << 10))
    }

    /// Whether ``close()`` has been called.
    var isClosed: Bool { handle == nil }

    /// Writes the buffer if it holds at least ``flushThreshold`` bytes.
    @inline(__always) mutating func flushIfFull() throws {
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Writes every buffered byte.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        guard let handle else { throw TraceError.io(file: name, reason: "write after close") }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TraceError.io(file: name, reason: "cannot write: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, if this output opened the file, closes it. Closing twice does nothing.
    mutating func close() throws {
        guard let handle else { return }
        try flush()
        self.handle = nil
        if closesHandle {
            do {
                try handle.close()
            } catch {
                throw TraceError.io(file: name, reason: "cannot close: \(error.localizedDescription)")
            }
        }
    }
}
