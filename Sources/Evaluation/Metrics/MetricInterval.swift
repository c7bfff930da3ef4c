import Statistics

/// The mean of one figure over seeds and its Student-t confidence interval (DESIGN §5 "Over
/// several seeds"; ``ConfidenceInterval/mean(_:level:)``).
///
/// Seeds where the figure is undefined (nil, e.g. precision when nothing is flagged) or
/// infinite (a threshold that flags nothing) are left out; ``n`` counts the seeds used. The
/// bounds are nil with fewer than two values, everything is nil with none: JSON never sees NaN.
public struct MetricInterval: Sendable, Hashable {
    /// The mean over the seeds used.
    public var mean: Double?
    /// The interval's bounds.
    public var lower: Double?
    public var upper: Double?
    /// The number of seeds used.
    public var n: Int
    /// The confidence level (0.95).
    public var level: Double

    public init(mean: Double?, lower: Double?, upper: Double?, n: Int, level: Double) {
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.n = n
        self.level = level
    }

    /// The interval of the defined, finite `values` at confidence `level`.
    public init(_ values: [Double?], level: Double = 0.95) {
        let used = values.compactMap { $0 }.filter(\.isFinite)
        guard !used.isEmpty else {
            self.init(mean: nil, lower: nil, upper: nil, n: 0, level: level)
            return
        }
        let interval = ConfidenceInterval.mean(used, level: level)
        self.init(
            mean: interval.mean, lower: interval.isDefined ? interval.lower : nil,
            upper: interval.isDefined ? interval.upper : nil, n: used.count, level: level)
    }
}

extension MetricInterval: Codable {
    enum CodingKeys: String, CodingKey { case mean, lower, upper, n, level }

    /// Encodes every key, undefined values as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mean, forKey: .mean)
        try container.encode(lower, forKey: .lower)
        try container.encode(upper, forKey: .upper)
        try container.encode(n, forKey: .n)
        try container.encode(level, forKey: .level)
    }
}
