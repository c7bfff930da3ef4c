import Foundation
import Simulation
import Traffic

extension Generate {
    /// `generate --shard I/N`: writes one partition of the trace for `merge-traces`.
    func writePartition(_ partition: ActorPartition, of loaded: Scenario, size: ScenarioSize) throws {
        let fallback = "out/\(loaded.name).part-\(partition.index)-of-\(partition.count)"
        let directory = try CommandSupport.outputDirectory(out, fallback: fallback, inputs: [scenario], force: force)
        let started = Date()
        let generator = TrafficGenerator(scenario: loaded, seed: seed, scale: scale)
        let bar = ProgressBar("generating partition \(partition) of \(loaded.name) (\(size.summary))")
        let manifest = try TracePartExport.write(
            generator, partition: partition, to: directory, format: format, threads: threads, progress: bar.update)
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        print(
            "wrote partition \(partition): \(manifest.requests) requests to \(Terminal.escaped(out ?? fallback)) "
                + "in \(String(format: "%.1f", seconds)) s (seed \(manifest.seed)); merge all \(partition.count) with distillbench merge-traces"
        )
    }
}
