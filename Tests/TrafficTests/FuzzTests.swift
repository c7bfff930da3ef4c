import Foundation
import Testing
import Traffic

#if canImport(Glibc)
    import Glibc
#endif

/// Randomly damaged files must give a `TraceError` or requests, never a trap, a hang or a
/// multi-line error. A seeded mutation loop (libFuzzer's `-sanitize=fuzzer` is not in the
/// Linux toolchain's runtime here): bounded in time in `make test`; set
/// `DISTILLBENCH_FUZZ_INPUTS=N` to run N inputs per format instead (the README's long run).
struct FuzzTests {
    /// Seconds per format in an ordinary test run.
    static let seconds = 2.0

    /// How many inputs to run: the environment's count, or as many as fit in ``seconds``.
    static var budget: (inputs: Int?, seconds: Double) {
        let inputs = ProcessInfo.processInfo.environment["DISTILLBENCH_FUZZ_INPUTS"].flatMap { Int($0) }
        return (inputs, inputs == nil ? seconds : .infinity)
    }

    /// A tiny deterministic generator (PCG-style LCG), so failures reproduce.
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
    }

    /// Mutates `bytes` in place: replace, delete, insert, duplicate a span, truncate.
    static func mutate(_ bytes: inout [UInt8], alphabet: [UInt8], dice: inout Dice) {
        for _ in 0..<(1 + dice.next(4)) {
            guard !bytes.isEmpty else { return }
            let position = dice.next(bytes.count)
            switch dice.next(6) {
            case 0: bytes[position] = alphabet[dice.next(alphabet.count)]
            case 1: bytes.remove(at: position)
            case 2: bytes.insert(alphabet[dice.next(alphabet.count)], at: position)
            case 3:
                let length = min(bytes.count - position, 1 + dice.next(40))
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: dice.next(bytes.count))
            case 4: bytes[position] = UInt8(truncatingIfNeeded: dice.next(256))
            default: bytes.removeLast(dice.next(bytes.count / 4 + 1))
            }
        }
    }

    /// Reads `bytes` through a pipe (no file system in the loop).
    static func read(_ bytes: [UInt8], format: TraceFormat, options: RequestReadOptions) throws -> Int {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw TraceError.io(file: "pipe", reason: "cannot create a pipe") }
        let writer = FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
        let reading = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true)
        try writer.write(contentsOf: bytes)  // Inputs stay far below the pipe's 64 KiB.
        try writer.close()
        let name = format.requestsFileName
        let reader = format.requestReader(fileHandle: reading, name: name, options: options)
        var count = 0
        while let batch = try reader.next() { count += batch.count }
        return count
    }

    @Test(arguments: TraceFormat.allCases)
    func damagedFilesNeverCrash(format: TraceFormat) throws {
        let original = try withTemporaryDirectory { directory in
            let url = directory.appending(path: format.requestsFileName)
            try write(trickyRequests + trickyRequests.map { request in
                var copy = request
                copy.id += "-again"
                return copy
            }.sorted { ($0.ts, $0.account, $0.id) < ($1.ts, $1.account, $1.id) }, to: url, format: format)
            return Array(try Data(contentsOf: url))
        }
        #expect(original.count < 60_000)
        let alphabet = Array(#"{}[]",:\"u0123456789.eE-+tfnl =@'"#.utf8) + [0x0A, 0x0D, 0x09, 0x00, 0x80, 0xC3, 0xED, 0xF0, 0xFF]
        var dice = Dice(state: format == .csv ? 0xC5F : 0x5EED)
        let (limit, seconds) = Self.budget
        let deadline = ContinuousClock.now + .milliseconds(Int(min(seconds, 1e6) * 1000))
        var inputs = 0
        while limit.map({ inputs < $0 }) ?? (ContinuousClock.now < deadline) {
            var bytes = original
            Self.mutate(&bytes, alphabet: alphabet, dice: &dice)
            let options = RequestReadOptions(
                batchSize: 1 + dice.next(8), chunkSize: 1 + dice.next(64), skipMalformed: dice.next(2) == 0,
                maxLineBytes: 64 + dice.next(4096))
            do {
                let count = try Self.read(bytes, format: format, options: options)
                #expect(count <= 2 * trickyRequests.count + 4)
            } catch let error as TraceError {
                #expect(!error.description.contains("\n"), "input \(inputs)")
                if case .io = error {} else { #expect(error.line != nil, "input \(inputs)") }
            }
            inputs += 1
        }
        print("fuzz \(format.rawValue) requests reader: \(inputs) inputs, no crash")
        #expect(inputs > 0)
    }
}
