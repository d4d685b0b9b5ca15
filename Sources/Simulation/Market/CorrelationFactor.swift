import Stochastics

/// The lower-triangular factor L of a correlation matrix C = L·Lᵀ, row-major,
/// used to turn independent `standardNormal()` draws into correlated ones.
///
/// Validity (n×n, entries in [-1, 1], symmetry, unit diagonal, positive semi-definiteness) is decided
/// by `CorrelationCheck`, and L comes from its Cholesky recursion that tolerates zero pivots, so a
/// singular but valid matrix (perfectly correlated assets, ρ = 1) is accepted: its L has a zero column
/// per redundant asset. GSL's `gsl_linalg_cholesky_decomp1` (behind `MultivariateGaussian`) needs a
/// positive definite matrix, and its pivoted and modified variants reorder or perturb the matrix, which
/// would change the draws; for a positive definite C the recursion here is the plain Cholesky, the
/// same numbers this type has always produced.
/// The draws themselves must come from `RandomStream.standardNormal()` so that a one-asset model
/// uses exactly one ziggurat draw per tick, as the reference model specifies.
struct CorrelationFactor: Sendable, Equatable {
    let dimension: Int
    /// Row-major n×n, zero above the diagonal.
    let lower: [Double]
    /// True when C is the identity, so the draws can be used as they come.
    let isIdentity: Bool

    /// Identity correlation of dimension `n`.
    init(identity n: Int) {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n { l[i * n + i] = 1 }
        dimension = n
        lower = l
        isIdentity = true
    }

    /// - Throws: `MarketError.invalidParameter` under the key `name` when `correlation` is not a valid
    ///   n×n correlation matrix (see `CorrelationProblem`).
    init(_ correlation: [[Double]], dimension n: Int, name: String) throws(MarketError) {
        if let problem = CorrelationCheck.problem(correlation, dimension: n) { throw problem.error(name: name) }
        guard case let .success(l) = CorrelationCheck.lowerFactor(correlation, dimension: n) else {
            throw CorrelationProblem.notPositiveSemiDefinite(pivot: 0).error(name: name)
        }
        var identity = true
        for i in 0..<n { for j in 0..<n where correlation[i][j] != (i == j ? 1 : 0) { identity = false } }
        dimension = n
        lower = l
        isIdentity = identity
    }

    /// Fills `z` with n correlated standard normals: n independent `standardNormal()` draws in
    /// asset order, then z ← L·z in place (bottom row first, so each row reads only untouched entries).
    @inline(__always)
    func draw(into z: UnsafeMutableBufferPointer<Double>, rng: inout RandomStream) {
        let n = dimension
        for i in 0..<n { z[i] = rng.standardNormal() }
        guard !isIdentity else { return }
        lower.withUnsafeBufferPointer { l in
            var i = n - 1
            while i >= 0 {
                var s = 0.0
                for k in 0...i { s += l[i * n + k] * z[k] }
                z[i] = s
                i -= 1
            }
        }
    }

    /// Runs `body` with a stack buffer of `dimension` correlated normals (no heap allocation for small n).
    @inline(__always)
    func withDraws<R>(_ rng: inout RandomStream, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension) { z in
            draw(into: z, rng: &rng)
            return body(z)
        }
    }
}
