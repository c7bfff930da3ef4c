import Foundation
import Traffic

/// `request_order.bin`: one fixed-size record per request of a partition, in file order, with
/// the trace-order key of that request (DESIGN §2: time, account, id) and whether it has a line
/// in `request_labels.csv`. `merge-traces` orders requests by it without reading them; it is
/// never part of the merged trace.
///
/// Layout: the 8 bytes `DBORDER1`, then per request `ts` (Int64), `id` (UInt64), account rank
/// (UInt32), flags (UInt32, bit 0: labelled), all little-endian.
enum RequestOrderFile {
    static let fileName = "request_order.bin"
    static let magic = Array("DBORDER1".utf8)
    static let recordSize = 24

    /// A request's place in the trace order and its label flag.
    struct Key: Comparable {
        var ts: Int64
        var rank: UInt32
        var id: UInt64
        var labelled: Bool

        static func < (a: Key, b: Key) -> Bool { (a.ts, a.rank, a.id) < (b.ts, b.rank, b.id) }
        static func == (a: Key, b: Key) -> Bool { (a.ts, a.rank, a.id) == (b.ts, b.rank, b.id) }
    }

    /// Appends the keys of `labelled`'s requests to `bytes`.
    static func append(_ labelled: LabelledBatch, to bytes: inout [UInt8]) {
        let batch = labelled.requests
        for index in 0..<batch.count {
            let id = batch.ids.bytes[batch.ids.range(index)]
            appendLittleEndian(UInt64(bitPattern: batch.timestamps[index]), to: &bytes)
            appendLittleEndian(requestIDValue(id), to: &bytes)
            appendLittleEndian(batch.accounts[index], to: &bytes)
            let flags: UInt32 = index < labelled.campaigns.count && labelled.campaigns[index] >= 0 ? 1 : 0
            appendLittleEndian(flags, to: &bytes)
        }
    }

    /// The numeric value of a generated request id (`req_` and 16 lowercase hex digits), whose
    /// order is the order of the id text.
    static func requestIDValue(_ id: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in id.dropFirst(4) {
            let digit: UInt8 = byte >= UInt8(ascii: "a") ? byte - UInt8(ascii: "a") + 10 : byte &- UInt8(ascii: "0")
            value = value << 4 | UInt64(digit & 0xf)
        }
        return value
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Decodes the record at `offset` of `bytes`.
    static func key(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Key {
        let ts = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        let id = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        let rank = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))
        let flags = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 20, as: UInt32.self))
        return Key(ts: ts, rank: rank, id: id, labelled: flags & 1 == 1)
    }
}
