import ArgumentParser
import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import Simulation
import Traffic

/// `distillbench bench`: the throughput figures of issue 2, measured, not asserted.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure generation, JSONL writing and JSONL reading throughput.",
        discussion: """
            Generation runs on one thread with prompt text, consuming batches in memory. Writing
            times only the JSONL writer's calls; reading re-reads that file. Each figure is the
            median of --repeats runs. --scale-test generates the 10-million-request,
            1-million-account scenario on all cores and reports peak memory.
            """)

    @Option(help: "Scenario for the throughput runs.")
    var scenario = "Benchmarks/throughput.yaml"

    @Option(parsing: .unconditional, help: "Repeats per figure, 1 to 1000 (the median is reported).")
    var repeats = 3

    @Flag(help: "Measure generation only (no file written or read).")
    var generationOnly = false

    @Flag(help: "Measure each detector over the scenario's batches held in memory (one thread each).")
    var detectors = false

    @Flag(help: "With --detectors, measure the shared prompt features only.")
    var featuresOnly = false

    @Option(name: .customLong("detector-list"), parsing: .unconditional, help: "The detectors --detectors measures (specs, or all).")
    var detectorList = "all"

    @Flag(help: "Also run the 10M-request, 1M-account scenario (Benchmarks/scale-10m.yaml) and report peak memory.")
    var scaleTest = false

    func validate() throws {
        try CommandSupport.check(repeats, "--repeats", in: 1...1000)
    }

    func run() throws {
        let (loaded, _) = try CommandSupport.load(scenario, scale: 1, allowLarge: scaleTest)
        let directory = FileManager.default.temporaryDirectory.appending(path: "distillbench-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            do {
                try FileManager.default.removeItem(at: directory)
            } catch {
                FileHandle.standardError.write(Data("warning: cannot remove \(directory.path): \(error.localizedDescription)\n".utf8))
            }
        }
        let file = directory.appending(path: "requests.jsonl")

        var generation: [Double] = []
        var writing: [Double] = []
        var reading: [Double] = []
        var requests = 0
        var bytes = 0
        for _ in 0..<repeats {
            let generator = TrafficGenerator(scenario: loaded)
            var count = 0
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                count = generator.run(threads: 1) { _ in }
            }
            generation.append(Double(count) / elapsed.seconds)
            requests = count
            if generationOnly { continue }

            let writer = try JSONLRequestWriter(url: file)
            var writeTime = Duration.zero
            try generator.run(threads: 1) { batch in
                writeTime += try clock.measure { try writer.write(batch) }
            }
            writeTime += try clock.measure { try writer.close() }
            writing.append(Double(count) / writeTime.seconds)
            bytes = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0

            let readTime = try clock.measure {
                let reader = try JSONLRequestReader(url: file, symbols: Interner(), accountNames: Interner())
                var read = 0
                while let batch = try reader.next() { read += batch.count }
                precondition(read == count, "read back \(read) of \(count) requests")
            }
            reading.append(Double(count) / readTime.seconds)
        }
        print("scenario \(loaded.name): \(requests) requests, \(bytes / max(requests, 1)) bytes per JSONL line")
        print(row("generate (1 thread, with prompts)", generation))
        if !generationOnly {
            print(row("write JSONL", writing))
            print(row("read JSONL", reading))
        }

        if detectors {
            let generator = TrafficGenerator(scenario: loaded)
            var batches: [RequestBatch] = []
            generator.run(threads: 2) { batches.append($0) }
            // The evaluator's own overhead: the runner feeding the null detector.
            let replay = MemoryReplay(batches: batches, accounts: generator.accounts)
            var overhead: [Double] = []
            for _ in 0..<max(1, repeats) {
                let elapsed = try ContinuousClock().measure { _ = try DetectorRunner.run([NullDetector()], replay: replay) }
                overhead.append(Double(batches.reduce(0) { $0 + $1.count }) / elapsed.seconds)
            }
            print(row("evaluator overhead (runner + null)", overhead))
            let detectorList = try DetectorCatalog.detectors(detectorList)
            let needs = detectorList.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
            // Beside the wall-clock figure, the CPU time per prompt over every round: on a shared
            // machine the wall clock also counts other programs' turns, the CPU time does not.
            let prompts = Double(batches.reduce(0) { $0 + $1.count } * (max(1, repeats) + 1))
            for (label, set) in [("embedding", PromptFeatureSet.embedding), ("minhash", .minHash), ("text hash", .textHash), ("all", .all)] {
                let cpuBefore = Self.processCPUSeconds()
                let figure = try ThroughputMeter.measureFeatures(batches: batches, needs: set, repeats: repeats)
                let cpu = (Self.processCPUSeconds() - cpuBefore) / prompts
                print(row("prompt features: \(label) (1 thread)", [figure.requestsPerSecond]) + String(format: "  CPU %.0f ns/prompt", cpu * 1e9))
            }
            if featuresOnly { return }
            let features = ThroughputMeter.features(of: batches, needs: needs)
            for detector in detectorList {
                let figure = try ThroughputMeter.measure(
                    detector, batches: batches, features: features, accounts: generator.accounts, repeats: repeats)
                print(row("detector \(detector.name)", [figure.requestsPerSecond]))
            }
            // The pipe to an external program alone (`sh -c 'cat >/dev/null'`), on the first 200,000
            // requests: encoding, writing and the kernel, without and with the embedding.
            var head: [RequestBatch] = []
            for batch in batches where head.reduce(0, { $0 + $1.count }) < 200_000 { head.append(batch) }
            for (label, sent) in [("external pipe (sh + cat)", PromptFeatureSet()), ("external pipe + embedding", .embedding)] {
                let figure = try ThroughputMeter.measure(
                    try ExternalDetector.pipeProbe(features: sent), batches: head, features: ThroughputMeter.features(of: head, needs: sent),
                    accounts: generator.accounts, repeats: repeats)
                print(row(label, [figure.requestsPerSecond]))
            }
        }

        if scaleTest {
            let big = try ScenarioLoader.load(path: "Benchmarks/scale-10m.yaml")
            let clock = ContinuousClock()
            var count = 0
            var accounts = 0
            let threads = ProcessInfo.processInfo.activeProcessorCount
            let elapsed = clock.measure {
                let generator = TrafficGenerator(scenario: big)
                accounts = generator.accounts.count
                count = generator.run(threads: threads) { _ in }
            }
            print(
                "scale test \(big.name): \(count) requests, \(accounts) accounts in \(String(format: "%.1f", elapsed.seconds)) s "
                    + "on \(threads) threads (\(Int(Double(count) / max(elapsed.seconds, 1e-9))) requests/s); "
                    + "peak memory \(Throughput.peakMemoryMiB()) MiB")
        }
    }

    /// CPU seconds this process has used.
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    private func row(_ label: String, _ values: [Double]) -> String {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        let padded = label.padding(toLength: 36, withPad: " ", startingAt: 0)
        return "\(padded) \(String(format: "%12.0f", median)) requests/s  (\(String(format: "%.0f", 1e9 / median)) ns/request)"
    }
}
