import Foundation
import Testing

@testable import Stochastics

@Suite("Nonlinear least squares")
struct NonlinearLeastSquaresTests {
    /// The decay curve y = A·e^{−λt} + b of GSL's own nlinear example, sampled exactly, is recovered from a
    /// start far from the truth, with a zero residual.
    @Test func recoversAnExponentialDecay() throws {
        let t = (0..<40).map { Double($0) * 0.1 }
        let y = t.map { 5 * exp(-1.5 * $0) + 1 }
        let fit = try NonlinearLeastSquares.fit(start: [1, 0.5, 0], count: t.count) { x in
            zip(t, y).map { x[0] * exp(-x[1] * $0) + x[2] - $1 }
        }
        #expect(fit.stop == .converged)
        for (v, e) in zip(fit.parameters, [5, 1.5, 1]) { #expect(abs(v - e) < 1e-7, "\(fit.parameters)") }
        #expect(fit.residualSumOfSquares < 1e-16)
    }

    /// With noise the fit is the least-squares one: its residual is no larger than the truth's.
    @Test func noisyDataFitsAtLeastAsWellAsTheTruth() throws {
        let t = (0..<60).map { Double($0) * 0.05 }
        let noise = t.indices.map { 0.01 * sin(Double($0) * 12.9898) }
        let y = zip(t, noise).map { 2 * exp(-0.7 * $0) + 0.3 + $1 }
        let model: ([Double]) -> [Double] = { x in zip(t, y).map { x[0] * exp(-x[1] * $0) + x[2] - $1 } }
        let fit = try NonlinearLeastSquares.fit(start: [1, 1, 0], count: t.count, model)
        let truth = model([2, 0.7, 0.3]).reduce(0) { $0 + $1 * $1 }
        #expect(fit.residualSumOfSquares <= truth + 1e-12)
        #expect(abs(fit.parameters[1] - 0.7) < 0.05)
    }

    /// Bad arguments and bad residuals are refused with the parameter named.
    @Test func refusesBadInput() {
        #expect(throws: StochasticsError.self) { try NonlinearLeastSquares.fit(start: [1, 2], count: 1) { $0 } }
        #expect(throws: StochasticsError.self) {
            try NonlinearLeastSquares.fit(start: [], count: 3) { _ in [0, 0, 0] }
        }
        #expect(throws: StochasticsError.self) {
            try NonlinearLeastSquares.fit(start: [1], count: 2) { _ in [1, 2, 3] }
        }
        #expect(throws: StochasticsError.self) {
            try NonlinearLeastSquares.fit(start: [1], count: 2) { x in [x[0], .nan] }
        }
    }
}
