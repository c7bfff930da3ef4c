import Foundation
import ResultsModel
import Traffic

/// A partial results folder: what shard I of N of an experiment computed (`run --shard I/N`),
/// as `manifest.json` (the run's manifest; its detectors only if the shard ran the headline unit)
/// and `partial.json` (this type). Written atomically: a folder under the name is complete.
public struct ExperimentPartial: Sendable, Hashable, Codable {
    /// The version of `partial.json`.
    public static let currentVersion = 1
    /// The file holding this type in a partial folder.
    public static let fileName = "partial.json"

    public var formatVersion: Int
    /// ``ExperimentPlan/fingerprint`` of the experiment.
    public var experiment: String
    /// The `distillbench` version that computed it.
    public var harnessVersion: String
    /// This shard, 1-based.
    public var shard: Int
    /// The number of shards.
    public var of: Int
    /// Every unit of the experiment (not only this shard's), so merge needs no experiment file.
    public var plan: [ExperimentUnit]
    /// Every configuration, in order.
    public var configurations: [ExperimentPlan.Configuration]
    /// Whether the experiment has tuning seeds.
    public var tuned: Bool
    /// Peak resident memory of the shard's process, MiB (timing-like).
    public var peakMemoryMiB: Int?
    /// This shard's units.
    public var units: [UnitResult]
    /// The headline's extras, if this shard ran the headline unit.
    public var headline: HeadlineRecord?
    /// The manifest (`manifest.json`), not part of `partial.json`.
    public var manifest: ResultsManifest

    enum CodingKeys: String, CodingKey {
        case experiment, shard, of, plan, configurations, tuned, units, headline
        case formatVersion = "format_version"
        case harnessVersion = "harness_version"
        case peakMemoryMiB = "peak_memory_mib"
    }

    public init(
        experiment: String, shard: Int, of: Int, plan: [ExperimentUnit], configurations: [ExperimentPlan.Configuration], tuned: Bool,
        units: [UnitResult], headline: HeadlineRecord?, manifest: ResultsManifest
    ) {
        formatVersion = Self.currentVersion
        self.experiment = experiment
        harnessVersion = Traffic.harnessVersion
        self.shard = shard
        self.of = of
        self.plan = plan
        self.configurations = configurations
        self.tuned = tuned
        self.units = units
        self.headline = headline
        self.manifest = manifest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try FormatVersion.decode(from: container, forKey: .formatVersion, current: Self.currentVersion, required: true)
        experiment = try container.decode(String.self, forKey: .experiment)
        harnessVersion = try container.decode(String.self, forKey: .harnessVersion)
        shard = try container.decode(Int.self, forKey: .shard)
        of = try container.decode(Int.self, forKey: .of)
        plan = try container.decode([ExperimentUnit].self, forKey: .plan)
        configurations = try container.decode([ExperimentPlan.Configuration].self, forKey: .configurations)
        tuned = try container.decode(Bool.self, forKey: .tuned)
        peakMemoryMiB = try container.decodeIfPresent(Int.self, forKey: .peakMemoryMiB)
        units = try container.decode([UnitResult].self, forKey: .units)
        headline = try container.decodeIfPresent(HeadlineRecord.self, forKey: .headline)
        manifest = ResultsManifest(command: "run", fprBudget: 0, detectors: [], harnessVersion: harnessVersion, machine: [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(experiment, forKey: .experiment)
        try container.encode(harnessVersion, forKey: .harnessVersion)
        try container.encode(shard, forKey: .shard)
        try container.encode(of, forKey: .of)
        try container.encode(plan, forKey: .plan)
        try container.encode(configurations, forKey: .configurations)
        try container.encode(tuned, forKey: .tuned)
        try container.encodeIfPresent(peakMemoryMiB, forKey: .peakMemoryMiB)
        try container.encode(units, forKey: .units)
        try container.encodeIfPresent(headline, forKey: .headline)
    }

    /// The two files' bytes: `manifest.json` and `partial.json`.
    public func encoded() throws -> (manifest: Data, partial: Data) {
        (try ResultsFolder.encode(manifest), try ResultsFolder.encode(self))
    }

    /// The partial as written and read back (what merge sees).
    public func roundTripped() throws -> ExperimentPartial {
        let files = try encoded()
        var copy = try ResultsFolder.decode(ExperimentPartial.self, data: files.partial, file: Self.fileName)
        copy.manifest = try ResultsFolder.decode(ResultsManifest.self, data: files.manifest, file: "manifest.json")
        return copy
    }

    /// Writes the folder at `directory` atomically (replacing a previous one only once complete).
    public func write(to directory: URL) throws {
        let files = try encoded()
        try AtomicDirectory.write(to: directory) { folder in
            try files.manifest.write(to: folder.appending(path: "manifest.json"))
            try files.partial.write(to: folder.appending(path: Self.fileName))
        }
    }

    /// Reads the partial folder at `directory`; errors name the file and key.
    public static func read(from directory: URL) throws(ResultsFormatError) -> ExperimentPartial {
        var partial = try ResultsFolder.decode(ExperimentPartial.self, file: directory.appending(path: fileName))
        partial.manifest = try ResultsFolder.decode(ResultsManifest.self, file: directory.appending(path: "manifest.json"))
        return partial
    }
}
