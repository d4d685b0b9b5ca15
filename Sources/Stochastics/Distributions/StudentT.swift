import CGSL

/// Student's t distribution with ν degrees of freedom, `gsl_ran_tdist`.
public struct StudentT: ContinuousDistribution {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) throws(StochasticsError) {
        try Check.positive("degreesOfFreedom", degreesOfFreedom)
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func sample(_ rng: inout RandomStream) -> Double {
        rng.withGSL { gsl_ran_tdist($0, degreesOfFreedom) }
    }
    public func cdf(_ x: Double) -> Double { gsl_cdf_tdist_P(x, degreesOfFreedom) }
    public func pdf(_ x: Double) -> Double { gsl_ran_tdist_pdf(x, degreesOfFreedom) }

    /// The p-quantile. - Throws: unless 0 < p < 1.
    public func quantile(_ p: Double) throws(StochasticsError) -> Double {
        try Check.openUnit("p", p)
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }
}
