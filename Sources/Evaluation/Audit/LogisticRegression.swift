import Foundation

/// An L2-regularised logistic regression with an unpenalised intercept, fitted by Newton's
/// method (iteratively reweighted least squares) with a backtracking line search.
///
/// For rows xᵢ with labels yᵢ ∈ {0, 1} it minimises
///
///     Σᵢ [log(1 + exp(ηᵢ)) − yᵢ ηᵢ] + (λ/2) ‖w‖²,   ηᵢ = b + w·xᵢ
///
/// — scikit-learn's `LogisticRegression(C = 1/λ)` objective (its intercept is not penalised
/// either). Each Newton step solves (XᵀWX + λI′) δ = ∇ by Cholesky, with W = diag(pᵢ(1 − pᵢ)) and
/// I′ the identity without the intercept's entry (which gets 10⁻⁹ to stay positive definite
/// when every pᵢ saturates); the step is halved until the Armijo condition holds (Nocedal &
/// Wright, "Numerical Optimization", 2nd ed., §3.1 and §6). Iteration stops when half the
/// squared Newton decrement ∇ᵀδ/2 — the predicted decrease of the objective — falls below
/// ``tolerance``, or after ``maxIterations``. For λ > 0 the objective is strictly convex in the
/// weights, so the fit is unique even when the classes separate perfectly.
///
/// Sums run in a fixed order (rows ascending, eight lanes at a time), so a fit is a pure
/// function of its input, independent of threads.
public struct LogisticRegression: Sendable, Hashable, Codable {
    /// The default stopping tolerance on ∇ᵀδ/2.
    public static let tolerance = 1e-10
    /// The most Newton steps.
    public static let maxIterations = 100

    /// b.
    public let intercept: Double
    /// w, one per column.
    public let weights: [Double]
    /// Newton steps taken.
    public let iterations: Int
    /// Whether the stopping rule was met within ``maxIterations``.
    public let converged: Bool

    public init(intercept: Double, weights: [Double], iterations: Int = 0, converged: Bool = true) {
        self.intercept = intercept
        self.weights = weights
        self.iterations = iterations
        self.converged = converged
    }

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - design: the rows, column-major: column `j` is `design[j * rows ..< (j + 1) * rows]`.
    ///   - rows: the number of rows.
    ///   - labels: each row's label (`true` = 1).
    ///   - penalty: λ ≥ 0.
    /// - Returns: nil if a Newton system is not positive definite (only possible with λ = 0
    ///   or non-finite input).
    public static func fit(
        design: [Double], rows: Int, labels: [Bool], penalty: Double, tolerance: Double = tolerance
    ) -> LogisticRegression? {
        precondition(labels.count == rows && (rows == 0 || design.count % rows == 0), "mismatched design")
        precondition(penalty >= 0, "negative penalty")
        let columns = rows == 0 ? 0 : design.count / rows
        let size = columns + 1  // the intercept is parameter 0
        var beta = [Double](repeating: 0, count: size)
        let y = labels.map { $0 ? 1.0 : 0.0 }
        var eta = [Double](repeating: 0, count: rows)
        var objective = objectiveValue(eta: eta, y: y, beta: beta, penalty: penalty)
        var iterations = 0
        var converged = false
        var residual = [Double](repeating: 0, count: rows)
        var weight = [Double](repeating: 0, count: rows)
        var weighted = [Double](repeating: 0, count: rows * columns)
        var trial = [Double](repeating: 0, count: rows)

        while iterations < maxIterations {
            // Gradient and Hessian at beta.
            for i in 0..<rows {
                let p = sigmoid(eta[i])
                residual[i] = p - y[i]
                weight[i] = p * (1 - p)
            }
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [Double](repeating: 0, count: size * size)
            design.withUnsafeBufferPointer { x in
                weighted.withUnsafeMutableBufferPointer { wx in
                    for j in 0..<columns {
                        for i in 0..<rows { wx[j * rows + i] = weight[i] * x[j * rows + i] }
                    }
                }
                weighted.withUnsafeBufferPointer { wx in
                    residual.withUnsafeBufferPointer { r in
                        weight.withUnsafeBufferPointer { w in
                            gradient[0] = sum(r.baseAddress!, rows)
                            hessian[0] = sum(w.baseAddress!, rows) + 1e-9
                            for j in 0..<columns {
                                let column = x.baseAddress! + j * rows
                                gradient[j + 1] = dot(column, r.baseAddress!, rows) + penalty * beta[j + 1]
                                let weightedColumn = wx.baseAddress! + j * rows
                                hessian[j + 1] = sum(weightedColumn, rows)
                                for k in j..<columns {
                                    hessian[(j + 1) * size + k + 1] = dot(weightedColumn, x.baseAddress! + k * rows, rows)
                                }
                                hessian[(j + 1) * size + j + 1] += penalty
                            }
                        }
                    }
                }
            }
            for j in 0..<size {
                for k in 0..<j { hessian[j * size + k] = hessian[k * size + j] }
            }
            guard let step = choleskySolve(hessian, gradient, size: size) else { return nil }
            var decrement = 0.0
            for j in 0..<size { decrement += gradient[j] * step[j] }
            iterations += 1
            if decrement / 2 <= tolerance {
                converged = true
                break
            }
            // Backtracking line search along −step (Armijo, c = 10⁻⁴).
            var t = 1.0
            var accepted = false
            while t > 1e-12 {
                let candidate = (0..<size).map { beta[$0] - t * step[$0] }
                linearPredictor(design: design, rows: rows, beta: candidate, into: &trial)
                let value = objectiveValue(eta: trial, y: y, beta: candidate, penalty: penalty)
                if value <= objective - 1e-4 * t * decrement {
                    beta = candidate
                    swap(&eta, &trial)
                    objective = value
                    accepted = true
                    break
                }
                t /= 2
            }
            if !accepted {
                converged = true  // no further decrease is representable
                break
            }
        }
        return LogisticRegression(
            intercept: beta[0], weights: Array(beta.dropFirst()), iterations: iterations, converged: converged)
    }

