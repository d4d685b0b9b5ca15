import CGSL

/// The exponential distribution with the given mean (rate 1/mean), `gsl_ran_exponential`.
public struct Exponential: ContinuousDistribution {
    public let mean: Double

    public init(mean: Double) throws(StochasticsError) {
        try Check.positive("mean", mean)
        self.mean = mean
    }

    public func sample(_ rng: inout RandomStream) -> Double {
        rng.withGSL { gsl_ran_exponential($0, mean) }
    }
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : gsl_cdf_exponential_P(x, mean) }
    public func pdf(_ x: Double) -> Double { gsl_ran_exponential_pdf(x, mean) }
}
