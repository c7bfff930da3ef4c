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
/// Wright, "Numerical Optimization", 2nd ed., §3.1 and §6). Iteration stops when the largest
/// component of the Newton step δ is below ``tolerance`` — Newton's method converging
/// quadratically near the minimum, the parameters are then that close to it — or after
/// ``maxIterations``. Once the decrease a step predicts, ∇ᵀδ/2, is within 10⁻¹²·(1 + |f|) of
/// the objective f, rounding hides it from the line search: full Newton steps are taken then,
/// and iteration also stops when a step no longer shrinks (the noise floor of the sums). For λ > 0 the objective is strictly convex in the weights, so the fit is
/// unique even when the classes separate perfectly.
///
/// Sums run in a fixed order (rows ascending, eight lanes at a time), so a fit is a pure
/// function of its input, independent of threads.
public struct LogisticRegression: Sendable, Hashable, Codable {
    /// The default stopping tolerance on the largest component of a Newton step.
    public static let tolerance = 1e-9
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
        precondition(rows > 0 && labels.count == rows && design.count % rows == 0, "mismatched design")
        precondition(penalty >= 0, "negative penalty")
        let columns = design.count / rows
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
        var previousStep = Double.infinity

        while iterations < maxIterations {
            // Gradient and Hessian at beta.
            for i in 0..<rows {
                // p − y and p(1 − p) without cancellation: 1 − σ(η) = σ(−η).
                let p = sigmoid(eta[i])
                let q = sigmoid(-eta[i])
                residual[i] = y[i] == 1 ? -q : p
                weight[i] = p * q
            }
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [Double](repeating: 0, count: size * size)
            design.withUnsafeBufferPointer { x in
                residual.withUnsafeBufferPointer { r in
                    weight.withUnsafeBufferPointer { w in
                        weighted.withUnsafeMutableBufferPointer { wx in
                            gradient.withUnsafeMutableBufferPointer { g in
                                hessian.withUnsafeMutableBufferPointer { h in
                                    accumulate(
                                        x: x.baseAddress, rows: rows, columns: columns, residual: r.baseAddress!,
                                        weight: w.baseAddress!, weighted: wx.baseAddress, gradient: g.baseAddress!,
                                        hessian: h.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
            for j in 1..<size {
                gradient[j] += penalty * beta[j]
                hessian[j * size + j] += penalty
            }
            for j in 0..<size {
                for k in 0..<j { hessian[j * size + k] = hessian[k * size + j] }
            }
            guard let step = choleskySolve(hessian, gradient, size: size) else { return nil }
            var decrement = 0.0
            for j in 0..<size { decrement += gradient[j] * step[j] }
            iterations += 1
            let largestStep = step.reduce(0) { max($0, abs($1)) }
            if largestStep <= tolerance {
                converged = true
                break
            }
            if decrement / 2 <= 1e-12 * (1 + abs(objective)) {
                // Within rounding reach of the minimum a line search cannot tell a decrease from
                // noise: take the full Newton step, as long as steps keep shrinking.
                if largestStep >= previousStep {
                    converged = true
                    break
                }
                previousStep = largestStep
                for j in 0..<size { beta[j] -= step[j] }
                linearPredictor(design: design, rows: rows, beta: beta, into: &eta)
                objective = objectiveValue(eta: eta, y: y, beta: beta, penalty: penalty)
                continue
            }
            // Backtracking line search along −step (Armijo, c = 10⁻⁴).
            var t = 1.0
            var accepted = false
            while t > 1e-12 {
                let candidate = (0..<size).map { beta[$0] - t * step[$0] }
                linearPredictor(design: design, rows: rows, beta: candidate, into: &trial)
                let value = objectiveValue(eta: trial, y: y, beta: candidate, penalty: penalty)
                if value <= objective - 1e-4 * t * decrement, value < objective {
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

    /// The gradient of the loss (without penalty) and the upper triangle of XᵀWX (intercept
    /// first; the intercept's diagonal gets 10⁻⁹), from the residuals p − y and weights p(1 − p).
    private static func accumulate(
        x: UnsafePointer<Double>?, rows: Int, columns: Int, residual: UnsafePointer<Double>,
        weight: UnsafePointer<Double>, weighted: UnsafeMutablePointer<Double>?, gradient: UnsafeMutablePointer<Double>,
        hessian: UnsafeMutablePointer<Double>
    ) {
        let size = columns + 1
        gradient[0] = sum(residual, rows)
        hessian[0] = sum(weight, rows) + 1e-9
        guard let x, let weighted else { return }
        for j in 0..<columns {
            let column = x + j * rows
            let weightedColumn = weighted + j * rows
            for i in 0..<rows { weightedColumn[i] = weight[i] * column[i] }
            gradient[j + 1] = dot(column, residual, rows)
            hessian[j + 1] = sum(weightedColumn, rows)
            for k in j..<columns {
                hessian[(j + 1) * size + k + 1] = dot(weightedColumn, x + k * rows, rows)
            }
        }
    }

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

    /// Σ log(1 + exp(η)) − yη + (λ/2)‖w‖², each row's loss computed as softplus(η) for y = 0
    /// and softplus(−η) for y = 1, so that no large terms cancel.
    private static func objectiveValue(eta: [Double], y: [Double], beta: [Double], penalty: Double) -> Double {
        var loss = 0.0
        for i in eta.indices {
            let z = y[i] == 1 ? -eta[i] : eta[i]
            loss += z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
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
        lanes += x * y  // not `addingProduct`: that calls libm's fma lane by lane
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
