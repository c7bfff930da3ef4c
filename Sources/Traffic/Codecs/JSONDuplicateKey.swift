import Foundation

/// The first key that appears twice in one JSON object of a document, with its line.
///
/// `JSONDecoder` lets the last of two equal keys win silently (issue 8, item 5); documents the
/// tool reads whole (`truth.json`, `manifest.json`) are scanned once for that before decoding.
/// Keys compare as their raw bytes between the quotes (escapes not resolved), which finds every
/// duplicate a writer produces with one spelling. Valid JSON is assumed; the decoder reports
/// syntax errors.
public struct JSONDuplicateKey: Sendable, Hashable {
    /// The duplicated key, as written.
    public var key: String
    /// Its second appearance's 1-based line.
    public var line: Int

    /// The first duplicate key of `data`, or nil.
    public static func first(in data: Data) -> JSONDuplicateKey? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        /// An open object (its keys so far, and whether the next string is a key) or array.
        struct Container {
            var isObject: Bool
            var keys: Set<[UInt8]> = []
            var expectsKey: Bool
        }
        var open: [Container] = []
        var line = 1
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> JSONDuplicateKey? in
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"): line += 1
                case UInt8(ascii: "{"): open.append(Container(isObject: true, expectsKey: true))
                case UInt8(ascii: "["): open.append(Container(isObject: false, expectsKey: false))
                case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = open.popLast()
                case UInt8(ascii: ","): if open.last?.isObject == true { open[open.count - 1].expectsKey = true }
                case quote:
                    var end = index + 1
                    while end < bytes.count, bytes[end] != quote { end += bytes[end] == backslash ? 2 : 1 }
                    if open.last?.isObject == true, open[open.count - 1].expectsKey {
                        let key = Array(bytes[(index + 1)..<min(end, bytes.count)])
                        if !open[open.count - 1].keys.insert(key).inserted {
                            return JSONDuplicateKey(key: String(decoding: key, as: UTF8.self), line: line)
                        }
                        open[open.count - 1].expectsKey = false
                    }
                    index = end
                default: break
                }
                index += 1
            }
            return nil
        }
    }
}
