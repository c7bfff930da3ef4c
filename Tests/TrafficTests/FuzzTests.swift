import Foundation
import Testing
import Traffic

/// Randomly damaged files must give a `TraceError` or requests, never a trap.
struct FuzzTests {
    @Test(arguments: TraceFormat.allCases)
    func damagedFilesNeverCrash(format: TraceFormat) throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: format.requestsFileName)
            try write(trickyRequests, to: url, format: format)
            let original = Array(try Data(contentsOf: url))
            let alphabet = Array(#"{}[]",:\"u0123456789.eE-+tfnl \#n\#r\#t"#.utf8) + [0x00, 0x80, 0xC3, 0xED, 0xF0, 0xFF]
            var state: UInt64 = 0x5EED
            func random(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            for _ in 0..<400 {
                var bytes = original
                for _ in 0..<(1 + random(4)) {
                    let position = random(bytes.count)
                    switch random(4) {
                    case 0: bytes[position] = alphabet[random(alphabet.count)]
                    case 1: bytes.remove(at: position)
                    case 2: bytes.insert(alphabet[random(alphabet.count)], at: position)
                    default: bytes.removeLast(random(bytes.count / 4 + 1))
                    }
                    if bytes.isEmpty { break }
                }
                for skip in [false, true] {
                    let options = RequestReadOptions(chunkSize: 1 + random(64), skipMalformed: skip)
                    do {
                        let result = try readRequests(content: bytes, format: format, options: options)
                        #expect(result.requests.count <= trickyRequests.count + 2)
                    } catch let error as TraceError {
                        #expect(!error.description.contains("\n"))
                        #expect(error.line != nil)
                    }
                }
            }
        }
    }
}
