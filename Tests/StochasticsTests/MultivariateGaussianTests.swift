import Testing

@testable import Stochastics

@Suite("Multivariate gaussian")
struct MultivariateGaussianTests {
    @Test func momentsMatchTheCorrelationMatrix() throws {
        let corr: [[Double]] = [[1, 0.6, -0.3], [0.6, 1, 0.2], [-0.3, 0.2, 1]]
        let sds = [1.0, 2.0, 0.5]
        let mean = [0.0, 1.0, -2.0]
        let mvn = try MultivariateGaussian(mean: mean, standardDeviations: sds, correlation: corr)
        var rng = RandomStream(seed: 11, purpose: "mvn")
        let n = 50_000
        var draws = [[Double]](repeating: [], count: 3)
        var buf: [Double] = []
        for _ in 0..<n {
            mvn.sample(&rng, into: &buf)
            for i in 0..<3 { draws[i].append(buf[i]) }
        }
        for i in 0..<3 {
            #expect(abs(try Summary.mean(draws[i]) - mean[i]) < 4 * sds[i] / Double(n).squareRoot())
            #expect(abs(try Summary.standardDeviation(draws[i]) / sds[i] - 1) < 0.02)
        }
        // Sample correlation has sd ≈ (1 − ρ²)/√n ≤ 0.0045; allow 0.02.
        for i in 0..<3 {
            for j in (i + 1)..<3 {
                let mi = try Summary.mean(draws[i])
                let mj = try Summary.mean(draws[j])
                var cov = 0.0
                for k in 0..<n { cov += (draws[i][k] - mi) * (draws[j][k] - mj) }
                cov /= Double(n - 1)
                let rho = cov / (try Summary.standardDeviation(draws[i]) * Summary.standardDeviation(draws[j]))
                #expect(abs(rho - corr[i][j]) < 0.02, "ρ[\(i)][\(j)] = \(rho), expected \(corr[i][j])")
            }
        }
    }

    @Test func rejectsMatricesThatAreNotCorrelations() {
        #expect(throws: StochasticsError.self) {
            try MultivariateGaussian(mean: [0, 0], standardDeviations: [1, 1], correlation: [[1, 1.2], [1.2, 1]])
        }
        #expect(throws: StochasticsError.self) {
            try MultivariateGaussian(mean: [0, 0], standardDeviations: [1, 1], correlation: [[1, 0.5], [0.4, 1]])
        }
        // Valid entries but not positive definite: pairwise ±0.9 around a triangle.
        #expect(throws: StochasticsError.self) {
            try MultivariateGaussian(
                mean: [0, 0, 0], standardDeviations: [1, 1, 1],
                correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
        }
    }
}
