import CGSL

/// The gamma distribution with shape k and scale θ (mean kθ), `gsl_ran_gamma`.
public struct Gamma: ContinuousDistribution {
    public let shape: Double
    public let scale: Double

    public init(shape: Double, scale: Double) throws(StochasticsError) {
        try Check.positive("shape", shape)
        try Check.positive("scale", scale)
        self.shape = shape
        self.scale = scale
    }

    public func sample(_ rng: inout RandomStream) -> Double {
        rng.withGSL { gsl_ran_gamma($0, shape, scale) }
    }
    public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : gsl_cdf_gamma_P(x, shape, scale) }
    public func pdf(_ x: Double) -> Double { gsl_ran_gamma_pdf(x, shape, scale) }
}
