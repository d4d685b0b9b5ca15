import Testing

@testable import Stochastics

/// Samplers are checked against GSL's own CDFs at a fixed seed.
/// Significance level α = 0.001 per test: with the seed fixed the outcome is
/// deterministic, and a wrong sampler (wrong parameterisation, swapped arguments)
/// gives p-values far below it at n = 20,000.
@Suite("Distribution goodness of fit")
struct DistributionFitTests {
    static let alpha = 0.001
    static let n = 20_000

    private func ksPValue<D: ContinuousDistribution>(_ d: D, purpose: String) throws -> Double {
        var rng = RandomStream(seed: 2024, purpose: purpose)
        let xs = d.sample(&rng, count: Self.n)
        return try GoodnessOfFit.kolmogorovSmirnov(xs, cdf: d.cdf).pValue
    }

    @Test func continuousSamplersMatchTheirCDFs() throws {
        let cases: [(String, any ContinuousDistribution)] = [
            ("gaussian", try Gaussian(mean: 1.5, standardDeviation: 2)),
            ("lognormal", try LogNormal(median: 10_000, logStandardDeviation: 1)),
            ("gamma", try Gamma(shape: 2.5, scale: 3)),
            ("beta", try Beta(a: 2, b: 5)),
            ("exponential", try Exponential(mean: 4)),
            ("student-t", try StudentT(degreesOfFreedom: 5)),
        ]
        for (name, d) in cases {
            let p = try ksPValue(d, purpose: name)
            #expect(p > Self.alpha, "\(name): KS p-value \(p) below α = \(Self.alpha)")
        }
    }

    @Test func ksTestRejectsAWrongDistribution() throws {
        // The test itself must have power: N(0,1) draws judged against N(0.1, 1).
        var rng = RandomStream(seed: 2024, purpose: "power")
        let xs = try Gaussian().sample(&rng, count: Self.n)
        let shifted = try Gaussian(mean: 0.1, standardDeviation: 1)
        #expect(try GoodnessOfFit.kolmogorovSmirnov(xs, cdf: shifted.cdf).pValue < Self.alpha)
    }

    private func chiSquarePValue<D: DiscreteDistribution>(_ d: D, cells: Int, purpose: String) throws -> Double {
        var rng = RandomStream(seed: 99, purpose: purpose)
        var observed = [Double](repeating: 0, count: cells + 1)
        for _ in 0..<Self.n { observed[min(d.sample(&rng), cells)] += 1 }
        // The last cell pools the upper tail, P(X ≥ cells) = 1 − F(cells − 1).
        var expected = (0..<cells).map { Double(Self.n) * d.pmf($0) }
        expected.append(Double(Self.n) * (1 - d.cdf(cells - 1)))
        return try GoodnessOfFit.chiSquare(observed: observed, expected: expected).pValue
    }

    @Test func discreteSamplersMatchTheirMassFunctions() throws {
        #expect(try chiSquarePValue(Poisson(mean: 3.5), cells: 10, purpose: "poisson") > Self.alpha)
        #expect(try chiSquarePValue(Binomial(probability: 0.3, trials: 12), cells: 9, purpose: "binomial") > Self.alpha)
    }

    @Test func bernoulliFrequencyIsWithinItsConfidenceInterval() throws {
        var rng = RandomStream(seed: 3, purpose: "bernoulli")
        let coin = try Bernoulli(probability: 0.1)
        let hits = coin.sample(&rng, count: Self.n).filter { $0 }.count
        let ci = try ProportionInterval.clopperPearson(successes: hits, trials: Self.n, confidence: 0.999)
        #expect(ci.lower <= 0.1 && 0.1 <= ci.upper, "\(ci)")
    }

    @Test func dirichletDrawsLieOnTheSimplexWithTheRightMeans() throws {
        let alpha = [1.0, 2.0, 7.0]
        let d = try Dirichlet(alpha: alpha)
        var rng = RandomStream(seed: 8, purpose: "dirichlet")
        var sums = [0.0, 0.0, 0.0]
        for _ in 0..<Self.n {
            let x = d.sample(&rng)
            #expect(abs(x.reduce(0, +) - 1) < 1e-12)
            for i in 0..<3 { sums[i] += x[i] }
        }
        // E[Xᵢ] = αᵢ/Σα = 0.1, 0.2, 0.7; sd of the mean ≈ √(0.7·0.3/11/20000) ≈ 0.001.
        for i in 0..<3 { #expect(abs(sums[i] / Double(Self.n) - alpha[i] / 10) < 0.005) }
    }
}
