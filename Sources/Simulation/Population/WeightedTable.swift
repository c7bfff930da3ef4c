import Randomness

/// Values with weights, sampled in O(1) through a GSL alias table.
///
/// Built from dictionaries in a fixed order (case order or sorted keys): dictionary order
/// changes between processes, and the output must not. A class so that the hot path reaches
/// the table through one reference, not a copy of three.
final class WeightedTable<Value: Sendable>: Sendable {
    let values: [Value]
    let weights: [Double]
    private let distribution: DiscreteDistribution

    required init(_ pairs: [(Value, Double)]) {
        values = pairs.map(\.0)
        weights = pairs.map(\.1)
        do {
            distribution = try DiscreteDistribution(weights: weights)
        } catch {
            preconditionFailure("invalid built-in weights: \(error)")
        }
    }

    func sample(_ source: RandomSource) -> Value {
        values[distribution.sample(source)]
    }
}

extension WeightedTable where Value: CaseIterable & Hashable {
    /// Weights keyed by the cases of an enumeration, taken in case order.
    convenience init(cases: [Value: Double]) {
        self.init(Value.allCases.compactMap { value in cases[value].map { (value, $0) } }.filter { $0.1 > 0 })
    }
}

extension WeightedTable where Value: Comparable & Hashable {
    /// Weights keyed by comparable values, taken in ascending order.
    convenience init(sorted: [Value: Double]) {
        self.init(sorted.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }.filter { $0.1 > 0 })
    }
}
