import Evaluation

/// A detector's entry of `summary.json`: its metrics report with its `status` (`ok`, `error` or
/// `timeout`) and `failure` message (null when ok), in one flat object.
public struct DetectorResult: Sendable, Hashable, Codable {
    public var report: MetricsReport
    public var status: String
    public var failure: String?

    enum CodingKeys: String, CodingKey { case status, failure }

    public init(report: MetricsReport, status: String, failure: String?) {
        self.report = report
        self.status = status
        self.failure = failure
    }

    public init(from decoder: any Decoder) throws {
        report = try MetricsReport(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? "ok"
        failure = try container.decodeIfPresent(String.self, forKey: .failure)
    }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(failure, forKey: .failure)
    }
}
