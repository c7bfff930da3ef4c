// libFuzzer target for the JSONL and CSV request readers (issue 8, "fuzz target").
// Built with the Traffic sources by scripts/fuzz-readers.sh (swiftc -sanitize=fuzzer,address);
// not part of the package, whose test suite runs the seeded mutation loop instead.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0, size < 60_000 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks the format and the options, so one corpus drives both readers.
    let selector = bytes[0]
    let format: TraceFormat = selector & 1 == 0 ? .jsonl : .csv
    let options = RequestReadOptions(
        batchSize: 1 + Int(selector >> 5), chunkSize: [4096, 4096, 4096, 4096, 512, 64, 7, 1][Int((selector >> 1) & 7)],
        skipMalformed: selector & 0x10 != 0, maxLineBytes: 4096)
    var descriptors: [Int32] = [0, 0]
    guard pipe(&descriptors) == 0 else { return 0 }
    let writer = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
    let reading = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true)
    do {
        try writer.write(contentsOf: bytes.dropFirst())
        try writer.close()
    } catch {
        return 0
    }
    let name = format.requestsFileName
    let reader = format.requestReader(fileHandle: reading, name: name, options: options)
    do {
        var checker = RequestChecker(
            file: name, headerLines: format == .csv ? 1 : 0, accountCount: 0, hasAccountTable: false,
            accountsFile: "accounts", timeRange: nil)
        while let batch = try reader.next() {
            precondition(!batch.isEmpty, "an empty batch")
            _ = try checker.check(batch, skipInvalid: true)
        }
    } catch let error as TraceError {
        precondition(!error.description.contains("\n"), "a multi-line error: \(error)")
    } catch {
        preconditionFailure("not a TraceError: \(error)")
    }
    return 0
}
