/// The encoded bytes of every string of an ``Interner``, by code: writing a symbol field is
/// one copy. New strings are fetched in bulk with ``Interner/strings(from:)``.
struct EncodedSymbols {
    private var table: Interner?
    private let encode: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void
    private var bytes: [UInt8] = []
    /// `ends[code]` is the offset just past the encoding of `code`.
    private var ends: [Int] = []

    /// A cache writing strings with `encode` (``ByteEncoding/appendJSONString(_:to:)`` or
    /// ``ByteEncoding/appendCSVField(_:to:)``).
    init(encode: @escaping (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void) {
        self.encode = encode
    }

    /// Makes the cache serve `table`, dropping what it knew if that was another table.
    mutating func bind(_ table: Interner) {
        guard self.table !== table else { return }
        self.table = table
        bytes.removeAll()
        ends.removeAll()
    }

    /// Appends the encoding of string `code` of the bound table to `output`.
    @inline(__always)
    mutating func append(_ code: UInt32, to output: inout [UInt8]) {
        let code = Int(code)
        if code >= ends.count { fetchNewStrings() }
        let start = code == 0 ? 0 : ends[code - 1]
        output.append(contentsOf: bytes[start..<ends[code]])
    }

    private mutating func fetchNewStrings() {
        guard let table else { return }
        for string in table.strings(from: ends.count) {
            ByteEncoding.append(string, to: &bytes, as: encode)
            ends.append(bytes.count)
        }
    }
}
