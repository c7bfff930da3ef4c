import Foundation
import Traffic

/// Reads a partition's ``RequestOrderFile`` key by key, one chunk of records at a time.
final class OrderKeyReader {
    private let handle: FileHandle
    /// The file as named in errors.
    let name: String
    private var buffer = Data()
    private var position = 0
    /// Keys read so far.
    private(set) var count = 0
    private static let chunkRecords = 8_192

    init(url: URL) throws {
        name = url.relativePath
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw TraceError.io(file: name, reason: "cannot open: \(error.localizedDescription)")
        }
        let magic = try read(RequestOrderFile.magic.count)
        guard Array(magic) == RequestOrderFile.magic else {
            throw TraceError.io(file: name, reason: "not a request order file")
        }
    }

    /// The next key, or nil at the end of the file.
    func next() throws -> RequestOrderFile.Key? {
        if position == buffer.count {
            buffer = try read(Self.chunkRecords * RequestOrderFile.recordSize)
            position = 0
            guard !buffer.isEmpty else { return nil }
            guard buffer.count % RequestOrderFile.recordSize == 0 else {
                throw TraceError.io(file: name, reason: "ends inside a record")
            }
        }
        let key = buffer.withUnsafeBytes { RequestOrderFile.key(in: $0, at: position) }
        position += RequestOrderFile.recordSize
        count += 1
        return key
    }

    /// Up to `count` bytes: fewer only at the end of the file.
    private func read(_ count: Int) throws -> Data {
        var data = Data()
        do {
            while data.count < count, let more = try handle.read(upToCount: count - data.count), !more.isEmpty {
                data.append(more)
            }
        } catch {
            throw TraceError.io(file: name, reason: "cannot read: \(error.localizedDescription)")
        }
        return data
    }
}
