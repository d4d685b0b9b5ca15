import CGSL

/// The normal distribution N(mean, standardDeviation²).
public struct Gaussian: ContinuousDistribution {
    public let mean: Double
    public let standardDeviation: Double

    /// - Throws: if `mean` is not finite or `standardDeviation` is not > 0.
    public init(mean: Double = 0, standardDeviation: Double = 1) throws(StochasticsError) {
        try Check.finite("mean", mean)
        try Check.positive("standardDeviation", standardDeviation)
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    @inlinable
    public func sample(_ rng: inout RandomStream) -> Double {
        mean + rng.withGSL { gsl_ran_gaussian_ziggurat($0, standardDeviation) }
    }
    public func cdf(_ x: Double) -> Double { gsl_cdf_gaussian_P(x - mean, standardDeviation) }
    public func pdf(_ x: Double) -> Double { gsl_ran_gaussian_pdf(x - mean, standardDeviation) }

    /// The p-quantile. - Throws: unless 0 < p < 1.
    public func quantile(_ p: Double) throws(StochasticsError) -> Double {
        try Check.openUnit("p", p)
        return mean + gsl_cdf_gaussian_Pinv(p, standardDeviation)
    }
}
