import Evaluation
import Foundation
import Testing

/// The probe's logistic regression against scipy (an independent optimiser on the same
/// objective) and against closed forms.
struct LogisticRegressionTests {
    /// The columns and labels of `scripts/probe_reference.py`'s `generated(rows)`, column-major.
    static func generated(rows: Int) -> (design: [Double], labels: [Bool]) {
        var columns = [[Double]](repeating: [], count: 3)
        var labels: [Bool] = []
        for i in 0..<rows {
            let a = Double((i * 37) % 101) / 50.0 - 1.0
            let b = Double((i * 53) % 97) / 48.5 - 1.0
            let c = i % 7 == 0 ? 1.0 : 0.0
            columns[0].append(a)
            columns[1].append(b)
            columns[2].append(c)
            labels.append(Double((i * 7919) % 1000) < 500.0 + 300.0 * a - 150.0 * b + 200.0 * c)
        }
        return (columns.flatMap { $0 }, labels)
    }

    /// `separable(rows)`: one column i/rows, positive from the middle on.
    static func separable(rows: Int) -> (design: [Double], labels: [Bool]) {
        ((0..<rows).map { Double($0) / Double(rows) }, (0..<rows).map { 2 * $0 >= rows })
    }

    static let cases: [(String, LogisticRegressionReference.Reference, (design: [Double], labels: [Bool]))] = [
        ("generated λ=1", LogisticRegressionReference.generatedL1, generated(rows: 200)),
        ("generated λ=0.1", LogisticRegressionReference.generatedL01, generated(rows: 200)),
        ("separable λ=1", LogisticRegressionReference.separableL1, separable(rows: 40)),
    ]

    @Test(arguments: cases.indices)
    func agreesWithScipy(index: Int) throws {
        let (name, reference, data) = Self.cases[index]
        #expect(data.labels.map { $0 ? "1" : "0" }.joined() == reference.labels, "\(name): regenerated data differ")
        let model = try #require(
            LogisticRegression.fit(
                design: data.design, rows: data.labels.count, labels: data.labels, penalty: reference.penalty))
        #expect(model.converged && model.iterations < 30, "\(name): \(model.iterations) steps")
        #expect(isClose(model.intercept, reference.intercept, tolerance: 1e-7), "\(name): \(model.intercept)")
        #expect(model.weights.count == reference.weights.count)
        for (weight, expected) in zip(model.weights, reference.weights) {
            #expect(isClose(weight, expected, tolerance: 1e-7), "\(name): \(weight) vs \(expected)")
        }
    }

    /// Without columns the fit is the intercept alone: the log-odds of the positive rate.
    @Test func interceptAloneIsTheLogOdds() throws {
        let labels = (0..<50).map { $0 % 5 == 0 }  // rate 0.2
        let model = try #require(LogisticRegression.fit(design: [], rows: 50, labels: labels, penalty: 1))
        #expect(model.weights.isEmpty)
        #expect(isClose(model.intercept, log(0.2 / 0.8), tolerance: 1e-9), "\(model.intercept)")
    }

    /// One binary column, no penalty: the maximum-likelihood fit reproduces both groups' rates,
    /// b = logit(rate where x = 0), w = logit(rate where x = 1) − b.
    @Test func binaryColumnWithoutPenaltyIsClosedForm() throws {
        // x = 0: 30 rows, 6 positive (0.2); x = 1: 20 rows, 15 positive (0.75).
        let x = [Double](repeating: 0, count: 30) + [Double](repeating: 1, count: 20)
        let labels = (0..<30).map { $0 < 6 } + (0..<20).map { $0 < 15 }
        let model = try #require(LogisticRegression.fit(design: x, rows: 50, labels: labels, penalty: 0))
        let b = log(0.2 / 0.8)
        #expect(isClose(model.intercept, b, tolerance: 1e-8), "\(model.intercept)")
        #expect(isClose(model.weights[0], log(0.75 / 0.25) - b, tolerance: 1e-8), "\(model.weights)")
    }

    /// A larger penalty shrinks the weights toward 0 monotonically; the linear predictor is b + w·x.
    @Test func penaltyShrinksAndPredictorIsLinear() throws {
        let data = Self.generated(rows: 200)
        var previous = Double.infinity
        for penalty in [0.01, 1, 10, 100, 10_000] {
            let model = try #require(LogisticRegression.fit(design: data.design, rows: 200, labels: data.labels, penalty: penalty))
            let norm = model.weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(norm < previous, "λ = \(penalty): ‖w‖ = \(norm)")
            previous = norm
        }
        let model = try #require(LogisticRegression.fit(design: data.design, rows: 200, labels: data.labels, penalty: 1))
        let eta = model.linearPredictor(design: data.design, rows: 200)
        for i in [0, 17, 199] {
            let expected = model.intercept + (0..<3).reduce(0) { $0 + model.weights[$1] * data.design[$1 * 200 + i] }
            #expect(isClose(eta[i], expected, tolerance: 1e-12))
        }
    }

    @Test func fitsAreReproducible() throws {
        let data = Self.generated(rows: 200)
        let first = LogisticRegression.fit(design: data.design, rows: 200, labels: data.labels, penalty: 0.5)
        let second = LogisticRegression.fit(design: data.design, rows: 200, labels: data.labels, penalty: 0.5)
        #expect(first != nil && first == second)
    }

    @Test func sigmoidIsStableAtTheExtremes() {
        #expect(LogisticRegression.sigmoid(0) == 0.5)
        #expect(LogisticRegression.sigmoid(800) == 1)
        #expect(LogisticRegression.sigmoid(-800) == 0)
        #expect(isClose(LogisticRegression.sigmoid(-2) + LogisticRegression.sigmoid(2), 1, tolerance: 1e-15))
    }
}
