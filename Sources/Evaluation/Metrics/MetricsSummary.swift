import Foundation

/// One detector's metrics over several seeds: the mean and 95 % Student-t interval of every
/// figure (DESIGN §5), per operating point kind, tactic and persona.
public struct MetricsSummary: Sendable, Hashable {
    /// One operating point kind over the seeds.
    public struct Point: Sendable, Hashable {
        /// The kind.
        public var kind: OperatingPoint.Kind
        /// Every scalar figure of ``Metrics`` by its JSON key (``Metrics/figures``).
        public var figures: [String: MetricInterval]
        /// Recall per tactic.
        public var recallByTactic: [String: MetricInterval]
        /// False-positive rate per benign persona, keyed `persona` or `persona (decoy)`.
        public var falsePositiveRateByPersona: [String: MetricInterval]
    }

    /// The detector's name.
    public var name: String
    /// The number of seeds summarized.
    public var seeds: Int
    /// How many of them had truth (only those have metrics).
    public var available: Int
    /// AP, ROC-AUC and throughput over the seeds.
    public var averagePrecision: MetricInterval
    public var rocAUC: MetricInterval
    public var throughputRPS: MetricInterval
    /// Each operating point kind present in any seed, in ``OperatingPoint/Kind`` order.
    public var operatingPoints: [Point]

    /// The summary of one detector's `reports`, one per seed.
    public init(name: String, reports: [MetricsReport], level: Double = 0.95) {
        self.name = name
        seeds = reports.count
        let withTruth = reports.filter(\.available)
        available = withTruth.count
        averagePrecision = MetricInterval(withTruth.map(\.averagePrecision), level: level)
        rocAUC = MetricInterval(withTruth.map(\.rocAUC), level: level)
        throughputRPS = MetricInterval(reports.map(\.throughputRPS), level: level)
        operatingPoints = OperatingPoint.Kind.allCases.compactMap { kind in
            let points = withTruth.compactMap { $0.operatingPoint(kind) }
            guard !points.isEmpty else { return nil }
            var figures: [String: [Double?]] = [:]
            var tactics: [String: [Double?]] = [:]
            var personas: [String: [Double?]] = [:]
            for point in points {
                for (key, value) in point.metrics.figures { figures[key, default: []].append(value) }
                for row in point.byTactic { tactics[row.tactic, default: []].append(row.recall) }
                for row in point.byPersona {
                    personas[row.decoy ? "\(row.persona) (decoy)" : row.persona, default: []].append(
                        row.falsePositiveRate)
                }
            }
            return Point(
                kind: kind, figures: figures.mapValues { MetricInterval($0, level: level) },
                recallByTactic: tactics.mapValues { MetricInterval($0, level: level) },
                falsePositiveRateByPersona: personas.mapValues { MetricInterval($0, level: level) })
        }
    }

    /// The interval of the figure `key` (a ``Metrics`` JSON key) at operating point `kind`, if reported.
    public func interval(_ key: String, at kind: OperatingPoint.Kind) -> MetricInterval? {
        operatingPoints.first { $0.kind == kind }?.figures[key]
    }

    /// Deterministic JSON: sorted keys, pretty-printed.
    public func encoded() throws -> Data {
        try MetricsReport.encoder.encode(self)
    }
}

extension MetricsSummary: Codable {
    enum CodingKeys: String, CodingKey {
        case name, seeds, available
        case averagePrecision = "ap"
        case rocAUC = "roc_auc"
        case throughputRPS = "throughput_rps"
        case operatingPoints = "operating_points"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(seeds, forKey: .seeds)
        try container.encode(available, forKey: .available)
        try container.encode(averagePrecision, forKey: .averagePrecision)
        try container.encode(rocAUC, forKey: .rocAUC)
        try container.encode(throughputRPS, forKey: .throughputRPS)
        try container.encode(operatingPoints, forKey: .operatingPoints)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        seeds = try container.decode(Int.self, forKey: .seeds)
        available = try container.decode(Int.self, forKey: .available)
        averagePrecision = try container.decode(MetricInterval.self, forKey: .averagePrecision)
        rocAUC = try container.decode(MetricInterval.self, forKey: .rocAUC)
        throughputRPS = try container.decode(MetricInterval.self, forKey: .throughputRPS)
        operatingPoints = try container.decode([Point].self, forKey: .operatingPoints)
    }
}

extension MetricsSummary.Point: Codable {
    /// Keys of a flat object: `kind`, one key per figure, `by_tactic`, `by_persona`.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One flat object: `kind`, each figure's interval under its ``Metrics`` key, and
    /// `by_tactic` / `by_persona` objects of intervals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: Key(stringValue: "kind"))
        for (key, interval) in figures { try container.encode(interval, forKey: Key(stringValue: key)) }
        try container.encode(recallByTactic, forKey: Key(stringValue: "by_tactic"))
        try container.encode(falsePositiveRateByPersona, forKey: Key(stringValue: "by_persona"))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        kind = try container.decode(OperatingPoint.Kind.self, forKey: Key(stringValue: "kind"))
        recallByTactic = try container.decode([String: MetricInterval].self, forKey: Key(stringValue: "by_tactic"))
        falsePositiveRateByPersona = try container.decode(
            [String: MetricInterval].self, forKey: Key(stringValue: "by_persona"))
        var figures: [String: MetricInterval] = [:]
        for key in container.allKeys where !["kind", "by_tactic", "by_persona"].contains(key.stringValue) {
            figures[key.stringValue] = try container.decode(MetricInterval.self, forKey: key)
        }
        self.figures = figures
    }
}
