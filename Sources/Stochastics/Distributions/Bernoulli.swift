import CGSL

/// A Bernoulli(p) coin, `gsl_ran_bernoulli`.
public struct Bernoulli: Sampler {
    public let probability: Double

    public init(probability: Double) throws(StochasticsError) {
        try Check.probability("probability", probability)
        self.probability = probability
    }

    public func sample(_ rng: inout RandomStream) -> Bool {
        rng.withGSL { gsl_ran_bernoulli($0, probability) } == 1
    }
}
