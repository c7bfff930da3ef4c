import ResultsModel

/// What one unit contributes to the results, as a partial holds it: an evaluation unit's
/// detector results (reports, status, failure), or a tuning unit's average precision per
/// configuration (thresholds are tuned where the evaluation units run; merge needs only these).
public struct UnitResult: Sendable, Hashable, Codable {
    /// A configuration's average precision of the accounts' maximum scores on a tuning seed.
    public struct TuningScore: Sendable, Hashable, Codable {
        public var name: String
        /// Nil without positives or negatives.
        public var ap: Double?

        public init(name: String, ap: Double?) {
            self.name = name
            self.ap = ap
        }
    }

    /// ``ExperimentUnit/index``.
    public var unit: Int
    /// ``ExperimentUnit/key``.
    public var key: String
    /// An evaluation unit's detectors, in configuration order.
    public var detectors: [DetectorResult]?
    /// A tuning unit's scores, in configuration order.
    public var tuning: [TuningScore]?

    public init(unit: Int, key: String, detectors: [DetectorResult]? = nil, tuning: [TuningScore]? = nil) {
        self.unit = unit
        self.key = key
        self.detectors = detectors
        self.tuning = tuning
    }
}
