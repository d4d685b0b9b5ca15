import CGSL
import Foundation

/// The lognormal distribution: exp(N(logMean, logStandardDeviation²)).
///
/// The median is `exp(logMean)`, so "median 10,000, log sd 1.0" is
/// `LogNormal(median: 10_000, logStandardDeviation: 1.0)`.
public struct LogNormal: ContinuousDistribution {
    public let logMean: Double
    public let logStandardDeviation: Double

    public init(logMean: Double, logStandardDeviation: Double) throws(StochasticsError) {
        try Check.finite("logMean", logMean)
        try Check.positive("logStandardDeviation", logStandardDeviation)
        self.logMean = logMean
        self.logStandardDeviation = logStandardDeviation
    }

    /// - Throws: unless `median` > 0 and `logStandardDeviation` > 0.
    public init(median: Double, logStandardDeviation: Double) throws(StochasticsError) {
        try Check.positive("median", median)
        try self.init(logMean: log(median), logStandardDeviation: logStandardDeviation)
    }

    public func sample(_ rng: inout RandomStream) -> Double {
        rng.withGSL { gsl_ran_lognormal($0, logMean, logStandardDeviation) }
    }
    public func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : gsl_cdf_lognormal_P(x, logMean, logStandardDeviation)
    }
    public func pdf(_ x: Double) -> Double { gsl_ran_lognormal_pdf(x, logMean, logStandardDeviation) }
}
