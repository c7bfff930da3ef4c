import ArgumentParser
import Evaluation
import Foundation
import ResultsModel
import Simulation
import Traffic

/// A usage problem found after parsing, reported on one line.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Checks shared by the commands: output paths, numbers, lists.
enum CommandSupport {
    /// The output directory `out` (or `fallback` when nil), checked by ``OutputTarget``.
    static func outputDirectory(_ out: String?, fallback: String, inputs: [String], force: Bool) throws -> URL {
        try OutputTarget.check(out ?? fallback, inputs: inputs, force: force)
    }

    /// Checks that `value` is a finite number in `range`.
    static func check(_ value: Double, _ option: String, in range: ClosedRange<Double>, expected: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw CommandError("\(option): expected \(expected), found \(value)")
        }
    }

    /// Checks that `value` is in `range`.
    static func check(_ value: Int, _ option: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw CommandError("\(option): expected an integer from \(range.lowerBound) to \(range.upperBound), found \(value)")
        }
    }

    /// The largest `--scale`: beyond it, the size estimate refuses anyway.
    static let maximumScale = 1_000_000.0

    /// Checks `--scale`.
    static func checkScale(_ scale: Double) throws {
        try check(scale, "--scale", in: Double.leastNonzeroMagnitude...maximumScale, expected: "a number above 0 and at most 1e6")
    }

    /// One seed (`--seed`).
    static func seed(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw CommandError("expected an integer from 0 to \(UInt64.max)")
        }
        return seed
    }

    /// A comma-separated list of seeds: at least one, each a non-negative integer, no repeats.
    static func seeds(_ text: String?, option: String) throws -> [UInt64]? {
        guard let text else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !(parts.count == 1 && parts[0].isEmpty) else {
            throw CommandError("\(option): expected one or more seeds separated by commas, found an empty list")
        }
        var seen = Set<UInt64>()
        return try parts.map { part in
            guard let seed = UInt64(part) else {
                throw CommandError("\(option): \(Terminal.quoted(part)) is not a seed (an integer from 0 to \(UInt64.max))")
            }
            guard seen.insert(seed).inserted else { throw CommandError("\(option): seed \(seed) is listed twice") }
            return seed
        }
    }

    /// Loads a scenario and checks its size at `scale` against the limits.
    static func load(_ path: String, scale: Double, allowLarge: Bool) throws -> (Scenario, ScenarioSize) {
        let scenario = try ScenarioLoader.load(path: path)
        let size = ScenarioSize(scenario, scale: scale)
        try size.check(file: path, allowLarge: allowLarge)
        return (scenario, size)
    }
}

extension CommandSupport {
    /// `--shard I/N`: 1 ≤ I ≤ N ≤ 100,000; nil when not given.
    static func shard(_ text: String?) throws -> (index: Int, count: Int)? {
        guard let text else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), (1...100_000).contains(count), (1...count).contains(index)
        else { throw CommandError("--shard: expected I/N with 1 ≤ I ≤ N ≤ 100000 (e.g. 2/3), found \(Terminal.quoted(text))") }
        return (index, count)
    }

    /// Warns on standard error of each headline detector that did not run to the end.
    static func warnFailures(_ summary: ResultsSummary) {
        for result in summary.detectors {
            if let failure = result.failure {
                FileHandle.standardError.write(
                    Data("warning: detector \(Terminal.escaped(result.report.name)): \(result.status): \(Terminal.escaped(failure))\n".utf8))
            }
        }
    }
}
