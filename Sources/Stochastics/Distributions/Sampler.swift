/// Something that draws values from a ``RandomStream``.
public protocol Sampler: Sendable {
    associatedtype Value
    /// One draw. Parameters were validated at construction, so sampling cannot fail.
    func sample(_ rng: inout RandomStream) -> Value
}

/// A univariate distribution on the real line with GSL's CDF and density.
public protocol ContinuousDistribution: Sampler where Value == Double {
    /// P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// The density at x.
    func pdf(_ x: Double) -> Double
}

/// A distribution on the non-negative integers with GSL's CDF and mass function.
public protocol DiscreteDistribution: Sampler where Value == Int {
    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double
    /// P(X = k).
    func pmf(_ k: Int) -> Double
}

extension Sampler {
    /// `count` independent draws.
    public func sample(_ rng: inout RandomStream, count: Int) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(sample(&rng)) }
        return out
    }
}
