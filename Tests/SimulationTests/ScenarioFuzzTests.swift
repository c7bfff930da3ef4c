import Foundation
import Simulation
import Testing

/// Randomly damaged scenario files must load or give a one-line `ScenarioError`, never trap:
/// numbers are mutated towards the extremes (`1e300d`, `9e18` accounts) that once crashed
/// (issue 8, item 2), and every loaded scenario's size estimate is computed too. Bounded in
/// time; `DISTILLBENCH_FUZZ_INPUTS=N` runs N inputs instead.
struct ScenarioFuzzTests {
    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
    }

    /// Tokens that tend to break YAML or the loader's numbers.
    static let tokens = [
        "1e300", "9223372036854775807", "9223372036854775808", "-1", "0", "0.0000001", "nan", "inf", "-0", "1e-320",
        "100000w", "5200w", "1s", "0s", "~", "null", "[]", "{}", "&a", "*a", "!!binary", "\"\\e[2J\"", "'", "\"", ":",
        "- ", "\n", "\n  ", "#", "\t", "\u{1B}", "日本", "_", "9_000_000_000_000_000_000",
    ]

    @Test func damagedScenariosNeverCrash() throws {
        let original = Array(TestScenarios.allPersonas().utf8)
        let (limit, seconds) = (ProcessInfo.processInfo.environment["DISTILLBENCH_FUZZ_INPUTS"].flatMap { Int($0) }, 3.0)
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var dice = Dice(state: 0x5CE7A210)
        var inputs = 0
        var loaded = 0
        while limit.map({ inputs < $0 }) ?? (ContinuousClock.now < deadline) {
            var bytes = original
            for _ in 0..<(1 + dice.next(3)) {
                guard !bytes.isEmpty else { break }
                let position = dice.next(bytes.count)
                switch dice.next(5) {
                case 0, 1:
                    // Replace a run of digits or a word with a hostile token.
                    var end = position
                    while end < bytes.count, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: "\n"),
                        bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: "}")
                    {
                        end += 1
                    }
                    bytes.replaceSubrange(position..<end, with: Array(Self.tokens[dice.next(Self.tokens.count)].utf8))
                case 2: bytes.remove(at: position)
                case 3: bytes.insert(UInt8(truncatingIfNeeded: dice.next(256)), at: position)
                default: bytes.removeLast(dice.next(bytes.count / 3 + 1))
                }
            }
            do {
                let scenario = try ScenarioLoader.parse(Data(bytes), file: "fuzz.yaml")
                let size = ScenarioSize(scenario, scale: [1e-9, 1, 1e6][dice.next(3)])
                #expect(!size.summary.isEmpty)
                loaded += 1
            } catch {
                #expect(!error.description.contains("\n"), "input \(inputs)")
            }
            inputs += 1
        }
        print("fuzz scenario loader: \(inputs) inputs (\(loaded) loaded), no crash")
        #expect(inputs > 0)
    }
}
