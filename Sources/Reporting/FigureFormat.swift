import Evaluation
import Foundation

/// Figures as people read them (issue 11): a metric rounded to what its seed interval supports,
/// throughput with units, durations in s, min, h or d. Fixed rules and no locale, so pages and
/// tables are the same bytes on every machine.
public enum FigureFormat {
    /// A single value with three significant decimals (`0.854`, `12.3`, `0.00123`); "—" for nil.
    public static func value(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 1 ? 3 - Int(log10(magnitude).rounded(.down)) - 1 : min(8, 2 - Int(log10(magnitude).rounded(.down)))
        return trimmed(String(format: "%.\(max(0, decimals))f", value))
    }

    /// The decimals an interval's half-width supports: the place of its first significant digit
    /// (a half-width of 0.023 gives 2: `0.85 ± 0.02`); nil when the half-width is 0 or undefined.
    public static func decimals(halfWidth: Double?) -> Int? {
        guard let halfWidth, halfWidth.isFinite, halfWidth > 0 else { return nil }
        return max(0, min(8, -Int(log10(halfWidth).rounded(.down))))
    }

    /// A metric over seeds: `mean ± half-width`, both rounded to the half-width's first
    /// significant digit; a single seed or an undefined interval falls back to ``value(_:)``.
    public static func interval(_ interval: MetricInterval?) -> String {
        guard let interval, let mean = interval.mean else { return "—" }
        guard interval.n > 1, let lower = interval.lower, let upper = interval.upper,
            let decimals = decimals(halfWidth: (upper - lower) / 2)
        else { return value(mean) }
        let half = (upper - lower) / 2
        return String(format: "%.\(decimals)f ± %.\(decimals)f", mean, half)
    }

    /// Requests per second with units: `850 req/s`, `374k req/s`, `1.2M req/s`; "—" for nil.
    public static func throughput(_ rps: Double?) -> String {
        guard let rps, rps.isFinite, rps > 0 else { return "—" }
        switch rps {
        case ..<1_000: return "\(Int(rps.rounded())) req/s"
        case ..<1_000_000: return "\(significant(rps / 1_000))k req/s"
        case ..<1_000_000_000: return "\(significant(rps / 1_000_000))M req/s"
        default: return "\(significant(rps / 1_000_000_000))G req/s"
        }
    }

    /// A duration in seconds as s, min, h or d with three significant digits; "—" for nil.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        switch abs(seconds) {
        case ..<120: return "\(significant(seconds)) s"
        case ..<7_200: return "\(significant(seconds / 60)) min"
        case ..<172_800: return "\(significant(seconds / 3_600)) h"
        default: return "\(significant(seconds / 86_400)) d"
        }
    }

    /// A count with thin grouping: `1,014,266`.
    public static func count(_ value: Int?) -> String {
        guard let value else { return "—" }
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Three significant digits, trailing zeros dropped (`374`, `37.4`, `1.2`).
    static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        return trimmed(String(format: "%.\(decimals)f", value))
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
