/// What a caller says about one value axis: its label, its scale and, if wanted, a fixed range.
public struct ChartAxis: Sendable, Equatable {
    /// How values map onto the axis.
    public enum Scale: Sendable, Equatable {
        /// Evenly spaced values, ticks at 1, 2 or 5 × 10^k.
        case linear
        /// Decades evenly spaced, ticks at 1 × 10^k (labelled) and 2, 5 × 10^k; non-positive
        /// values are not drawn.
        case log
    }

    /// The axis title, unit included: "time to detection (s)".
    public var label: String
    /// Linear or logarithmic.
    public var scale: Scale
    /// A fixed range (0…1 for rates); `nil` fits the data with nice bounds. On a log axis a
    /// non-positive lower bound is ignored.
    public var range: ClosedRange<Double>?
    /// Whether a fitted linear axis is stretched to include 0.
    public var includesZero: Bool
    /// Whether linear ticks stay on whole numbers (counts: no tick at 0.5 accounts).
    public var wholeNumbers: Bool

    /// An axis; by default linear and fitted to the data.
    public init(
        label: String, scale: Scale = .linear, range: ClosedRange<Double>? = nil, includesZero: Bool = false,
        wholeNumbers: Bool = false
    ) {
        self.label = label
        self.scale = scale
        self.range = range
        self.includesZero = includesZero
        self.wholeNumbers = wholeNumbers
    }

    /// Whether `value` can be drawn on this axis (finite, and positive on a log axis).
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }
}