    /// The linear predictor b + w·x of each row of a column-major `design` with `rows` rows.
    public func linearPredictor(design: [Double], rows: Int) -> [Double] {
        var eta = [Double](repeating: 0, count: rows)
        Self.linearPredictor(design: design, rows: rows, beta: [intercept] + weights, into: &eta)
        return eta
    }

    /// The probability 1/(1 + exp(−η)) of a linear predictor.
    public static func sigmoid(_ eta: Double) -> Double {
        eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta))
    }

    // MARK: - Pieces

    private static func linearPredictor(design: [Double], rows: Int, beta: [Double], into eta: inout [Double]) {
        for i in 0..<rows { eta[i] = beta[0] }
        design.withUnsafeBufferPointer { x in
            eta.withUnsafeMutableBufferPointer { eta in
                for j in 0..<(beta.count - 1) {
                    let b = beta[j + 1]
                    let column = j * rows
                    for i in 0..<rows { eta[i] += b * x[column + i] }
                }
            }
        }
    }

    /// Σ log(1 + exp(η)) − yη + (λ/2)‖w‖², log1p-stable for large |η|.
    private static func objectiveValue(eta: [Double], y: [Double], beta: [Double], penalty: Double) -> Double {
        var loss = 0.0
        for i in eta.indices {
            let e = eta[i]
            loss += (e > 0 ? e + log1p(exp(-e)) : log1p(exp(e))) - y[i] * e
        }
        var squares = 0.0
        for j in 1..<beta.count { squares += beta[j] * beta[j] }
        return loss + penalty / 2 * squares
    }

    /// Solves A x = b for a symmetric positive definite `size` × `size` row-major A; nil if A
    /// is not positive definite.
    static func choleskySolve(_ a: [Double], _ b: [Double], size: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: size * size)
        for j in 0..<size {
            var diagonal = a[j * size + j]
            for k in 0..<j { diagonal -= l[j * size + k] * l[j * size + k] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let root = diagonal.squareRoot()
            l[j * size + j] = root
            for i in (j + 1)..<size {
                var value = a[i * size + j]
                for k in 0..<j { value -= l[i * size + k] * l[j * size + k] }
                l[i * size + j] = value / root
            }
        }
        var z = b
        for i in 0..<size {
            for k in 0..<i { z[i] -= l[i * size + k] * z[k] }
            z[i] /= l[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            for k in (i + 1)..<size { z[i] -= l[k * size + i] * z[k] }
            z[i] /= l[i * size + i]
        }
        return z
    }
}

/// Σ a[i]·b[i] over `count` values, eight lanes at a time, in a fixed order.
@inline(__always)
private func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    var lanes = SIMD8<Double>.zero
    var i = 0
    while i &+ 8 <= count {
        let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
        let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Double>.self)
        lanes = lanes.addingProduct(x, y)
        i &+= 8
    }
    var total = lanes.sum()
    while i < count {
        total += a[i] * b[i]
        i &+= 1
    }
    return total
}

/// Σ a[i] over `count` values, eight lanes at a time, in a fixed order.
@inline(__always)
private func sum(_ a: UnsafePointer<Double>, _ count: Int) -> Double {
    var lanes = SIMD8<Double>.zero
    var i = 0
    while i &+ 8 <= count {
        lanes += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
        i &+= 8
    }
    var total = lanes.sum()
    while i < count {
        total += a[i]
        i &+= 1
    }
    return total
}
