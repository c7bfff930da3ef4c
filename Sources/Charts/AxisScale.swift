import Foundation

/// A ``ChartAxis`` fitted to data: its bounds, its ticks and the mapping of values to 0…1.
struct AxisScale: Equatable {
    /// One tick: its value, its label and whether it is a major tick (always a labelled candidate).
    struct Tick: Equatable {
        var value: Double
        var label: String
        var isMajor: Bool
    }

    let axis: ChartAxis
    let lower: Double
    let upper: Double
    let ticks: [Tick]

    /// Fits `axis` to `values` (those it cannot draw ignored) with about `tickCount` ticks on a
    /// linear axis; `nil` when there is nothing to draw and no fixed range.
    init?(axis: ChartAxis, values: [Double], tickCount: Int = 5) {
        self.axis = axis
        let drawable = values.filter(axis.accepts)
        switch axis.scale {
        case .linear:
            guard let fitted = Self.linearBounds(axis: axis, values: drawable) else { return nil }
            var step = Self.niceStep(span: fitted.upper - fitted.lower, count: max(tickCount, 2))
            if axis.wholeNumbers, step.exponent < 0 { step = Step(mantissa: 1, exponent: 0) }
            var lower = fitted.lower
            var upper = fitted.upper
            if axis.range == nil, let low = Self.integer((lower / step.value).rounded(.down)),
                let high = Self.integer((upper / step.value).rounded(.up))
            {
                lower = step.multiple(low)
                upper = step.multiple(high)
            }
            self.lower = lower
            self.upper = upper
            self.ticks = Self.linearTicks(lower: lower, upper: upper, step: step)
        case .log:
            var low = drawable.min()
            var high = drawable.max()
            if let range = axis.range {
                if range.lowerBound > 0 { low = range.lowerBound }
                if range.upperBound > 0 { high = range.upperBound }
            }
            guard let dataLow = low, let dataHigh = high, dataLow > 0, dataHigh >= dataLow else { return nil }
            let fixedLow = axis.range.map { $0.lowerBound > 0 } ?? false
            let fixedHigh = axis.range.map { $0.upperBound > 0 } ?? false
            let lowDecade = ChartNumberFormat.decade(dataLow)
            var highDecade = ChartNumberFormat.decade(dataHigh)
            if ChartNumberFormat.powerOfTen(highDecade) < dataHigh { highDecade += 1 }
            if highDecade == lowDecade { highDecade += 1 }
            self.lower = fixedLow ? dataLow : ChartNumberFormat.powerOfTen(lowDecade)
            let decadeHigh = min(ChartNumberFormat.powerOfTen(highDecade), .greatestFiniteMagnitude)
            self.upper = fixedHigh ? min(max(dataHigh, self.lower * 10), .greatestFiniteMagnitude) : decadeHigh
            self.ticks = Self.logTicks(lower: self.lower, upper: self.upper)
        }
    }

    /// Where `value` falls between the bounds, 0 at `lower` and 1 at `upper`, clamped to 0…1.
    func fraction(_ value: Double) -> Double {
        let raw: Double
        switch axis.scale {
        case .linear:
            raw = (value - lower) / (upper - lower)
        case .log:
            raw = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        guard raw.isFinite else { return 0 }
        return min(max(raw, 0), 1)
    }

    // MARK: - Linear

    /// A step of 1, 2 or 5 × 10^exponent.
    struct Step: Equatable {
        var mantissa: Int
        var exponent: Int
        var value: Double { multiple(1) }

        /// `k × step`, computed so that 3 × 0.1 is the double nearest 0.3.
        func multiple(_ k: Int) -> Double {
            exponent >= 0
                ? Double(k * mantissa) * ChartNumberFormat.powerOfTen(exponent)
                : Double(k * mantissa) / ChartNumberFormat.powerOfTen(-exponent)
        }
    }

    /// `value` as an Int when it is whole and small enough that `k × 5` cannot overflow.
    static func integer(_ value: Double) -> Int? {
        value.isFinite && abs(value) < 1e15 ? Int(value) : nil
    }

    /// The nice step (1, 2 or 5 × 10^k) that cuts `span` into about `count` intervals.
    static func niceStep(span: Double, count: Int) -> Step {
        let raw = span / Double(count)
        guard raw.isFinite, raw > 0 else { return Step(mantissa: 1, exponent: 0) }
        let exponent = ChartNumberFormat.decade(raw)
        let normalised = raw / ChartNumberFormat.powerOfTen(exponent)
        switch normalised {
        case ...1.0001: return Step(mantissa: 1, exponent: exponent)
        case ...2.0001: return Step(mantissa: 2, exponent: exponent)
        case ...5.0001: return Step(mantissa: 5, exponent: exponent)
        default: return Step(mantissa: 1, exponent: exponent + 1)
        }
    }

    private static func linearBounds(axis: ChartAxis, values: [Double]) -> (lower: Double, upper: Double)? {
        if let range = axis.range, range.lowerBound.isFinite, range.upperBound.isFinite,
            range.upperBound > range.lowerBound
        {
            return (range.lowerBound, range.upperBound)
        }
        guard var low = values.min(), var high = values.max() else { return nil }
        if axis.includesZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.5
            if axis.includesZero, low >= 0 {
                high = low + pad
                low = 0
            } else {
                low -= pad
                high += pad
            }
        }
        return (low, high)
    }

    private static func linearTicks(lower: Double, upper: Double, step: Step) -> [Tick] {
        let tolerance = step.value * 1e-9
        guard let first = integer((lower / step.value - 1e-9).rounded(.up)),
            let last = integer((upper / step.value + 1e-9).rounded(.down)), last >= first, last - first <= 1000
        else { return [] }
        let values = (first...last).map(step.multiple).filter { $0 >= lower - tolerance && $0 <= upper + tolerance }
        let largest = values.map(abs).max() ?? 0
        var unit: (scale: Double, suffix: String, exponent: Int) = (1, "", 0)
        if largest >= 1000, largest < 1e15 {
            for (scale, suffix) in ChartNumberFormat.unitSuffixes where largest >= scale {
                unit = (scale, suffix, ChartNumberFormat.decade(scale))
                break
            }
        }
        let decimals = max(0, unit.exponent - step.exponent)
        return values.map { value in
            let label: String
            if value == 0 {
                label = "0"
            } else if largest < 1e-3 || largest >= 1e15 {
                label = ChartNumberFormat.compact(value)
            } else {
                label = ChartNumberFormat.fixed(value / unit.scale, decimals: decimals) + unit.suffix
            }
            return Tick(value: value, label: label, isMajor: true)
        }
    }

    // MARK: - Log

    private static func logTicks(lower: Double, upper: Double) -> [Tick] {
        let first = ChartNumberFormat.decade(lower)
        let last = ChartNumberFormat.decade(upper)
        guard last - first <= 300 else { return [] }
        var ticks: [Tick] = []
        for exponent in first...last {
            for mantissa in [1.0, 2, 5] {
                let value = mantissa * ChartNumberFormat.powerOfTen(exponent)
                guard value >= lower * (1 - 1e-9), value <= upper * (1 + 1e-9) else { continue }
                ticks.append(Tick(value: value, label: ChartNumberFormat.compact(value), isMajor: mantissa == 1))
            }
        }
        return ticks
    }
}
