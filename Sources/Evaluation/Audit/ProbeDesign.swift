import Features
import Foundation

/// The design matrices of one cross-fitted fit of the ``DifficultyProbe``: every feature of a
/// ``FeatureTable`` turned into a standardised column using the **training rows only**.
///
/// - **Numeric** features: if the largest |value| among training rows exceeds
///   ``DifficultyProbe/Configuration/logThreshold`` (counts, sums, token means, times), the
///   column is taken as sign(x)·log(1 + |x|) first, which tames heavy tails.
/// - **Categorical** features: cross-fitted target encoding (``TargetEncoding``: m pseudo-accounts
///   at the training positive rate) computed from training rows only. A training row of fold f
///   is encoded from the training rows of the other folds (nested cross-fitting, so the model
///   never learns from an encoding that saw the row's own label); a scored row from all
///   training rows. The held-out rows' labels are never read.
/// - Then every column is standardised by its training mean and population standard deviation
///   and clipped to ±``DifficultyProbe/Configuration/clip``; a column constant on the training
///   rows is left out.
struct ProbeDesign: Sendable {
    /// The training rows' matrix, column-major.
    var training: [Double]
    /// The scored rows' matrix, column-major, same columns.
    var scored: [Double]
    /// The names of the features kept as columns.
    var columnNames: [String]

    /// The design of a fit on `trainingRows` that scores `scoredRows` (indices into the table).
    ///
    /// - Parameters:
    ///   - labels: every account's label; only training rows' are read.
    ///   - folds: every account's fold.
    init(
        features: FeatureTable, trainingRows: [Int], scoredRows: [Int], labels: [Bool], folds: [Int],
        configuration: DifficultyProbe.Configuration
    ) {
        var training: [Double] = []
        var scored: [Double] = []
        var names: [String] = []
        training.reserveCapacity(trainingRows.count * features.features.count)
        scored.reserveCapacity(scoredRows.count * features.features.count)
        for feature in features.features {
            let trainingValues: [Double]
            let scoredValues: [Double]
            switch feature.values {
            case .numeric(let values):
                let raw = trainingRows.map { values[$0] }
                let largest = raw.reduce(0) { max($0, abs($1)) }
                let transform: (Double) -> Double =
                    largest > configuration.logThreshold ? { x in x < 0 ? -log1p(-x) : log1p(x) } : { $0 }
                trainingValues = raw.map(transform)
                scoredValues = scoredRows.map { transform(values[$0]) }
            case .categorical(let codes, let categories):
                (trainingValues, scoredValues) = Self.targetEncoding(
                    codes: codes, categoryCount: categories.count, trainingRows: trainingRows, scoredRows: scoredRows,
                    labels: labels, folds: folds, smoothing: configuration.smoothing)
            }
            guard let (mean, deviation) = Self.meanAndDeviation(trainingValues) else { continue }
            let clip = configuration.clip
            training += trainingValues.map { min(max(($0 - mean) / deviation, -clip), clip) }
            scored += scoredValues.map { min(max(($0 - mean) / deviation, -clip), clip) }
            names.append(feature.name)
        }
        self.training = training
        self.scored = scored
        columnNames = names
    }

    /// The mean and population standard deviation of `values`; nil if they are (numerically)
    /// constant or empty.
    private static func meanAndDeviation(_ values: [Double]) -> (Double, Double)? {
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let deviation = variance.squareRoot()
        guard deviation > 1e-12 * max(1, abs(mean)) else { return nil }
        return (mean, deviation)
    }

    /// The target encoding of training rows (nested: from the training rows of the other folds)
    /// and of scored rows (from every training row).
    private static func targetEncoding(
        codes: [UInt32], categoryCount: Int, trainingRows: [Int], scoredRows: [Int], labels: [Bool], folds: [Int],
        smoothing: Double
    ) -> (training: [Double], scored: [Double]) {
        let foldCount = TargetEncoding.folds
        var positives = [Int](repeating: 0, count: foldCount * categoryCount)
        var totals = [Int](repeating: 0, count: foldCount * categoryCount)
        var allPositives = [Int](repeating: 0, count: categoryCount)
        var allTotals = [Int](repeating: 0, count: categoryCount)
        var trainingPositives = 0
        for row in trainingRows {
            let category = Int(codes[row])
            let slot = folds[row] * categoryCount + category
            totals[slot] += 1
            allTotals[category] += 1
            if labels[row] {
                positives[slot] += 1
                allPositives[category] += 1
                trainingPositives += 1
            }
        }
        let rate = trainingRows.isEmpty ? 0 : Double(trainingPositives) / Double(trainingRows.count)
        let prior = smoothing * rate
        let training = trainingRows.map { row in
            let category = Int(codes[row])
            let slot = folds[row] * categoryCount + category
            return (Double(allPositives[category] - positives[slot]) + prior)
                / (Double(allTotals[category] - totals[slot]) + smoothing)
        }
        let scored = scoredRows.map { row in
            let category = Int(codes[row])
            return (Double(allPositives[category]) + prior) / (Double(allTotals[category]) + smoothing)
        }
        return (training, scored)
    }
}
