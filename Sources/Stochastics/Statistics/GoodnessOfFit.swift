import CGSL
import Foundation

/// Goodness-of-fit tests of a sample against a distribution.
public enum GoodnessOfFit {
    /// A test statistic with its p-value.
    public struct Result: Sendable {
        public let statistic: Double
        public let pValue: Double
    }

    /// One-sample Kolmogorov–Smirnov test: D = sup |Fₙ(x) − F(x)|, with the asymptotic
    /// p-value Q_KS((√n + 0.12 + 0.11/√n)·D) (Stephens' small-sample correction).
    public static func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) throws(StochasticsError) -> Result
    {
        let sorted = try Summary.sortedFinite(sample)
        try Summary.nonEmpty(sorted, 1)
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        let lambda = (n.squareRoot() + 0.12 + 0.11 / n.squareRoot()) * d
        return Result(statistic: d, pValue: kolmogorovQ(lambda))
    }

    /// Pearson's chi-square test of observed counts against expected counts, with
    /// `observed.count − 1 − fittedParameters` degrees of freedom (`gsl_cdf_chisq_Q`).
    public static func chiSquare(observed: [Double], expected: [Double], fittedParameters: Int = 0)
        throws(StochasticsError) -> Result
    {
        guard observed.count == expected.count, observed.count >= 2 + fittedParameters else {
            throw .invalidParameter(
                name: "observed", value: "\(observed.count) cells",
                expected: "as many cells as expected (\(expected.count)), at least \(2 + fittedParameters)")
        }
        var chi2 = 0.0
        for (o, e) in zip(observed, expected) {
            try Check.positive("expected cell", e)
            chi2 += (o - e) * (o - e) / e
        }
        let dof = Double(observed.count - 1 - fittedParameters)
        return Result(statistic: chi2, pValue: gsl_cdf_chisq_Q(chi2, dof))
    }

    /// The Kolmogorov distribution's survival function Q(λ) = 2 Σ (−1)^{k−1} e^{−2k²λ²}.
    static func kolmogorovQ(_ lambda: Double) -> Double {
        if lambda < 1e-3 { return 1 }
        var sum = 0.0
        var sign = 1.0
        for k in 1...100 {
            let term = sign * exp(-2 * Double(k * k) * lambda * lambda)
            sum += term
            if abs(term) < 1e-12 { break }
            sign = -sign
        }
        return min(1, max(0, 2 * sum))
    }
}
