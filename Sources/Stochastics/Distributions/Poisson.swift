import CGSL

/// The Poisson distribution with the given mean, `gsl_ran_poisson`.
public struct Poisson: DiscreteDistribution {
    public let mean: Double

    public init(mean: Double) throws(StochasticsError) {
        try Check.positive("mean", mean)
        self.mean = mean
    }

    public func sample(_ rng: inout RandomStream) -> Int {
        Int(rng.withGSL { gsl_ran_poisson($0, mean) })
    }
    public func cdf(_ k: Int) -> Double { k < 0 ? 0 : gsl_cdf_poisson_P(UInt32(clamping: k), mean) }
    public func pmf(_ k: Int) -> Double { k < 0 ? 0 : gsl_ran_poisson_pdf(UInt32(clamping: k), mean) }
}
