import Detection

/// One detector of an experiment with a value list per parameter: `prada: {delta: [0.90, 0.95],
/// min_queries: [50, 100]}` is four configurations. A parameter with one value stays fixed.
public struct DetectorGrid: Sendable, Hashable {
    /// One parameter and its values (text, as a spec `name(param=value)` takes them).
    public struct Axis: Sendable, Hashable {
        public var parameter: String
        public var values: [String]

        public init(parameter: String, values: [String]) {
            self.parameter = parameter
            self.values = values
        }
    }

    /// The catalogue name (`prada`).
    public var detector: String
    /// The axes, in the detector's declared parameter order.
    public var axes: [Axis]

    /// A grid of `detector`; `axes` are put in the catalogue's declared parameter order, so the
    /// same grid always expands in the same order.
    public init(detector: String, axes: [Axis]) {
        self.detector = detector
        let order = DetectorCatalog.kind(detector)?.parameters.map(\.name) ?? []
        self.axes = axes.sorted { (order.firstIndex(of: $0.parameter) ?? .max, $0.parameter) < (order.firstIndex(of: $1.parameter) ?? .max, $1.parameter) }
    }

    /// A fixed configuration (no grid).
    public init(_ spec: DetectorSpec) {
        self.init(detector: spec.name, axes: spec.parameters.map { Axis(parameter: $0.name, values: [$0.value]) })
    }

    /// The number of configurations.
    public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// Every configuration: the product of the axes, the first axis slowest.
    public var configurations: [DetectorSpec] {
        var specs = [DetectorSpec(name: detector)]
        for axis in axes {
            specs = specs.flatMap { spec in
                axis.values.map { value in
                    DetectorSpec(name: detector, parameters: spec.parameters + [.init(name: axis.parameter, value: value)])
                }
            }
        }
        return specs
    }
}
