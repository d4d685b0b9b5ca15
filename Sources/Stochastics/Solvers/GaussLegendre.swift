import CGSL

/// Fixed-order Gauss–Legendre quadrature, from GSL's tables (`gsl_integration_glfixed_table_alloc`).
///
/// Exact for polynomials of degree 2n − 1; for smooth integrands on a finite interval its error falls
/// faster than any power of n. Used for expectations over a normal signal, e.g. the fraction of depositors
/// who run under a quantal response.
public struct GaussLegendre: Sendable, Equatable {
    /// The nodes on [−1, 1].
    public let nodes: [Double]
    /// The weights on [−1, 1]; they sum to 2.
    public let weights: [Double]

    /// The n-point rule.
    /// - Throws: ``StochasticsError/invalidParameter(name:value:expected:)`` unless 1 ≤ n ≤ 10,000.
    public init(points n: Int) throws(StochasticsError) {
        guard (1...10_000).contains(n) else {
            throw .invalidParameter(name: "points", value: "\(n)", expected: "an integer in [1, 10000]")
        }
        GSLRuntime.ensureReady()
        guard let table = gsl_integration_glfixed_table_alloc(n) else {
            throw .gsl(
                status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_integration_glfixed_table_alloc")
        }
        defer { gsl_integration_glfixed_table_free(table) }
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var xi = 0.0
            var wi = 0.0
            gsl_integration_glfixed_point(-1, 1, i, &xi, &wi, table)
            x[i] = xi
            w[i] = wi
        }
        nodes = x
        weights = w
    }

    /// ∫ f over [a, b] by the rule, mapped from [−1, 1].
    public func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
        let half = (b - a) / 2
        let mid = (a + b) / 2
        var sum = 0.0
        for i in nodes.indices { sum += weights[i] * f(mid + half * nodes[i]) }
        return sum * half
    }
}
