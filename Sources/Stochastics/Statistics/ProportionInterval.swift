import CGSL

/// A two-sided confidence interval for a binomial proportion.
public struct ProportionInterval: Sendable, Equatable, CustomStringConvertible {
    public let successes: Int
    public let trials: Int
    public let confidence: Double
    public let lower: Double
    public let upper: Double

    /// The point estimate successes / trials.
    public var estimate: Double { Double(successes) / Double(trials) }
    /// Half the interval's width.
    public var halfWidth: Double { (upper - lower) / 2 }

    public var description: String {
        "\(estimate) [\(lower), \(upper)] (\(confidence * 100)%, n=\(trials))"
    }

    /// Wilson's score interval (Wilson, 1927). Good coverage near 0 and 1, where Wald fails.
    public static func wilson(successes: Int, trials: Int, confidence: Double = 0.95) throws(StochasticsError)
        -> ProportionInterval
    {
        try validate(successes, trials, confidence)
        let n = Double(trials)
        let p = Double(successes) / n
        let z = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2)
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ProportionInterval(
            successes: successes, trials: trials, confidence: confidence,
            lower: max(0, centre - half), upper: min(1, centre + half))
    }

    /// The Clopper–Pearson "exact" interval from beta quantiles (`gsl_cdf_beta_Pinv`).
    /// Conservative: its coverage is at least the nominal level.
    public static func clopperPearson(successes: Int, trials: Int, confidence: Double = 0.95) throws(StochasticsError)
        -> ProportionInterval
    {
        try validate(successes, trials, confidence)
        let alpha = 1 - confidence
        let x = Double(successes)
        let n = Double(trials)
        let lower = successes == 0 ? 0 : try betaQuantile(alpha / 2, x, n - x + 1)
        let upper = successes == trials ? 1 : try betaQuantile(1 - alpha / 2, x + 1, n - x)
        return ProportionInterval(
            successes: successes, trials: trials, confidence: confidence, lower: lower, upper: upper)
    }

    /// `gsl_cdf_beta_Pinv`, falling back to Brent on `gsl_cdf_beta_P` where GSL's own
    /// inversion does not converge (it returns NaN for large shape parameters).
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) throws(StochasticsError) -> Double {
        let direct = gsl_cdf_beta_Pinv(p, a, b)
        if direct.isFinite { return direct }
        return try RootFinder.brent(in: 0, 1, absoluteTolerance: 1e-14, relativeTolerance: 1e-12) {
            gsl_cdf_beta_P($0, a, b) - p
        }.x
    }

    private static func validate(_ successes: Int, _ trials: Int, _ confidence: Double) throws(StochasticsError) {
        guard trials >= 1 else {
            throw .invalidParameter(name: "trials", value: "\(trials)", expected: "an integer >= 1")
        }
        guard successes >= 0, successes <= trials else {
            throw .invalidParameter(name: "successes", value: "\(successes)", expected: "an integer in 0...\(trials)")
        }
        try Check.openUnit("confidence", confidence)
    }

    private init(successes: Int, trials: Int, confidence: Double, lower: Double, upper: Double) {
        self.successes = successes
        self.trials = trials
        self.confidence = confidence
        self.lower = lower
        self.upper = upper
    }
}
