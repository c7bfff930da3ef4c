import Foundation
import Traffic

/// Reads a partition's table file record by record, copying each record's bytes unchanged:
/// a record ends at a line feed, outside double quotes when `quoted` (RFC 4180 CSV, where a
/// quoted field may hold line breaks and quotes are doubled). Holds one buffer, not the file.
final class RecordReader {
    private let handle: FileHandle
    /// The file as named in errors.
    let name: String
    private let quoted: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private static let chunk = 256 << 10

    init(url: URL, quoted: Bool) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw TraceError.io(file: url.relativePath, reason: "cannot open: \(error.localizedDescription)")
        }
        name = url.relativePath
        self.quoted = quoted
    }

    /// Appends the next record, line feed included, to `output`.
    ///
    /// - Returns: false at the end of the file (nothing appended).
    /// - Throws: when the file ends inside a record.
    func copyRecord(to output: inout [UInt8]) throws -> Bool {
        var insideQuotes = false
        var started = false
        while true {
            if position == buffer.count {
                try refill()
                if position == buffer.count {
                    guard !started else { throw TraceError.io(file: name, reason: "ends inside a record") }
                    return false
                }
            }
            started = true
            var end = position
            var found = false
            buffer.withUnsafeBufferPointer { bytes in
                while end < bytes.count {
                    let byte = bytes[end]
                    end += 1
                    if byte == UInt8(ascii: "\n"), !insideQuotes {
                        found = true
                        return
                    }
                    if quoted, byte == UInt8(ascii: "\"") { insideQuotes.toggle() }
                }
            }
            output.append(contentsOf: buffer[position..<end])
            position = end
            if found { return true }
        }
    }

    /// Whether every byte has been read.
    func isAtEnd() throws -> Bool {
        if position == buffer.count { try refill() }
        return position == buffer.count
    }

    private func refill() throws {
        guard !atEnd else { return }
        do {
            let data = try handle.read(upToCount: Self.chunk) ?? Data()
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: data)
            position = 0
            if data.isEmpty { atEnd = true }
        } catch {
            throw TraceError.io(file: name, reason: "cannot read: \(error.localizedDescription)")
        }
    }
}
