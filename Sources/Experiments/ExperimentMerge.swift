import Evaluation
import Foundation
import Reporting
import ResultsModel
import Traffic

/// Combines the partials of every shard of an experiment into the results folder one `run`
/// writes: the same `summary.json`, leaderboards, sweeps and intervals (timings aside). A
/// single `run` goes through here too, with its one partial as written and read back, so the two
/// agree by construction.
public enum ExperimentMerge {
    /// A results folder ready to write with ``ResultsWriter/write(manifest:summary:files:to:)``.
    public struct Results: Sendable {
        public var manifest: ResultsManifest
        public var summary: ResultsSummary
        public var files: [String: Data]
    }

    /// Checks that `partials` (named by `sources` in messages) are every shard of one
    /// experiment, once each, by this version, and combines them.
    ///
    /// - Throws: ``ExperimentError``: another experiment or version, a missing or duplicate shard.
    public static func combine(_ partials: [ExperimentPartial], sources: [String]) throws(ExperimentError) -> Results {
        guard let first = partials.first else { throw ExperimentError("no partials to merge") }
        for (partial, source) in zip(partials, sources) {
            guard partial.harnessVersion == Traffic.harnessVersion else {
                throw ExperimentError(
                    "\(source): written by distillbench \(partial.harnessVersion); this is \(Traffic.harnessVersion): run the shard again")
            }
            guard partial.experiment == first.experiment else {
                throw ExperimentError(
                    "\(source): a partial of another experiment (\(partial.experiment.prefix(12))…, not \(first.experiment.prefix(12))… as \(sources[0]))")
            }
            guard partial.of == first.of, (1...first.of).contains(partial.shard) else {
                throw ExperimentError("\(source): shard \(partial.shard)/\(partial.of), but \(sources[0]) is of \(first.of) shards")
            }
        }
        var byShard: [Int: String] = [:]
        for (partial, source) in zip(partials, sources) {
            if let other = byShard[partial.shard] {
                throw ExperimentError("shard \(partial.shard)/\(first.of) given twice: \(other) and \(source)")
            }
            byShard[partial.shard] = source
        }
        if let missing = (1...first.of).first(where: { byShard[$0] == nil }) {
            throw ExperimentError("shard \(missing)/\(first.of) is missing")
        }
        var results: [Int: UnitResult] = [:]
        for (partial, source) in zip(partials, sources) {
            for result in partial.units {
                guard result.unit < first.plan.count, first.plan[result.unit].key == result.key else {
                    throw ExperimentError("\(source): unit \(result.unit) is not a unit of this experiment")
                }
                guard results.updateValue(result, forKey: result.unit) == nil else {
                    throw ExperimentError("\(source): unit \(result.unit) (\(result.key)) is in two partials")
                }
            }
        }
        if let missing = first.plan.first(where: { results[$0.index] == nil }) {
            throw ExperimentError("unit \(missing.index) (\(missing.key)) is in no partial")
        }
        guard let headlineUnit = first.plan.first(where: { $0.role == .evaluation }),
            let headlinePartial = partials.first(where: { $0.headline != nil }), let headline = headlinePartial.headline,
            let headlineDetectors = results[headlineUnit.index]?.detectors
        else { throw ExperimentError("no partial holds the headline evaluation (\(first.plan.first?.label ?? "none"))") }

        let units = first.plan
        var evaluations: [ResultsSummary.Evaluation] = []
        var overSeeds: [ResultsSummary.OverSeeds] = []
        var best: [BestConfiguration] = []
        for scenario in Array(Set(units.map(\.scenario))).sorted() {
            let ofScenario = units.filter { $0.scenario == scenario }
            let label = ofScenario[0].scenarioName
            var reports: [String: [MetricsReport]] = [:]
            for unit in ofScenario where unit.role == .evaluation {
                let detectors = results[unit.index]?.detectors ?? []
                evaluations.append(.init(label: unit.label, detectors: detectors))
                for result in detectors { reports[result.report.name, default: []].append(result.report) }
            }
            let summaries = reports.keys.sorted().map { MetricsSummary(name: $0, reports: reports[$0] ?? []) }
            overSeeds.append(.init(label: label, detectors: summaries))
            guard first.tuned else { continue }
            var tuningAP: [String: [Double]] = [:]
            for unit in ofScenario where unit.role == .tuning {
                for score in results[unit.index]?.tuning ?? [] { if let ap = score.ap { tuningAP[score.name, default: []].append(ap) } }
            }
            var families: [String] = []
            for configuration in first.configurations where !families.contains(configuration.detector) {
                families.append(configuration.detector)
            }
            for family in families {
                let candidates = first.configurations.filter { $0.detector == family }.map(\.name)
                let scored = candidates.compactMap { name -> (name: String, ap: Double)? in
                    guard let aps = tuningAP[name], !aps.isEmpty else { return nil }
                    return (name, aps.reduce(0, +) / Double(aps.count))
                }
                guard let chosen = scored.max(by: { ($0.ap, $1.name) < ($1.ap, $0.name) }),
                    let evaluation = summaries.first(where: { $0.name == chosen.name })
                else { continue }
                best.append(
                    BestConfiguration(
                        label: label, detector: family, configuration: chosen.name, candidates: candidates.count, tuningAP: chosen.ap,
                        evaluation: evaluation))
            }
        }
        var manifest = headlinePartial.manifest
        manifest.detectors = headline.configurations
        let peak = partials.compactMap(\.peakMemoryMiB).max()
        var summary = ResultsSummary(
            detectors: headlineDetectors, evaluations: evaluations, overSeeds: overSeeds, peakMemoryMiB: peak,
            composition: headline.composition, activity: headline.activity, topAccounts: headline.topAccounts)
        // Only a grid (a detector with several configurations) has a best configuration to report.
        summary.best = first.tuned && best.contains { $0.candidates > 1 } ? best : nil
        return Results(manifest: manifest, summary: summary, files: headline.files)
    }

    /// Reads the partial folders at `paths` and combines them.
    public static func combine(paths: [String]) throws -> Results {
        let partials = try paths.map { path throws(ResultsFormatError) in try ExperimentPartial.read(from: URL(filePath: path)) }
        return try combine(partials, sources: paths)
    }
}
