import CGSL

/// The binomial distribution: successes in `trials` Bernoulli(p) trials, `gsl_ran_binomial`.
public struct Binomial: DiscreteDistribution {
    public let probability: Double
    public let trials: Int

    public init(probability: Double, trials: Int) throws(StochasticsError) {
        try Check.probability("probability", probability)
        guard trials >= 0, trials <= Int(UInt32.max) else {
            throw .invalidParameter(name: "trials", value: "\(trials)", expected: "an integer in 0...\(UInt32.max)")
        }
        self.probability = probability
        self.trials = trials
    }

    public func sample(_ rng: inout RandomStream) -> Int {
        Int(rng.withGSL { gsl_ran_binomial($0, probability, UInt32(trials)) })
    }
    public func cdf(_ k: Int) -> Double {
        k < 0 ? 0 : gsl_cdf_binomial_P(UInt32(clamping: k), probability, UInt32(trials))
    }
    public func pmf(_ k: Int) -> Double {
        k < 0 ? 0 : gsl_ran_binomial_pdf(UInt32(clamping: k), probability, UInt32(trials))
    }
}
