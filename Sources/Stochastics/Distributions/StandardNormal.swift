import CGSL

/// The standard normal distribution's CDF, survival function, quantile and density, from GSL.
///
/// Used for option pricing and Greeks, global-game beliefs and confidence intervals.
public enum StandardNormal {
    /// Φ(x), `gsl_cdf_ugaussian_P`.
    @inlinable public static func cdf(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }
    /// 1 − Φ(x), accurate in the upper tail, `gsl_cdf_ugaussian_Q`.
    @inlinable public static func survival(_ x: Double) -> Double { gsl_cdf_ugaussian_Q(x) }
    /// φ(x), `gsl_ran_ugaussian_pdf`.
    @inlinable public static func pdf(_ x: Double) -> Double { gsl_ran_ugaussian_pdf(x) }

    /// Φ⁻¹(p), `gsl_cdf_ugaussian_Pinv`.
    /// - Throws: ``StochasticsError/invalidParameter(name:value:expected:)`` unless 0 < p < 1.
    public static func quantile(_ p: Double) throws(StochasticsError) -> Double {
        try Check.openUnit("p", p)
        return gsl_cdf_ugaussian_Pinv(p)
    }
}
