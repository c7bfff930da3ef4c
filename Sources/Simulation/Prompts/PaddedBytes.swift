/// Read-only UTF-8 text followed by ``PromptBuffer/slack`` zero bytes, so that
/// ``PromptBuffer`` may copy a phrase in whole 16-byte chunks, reading up to 31 bytes past its
/// end, without reading outside the allocation. The only source ``PromptBuffer`` copies
/// phrases from, so the padding it relies on is guaranteed by this type.
struct PaddedBytes {
    /// The text's first byte.
    let base: UnsafePointer<UInt8>
    /// Bytes of text (the padding excluded).
    let count: Int
    private let storage: UnsafeMutableBufferPointer<UInt8>

    /// A copy of `bytes` followed by the padding; free it with ``deallocate()``.
    init(_ bytes: [UInt8]) {
        storage = .allocate(capacity: bytes.count + PromptBuffer.slack)
        _ = storage.initialize(from: bytes + [UInt8](repeating: 0, count: PromptBuffer.slack))
        base = UnsafePointer(storage.baseAddress!)
        count = bytes.count
    }

    /// Frees the storage.
    func deallocate() { storage.deallocate() }
}
