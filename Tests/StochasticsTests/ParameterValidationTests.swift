import Testing

@testable import Stochastics

@Suite("Bad parameters become named Swift errors")
struct ParameterValidationTests {
    @Test func distributionsNameTheParameterAndRange() {
        #expect(
            throws: StochasticsError.invalidParameter(
                name: "standardDeviation", value: "-1.0", expected: "a finite number > 0")
        ) {
            try Gaussian(mean: 0, standardDeviation: -1)
        }
        #expect(throws: StochasticsError.invalidParameter(name: "mean", value: "nan", expected: "a finite number")) {
            try Gaussian(mean: .nan, standardDeviation: 1)
        }
        #expect(
            throws: StochasticsError.invalidParameter(
                name: "probability", value: "1.5", expected: "a probability in [0, 1]")
        ) {
            try Bernoulli(probability: 1.5)
        }
        #expect(
            throws: StochasticsError.invalidParameter(
                name: "trials", value: "-3", expected: "an integer in 0...4294967295")
        ) {
            try Binomial(probability: 0.5, trials: -3)
        }
        #expect(
            throws: StochasticsError.invalidParameter(name: "median", value: "0.0", expected: "a finite number > 0")
        ) {
            try LogNormal(median: 0, logStandardDeviation: 1)
        }
        #expect(
            throws: StochasticsError.invalidParameter(name: "alpha[1]", value: "-2.0", expected: "a finite number > 0")
        ) {
            try Dirichlet(alpha: [1, -2])
        }
        #expect(throws: StochasticsError.self) { try Gamma(shape: 0, scale: 1) }
        #expect(throws: StochasticsError.self) { try Beta(a: 1, b: .infinity) }
        #expect(throws: StochasticsError.self) { try Poisson(mean: -1) }
        #expect(throws: StochasticsError.self) { try Exponential(mean: 0) }
        #expect(throws: StochasticsError.self) { try StudentT(degreesOfFreedom: -1) }
        #expect(throws: StochasticsError.self) { try StandardNormal.quantile(1) }
    }

    @Test func errorsReadWell() {
        let e = StochasticsError.invalidParameter(name: "sigma", value: "-0.1", expected: "a finite number >= 0")
        #expect(e.description == "invalid parameter 'sigma' = -0.1: expected a finite number >= 0")
    }

    @Test func solversValidateTheirInputs() {
        #expect(throws: StochasticsError.self) { try RootFinder.brent(in: 1, 0) { $0 } }
        #expect(throws: StochasticsError.self) { try Minimizer.brent(in: 0, 1, guess: 2) { $0 } }
        #expect(throws: StochasticsError.self) { try Minimizer.nelderMead(start: []) { _ in 0 } }
        #expect(throws: StochasticsError.self) { try Minimizer.bfgs(start: [.nan]) { _ in 0 } }
        #expect(throws: StochasticsError.self) { try ProportionInterval.wilson(successes: 3, trials: 2) }
    }
}
