import Testing

@testable import Stochastics

@Suite("Linear least squares")
struct LinearLeastSquaresTests {
    /// Exact data on y = 2 − 3·x₁ + 0.5·x₂ gives back the coefficients and a zero residual.
    @Test func recoversKnownCoefficients() throws {
        var design: [Double] = []
        var response: [Double] = []
        for i in 0..<20 {
            let x1 = Double(i) / 7
            let x2 = Double((i * 13) % 11)
            design += [1, x1, x2]
            response.append(2 - 3 * x1 + 0.5 * x2)
        }
        let fit = try LinearLeastSquares.fit(design: design, columns: 3, response: response)
        for (c, e) in zip(fit.coefficients, [2, -3, 0.5]) { #expect(abs(c - e) < 1e-10) }
        #expect(fit.residualSumOfSquares < 1e-18)
        #expect(abs(fit.predict([1, 1, 1]) - (-0.5)) < 1e-10)
    }

    /// A constant column beside the intercept makes the design rank-deficient; the fit still predicts.
    @Test func aRankDeficientDesignStillFits() throws {
        var design: [Double] = []
        var response: [Double] = []
        for i in 0..<12 {
            design += [1, Double(i), 0.5]
            response.append(1 + 2 * Double(i))
        }
        let fit = try LinearLeastSquares.fit(design: design, columns: 3, response: response)
        #expect(abs(fit.predict([1, 20, 0.5]) - 41) < 1e-8)
    }

    @Test func badShapesAreRefused() {
        #expect(throws: StochasticsError.self) {
            try LinearLeastSquares.fit(design: [1, 2], columns: 2, response: [1])
        }
        #expect(throws: StochasticsError.self) {
            try LinearLeastSquares.fit(design: [1, 2, 3], columns: 1, response: [1, 2])
        }
        #expect(throws: StochasticsError.self) {
            try LinearLeastSquares.fit(design: [1, .nan, 3], columns: 1, response: [1, 2, 3])
        }
    }
}
