/// What is wrong with a matrix given as a correlation matrix, with the entry it concerns.
///
/// `CorrelationCheck.problem(_:dimension:)` finds the first problem. The market types turn it into a
/// `MarketError`; the scenario decoder turns it into a `ConfigError` located at the offending entry.
enum CorrelationProblem: Equatable {
    /// The matrix is not n×n.
    case size(rows: Int, expected: Int)
    /// Entry (i, j) is not a finite number in [-1, 1].
    case outOfRange(row: Int, column: Int, value: Double)
    /// Entry (i, j) differs from entry (j, i).
    case asymmetric(row: Int, column: Int, value: Double, mirror: Double)
    /// Diagonal entry i is not 1.
    case diagonal(index: Int, value: Double)
    /// The matrix has a negative eigenvalue: the factorisation found no valid pivot for row `pivot`.
    case notPositiveSemiDefinite(pivot: Int)

    /// The problem as a market parameter error; `name` is the matrix's key (e.g. `correlation`).
    func error(name: String) -> MarketError {
        switch self {
        case let .size(rows, expected):
            return .invalidParameter(
                name: name, value: "\(rows) rows", expected: "a \(expected)×\(expected) matrix, one row per asset")
        case let .outOfRange(i, j, value):
            return .invalidParameter(name: "\(name)[\(i)][\(j)]", value: "\(value)", expected: "a number in [-1, 1]")
        case let .asymmetric(i, j, value, mirror):
            return .invalidParameter(
                name: "\(name)[\(i)][\(j)]", value: "\(value)",
                expected: "a symmetric matrix (\(name)[\(j)][\(i)] = \(mirror))")
        case let .diagonal(i, value):
            return .invalidParameter(name: "\(name)[\(i)][\(i)]", value: "\(value)", expected: "1 on the diagonal")
        case let .notPositiveSemiDefinite(pivot):
            return .invalidParameter(
                name: name, value: "a matrix with a negative eigenvalue (found at row \(pivot))",
                expected: "a positive semi-definite matrix (a valid correlation matrix)")
        }
    }
}

/// Checks and factors correlation matrices for the market models.
enum CorrelationCheck {
    /// Entries of two mirrored positions may differ by this much and still count as symmetric.
    static let symmetryTolerance = 1e-12

    /// The first problem of `c` as an n×n correlation matrix, checked row by row (range, then symmetry,
    /// then the diagonal), then positive semi-definiteness; nil when `c` is valid.
    static func problem(_ c: [[Double]], dimension n: Int) -> CorrelationProblem? {
        guard c.count == n, c.allSatisfy({ $0.count == n }) else { return .size(rows: c.count, expected: n) }
        for i in 0..<n {
            for j in 0..<n {
                let v = c[i][j]
                guard v.isFinite, v >= -1, v <= 1 else { return .outOfRange(row: i, column: j, value: v) }
                guard abs(v - c[j][i]) <= symmetryTolerance else {
                    return .asymmetric(row: i, column: j, value: v, mirror: c[j][i])
                }
            }
            guard c[i][i] == 1 else { return .diagonal(index: i, value: c[i][i]) }
        }
        if case let .failure(f) = lowerFactor(c, dimension: n) { return .notPositiveSemiDefinite(pivot: f.row) }
        return nil
    }

    /// A pivot at most this small counts as zero (the matrix has unit diagonal, so this is relative).
    static let zeroPivot = 1e-12
    /// Below a zero pivot, the rest of its column must be at most √zeroPivot in size: for a positive
    /// semi-definite matrix |a_ij|² <= a_ii·a_jj, so a column under a (near-)zero pivot is (near-)zero.
    static let zeroColumn = 1e-6

    /// The row at which a matrix failed to factor.
    struct Failure: Error { let row: Int }

    /// The lower-triangular L with C = L·Lᵀ, row-major n×n, for a symmetric positive semi-definite C.
    ///
    /// This is the Cholesky–Banachiewicz recursion (row by row), extended to tolerate zero pivots,
    /// which a singular but valid matrix has (two perfectly correlated assets, or a stress blend of 1):
    /// a pivot in [−zeroPivot, zeroPivot] gives a zero column of L, after checking that the entries
    /// below it are (near-)zero as semi-definiteness requires; a pivot below −zeroPivot, or a
    /// non-zero entry under a zero pivot, means a negative eigenvalue and fails. For a positive
    /// definite matrix every pivot exceeds zeroPivot and the arithmetic is the plain Cholesky's.
    /// The rounding left by a near-singular matrix changes L·Lᵀ by at most about `zeroColumn`.
    static func lowerFactor(_ c: [[Double]], dimension n: Int) -> Result<[Double], Failure> {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = c[i][j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard s >= -zeroPivot else { return .failure(Failure(row: i)) }
                    l[i * n + i] = s > zeroPivot ? s.squareRoot() : 0
                } else if l[j * n + j] == 0 {
                    guard abs(s) <= zeroColumn else { return .failure(Failure(row: i)) }
                    l[i * n + j] = 0
                } else {
                    l[i * n + j] = s / l[j * n + j]
                }
            }
        }
        return .success(l)
    }

    /// The stress correlation (1 − λ)·C + λ·J (J the all-ones matrix), with an exact unit diagonal.
    /// It is positive semi-definite whenever C is: a convex combination of two such matrices.
    static func blend(_ c: [[Double]], towardsOne lambda: Double) -> [[Double]] {
        let n = c.count
        return (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : (1 - lambda) * c[i][j] + lambda } }
    }
}
