import CGSL

/// The beta distribution on [0, 1] with shapes a and b, `gsl_ran_beta`.
public struct Beta: ContinuousDistribution {
    public let a: Double
    public let b: Double

    public init(a: Double, b: Double) throws(StochasticsError) {
        try Check.positive("a", a)
        try Check.positive("b", b)
        self.a = a
        self.b = b
    }

    public func sample(_ rng: inout RandomStream) -> Double {
        rng.withGSL { gsl_ran_beta($0, a, b) }
    }
    public func cdf(_ x: Double) -> Double { min(1, max(0, gsl_cdf_beta_P(min(1, max(0, x)), a, b))) }
    public func pdf(_ x: Double) -> Double { gsl_ran_beta_pdf(x, a, b) }

    /// The p-quantile (`gsl_cdf_beta_Pinv`). - Throws: unless 0 ≤ p ≤ 1.
    public func quantile(_ p: Double) throws(StochasticsError) -> Double {
        try Check.probability("p", p)
        return gsl_cdf_beta_Pinv(p, a, b)
    }
}
