import CZlib
import Foundation

/// Gzip (RFC 1952) through the system's zlib, for result files too large to commit raw. The
/// header carries no time and no name, so the same bytes give the same file on every run.
enum Gzip {
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "zlib could not compress (error \(code))" }
    }

    /// `data` compressed at the default level.
    static func compress(_ data: Data) throws -> Data {
        var stream = z_stream()
        // 15 window bits + 16: a gzip wrapper instead of zlib's.
        var status = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status) }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))) + 32)
        let written = try data.withUnsafeBytes { input -> Int in
            try output.withUnsafeMutableBytes { target -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                status = deflate(&stream, Z_FINISH)
                guard status == Z_STREAM_END else { throw Failure(code: status) }
                return Int(stream.total_out)
            }
        }
        return output.prefix(written)
    }
}
