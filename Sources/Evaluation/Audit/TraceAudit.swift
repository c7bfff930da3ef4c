import Features
import Foundation
import GroundTruth
import Traffic

/// The whole audit of a trace (DESIGN §3, issue 7): per-account features, the single-feature
/// leakage audit (overall and per tactic) and the difficulty probe, with the time each part took.
/// `distillbench audit` prints it.
public struct TraceAudit: Sendable {
    /// Wall-clock seconds of each part.
    public struct Timings: Sendable, Hashable, Encodable {
        /// Reading the trace and computing the per-account features.
        public var features: Double
        /// The single-feature AUCs, overall and per tactic.
        public var leakage: Double
        /// The difficulty probe (every fit).
        public var probe: Double
    }

    /// The single-feature audit.
    public let leakage: LeakageAudit
    /// The difficulty probe.
    public let probe: DifficultyProbeReport
    /// How long each part took.
    public let timings: Timings

    /// Audits `features` against `truth`.
    ///
    /// - Parameters:
    ///   - probe: the probe's settings.
    ///   - threads: the probe's fits run on up to this many threads (the result is the same).
    ///   - featureSeconds: the time it took to compute `features`, for ``timings``.
    /// - Throws: ``AuditError``.
    public init(
        features: FeatureTable, truth: GroundTruth, probe: DifficultyProbe = DifficultyProbe(), threads: Int = 2,
        featureSeconds: Double = 0
    ) throws(AuditError) {
        let clock = ContinuousClock()
        let population = try AuditPopulation(accounts: features.accounts, truth: truth)
        let started = clock.now
        leakage = LeakageAudit(features: features, population: population)
        let leakageDone = clock.now
        self.probe = try probe.run(features: features, population: population, threads: threads)
        timings = Timings(
            features: featureSeconds, leakage: Self.seconds(leakageDone - started),
            probe: Self.seconds(clock.now - leakageDone))
    }

    /// Audits a trace directory: its account table, its requests (streamed, one pass) and its
    /// `truth.json`. Trace start and end are the manifest's when it has one.
    ///
    /// - Throws: see ``features(of:options:)``, and ``AuditError``.
    public init(
        trace: TraceDirectory, options: RequestReadOptions = RequestReadOptions(),
        probe: DifficultyProbe = DifficultyProbe(), threads: Int = 2
    ) throws {
        let clock = ContinuousClock()
        let started = clock.now
        let (features, truth) = try Self.features(of: trace, options: options)
        try self.init(
            features: features, truth: truth, probe: probe, threads: threads,
            featureSeconds: Self.seconds(clock.now - started))
    }

    /// The per-account features and the truth of a trace directory.
    ///
    /// - Parameter options: how to read the requests file.
    /// - Throws: ``AuditError/missingTruth(file:)`` without `truth.json`,
    ///   ``AuditError/missingAccountTable(file:)`` without an account table, ``TraceError``
    ///   and ``GroundTruthError`` for unreadable files, and the other ``AuditError``s.
    public static func features(
        of trace: TraceDirectory, options: RequestReadOptions = RequestReadOptions()
    ) throws -> (FeatureTable, GroundTruth) {
        guard FileManager.default.fileExists(atPath: trace.truthURL.path) else {
            throw AuditError.missingTruth(file: trace.truthURL.relativePath)
        }
        let accounts = try trace.accounts()
        guard !accounts.isEmpty else { throw AuditError.missingAccountTable(file: trace.accountsURL.relativePath) }
        let truth = try GroundTruth.decode(Data(contentsOf: trace.truthURL), file: trace.truthURL.relativePath)
        let manifest = try trace.manifest()
        var features = try AccountFeatures(accounts: accounts, traceStart: manifest?.start, traceEnd: manifest?.end)
        let (reader, _) = try trace.requests(accounts: accounts, options: options)
        while let batch = try reader.next() { try features.add(batch) }
        return (features.table(), truth)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

extension LeakageAudit {
    /// The single-feature audit of a trace directory (see ``TraceAudit/features(of:options:)``).
    ///
    /// - Throws: as ``TraceAudit/features(of:options:)``.
    public init(trace: TraceDirectory, options: RequestReadOptions = RequestReadOptions()) throws {
        let (features, truth) = try TraceAudit.features(of: trace, options: options)
        try self.init(features: features, truth: truth)
    }
}
