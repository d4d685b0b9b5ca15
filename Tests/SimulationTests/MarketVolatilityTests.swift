import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketGARCHTests {
        typealias S = MarketTestSupport

        // ω = 1e-5, α = 0.1, β = 0.8: long-run variance ω/(1 − α − β) = 1e-5/0.1 = 1e-4 (σ = 1% per tick).
        static let asset = GARCHVolatility.Asset(name: "ETH", initialPrice: 2_000, omega: 1e-5, alpha: 0.1, beta: 0.8)

        @Test func longRunVarianceIsOmegaOverOneMinusAlphaMinusBeta() throws {
            #expect(abs(Self.asset.longRunVariance - 1e-4) < 1e-18)
            // Start far above the long-run level (10×) so the test also sees the variance revert.
            var a = Self.asset
            a.initialVariance = 1e-3
            let model = try GARCHVolatility(assets: [a])
            var rng = RandomStream(seed: 17, purpose: "market-test")
            var squaredShocks: [Double] = []
            var variances: [Double] = []
            for _ in 0..<200 {
                var s = model.initialState()
                #expect(s.variances == [1e-3])
                for t in 1...550 {
                    let h = s.variances[0]
                    let before = s.prices[0]
                    model.advance(&s, tick: t, rng: &rng)
                    guard t > 50 else { continue }  // burn-in: the excess decays as 0.9^t, 0.9^50 ≈ 0.5%
                    let eps = log(s.prices[0] / before) + h / 2  // μ = 0, so ε = r + h/2
                    squaredShocks.append(eps * eps)
                    variances.append(h)
                }
            }
            // 100,000 ε²: kurtosis ≈ 3.35 and the ε² autocorrelation cut the effective size to ~20,000,
            // so the SE of the mean is ≈ 1.1% of 1e-4; allow 5%.
            let realised = squaredShocks.reduce(0, +) / Double(squaredShocks.count)
            let meanH = variances.reduce(0, +) / Double(variances.count)
            #expect(abs(realised - 1e-4) < 5e-6, "mean ε² = \(realised)")
            #expect(abs(meanH - 1e-4) < 5e-6, "mean h = \(meanH)")
        }

        @Test func varianceFollowsTheRecursion() throws {
            // One step by hand: h₂ = ω + α·ε₁² + β·h₁ with ε₁ = √h₁·Z₁.
            let model = try GARCHVolatility(assets: [Self.asset])
            var a = RandomStream(seed: 2, purpose: "m")
            var b = RandomStream(seed: 2, purpose: "m")
            var s = model.initialState()
            model.advance(&s, tick: 1, rng: &a)
            let eps = (1e-4).squareRoot() * b.standardNormal()
            #expect(abs(s.variances[0] - (1e-5 + 0.1 * eps * eps + 0.8 * 1e-4)) < 1e-18)
            #expect(abs(s.prices[0] - 2_000 * exp(-0.5e-4 + eps)) < 1e-9)
        }

        @Test func rejectsNonStationaryParameters() {
            var bad = Self.asset
            bad.beta = 0.9
            #expect(
                throws: MarketError.invalidParameter(
                    name: "assets[0].alpha + assets[0].beta", value: "1.0",
                    expected: "< 1 (a stationary GARCH(1,1))")
            ) {
                try GARCHVolatility(assets: [bad])
            }
            bad = Self.asset
            bad.omega = 0
            #expect(throws: MarketError.self) { try GARCHVolatility(assets: [bad]) }
        }
    }
}

extension MarketTests {
    @Suite struct MarketRegimeSwitchingTests {
        typealias S = MarketTestSupport

        // Calm correlation 0.2; blend b = 0.8 gives stress correlation 0.2·0.2 + 0.8 = 0.84.
        static func model(initialRegime: Int = 0) throws -> RegimeSwitching {
            try RegimeSwitching(
                assets: [
                    .init(name: "ETH", initialPrice: 2_000, calmSigma: 0.01, stressSigma: 0.03),
                    .init(name: "BTC", initialPrice: 60_000, calmSigma: 0.008, stressSigma: 0.025),
                ], correlation: [[1, 0.2], [0.2, 1]], stressCorrelationBlend: 0.8,
                calmToStress: 0.02, stressToCalm: 0.08, initialRegime: initialRegime)
        }

        @Test func stressCorrelationIsBlendedTowardsOne() throws {
            let m = try Self.model()
            #expect(abs(m.stress.correlation[0][1] - 0.84) < 1e-15)
            #expect(m.stress.correlation[0][0] == 1)
        }

        @Test func stationaryShareAndCorrelationsPerRegime() throws {
            let m = try Self.model()
            var rng = RandomStream(seed: 31, purpose: "market-test")
            var s = m.initialState()
            var calm: ([Double], [Double]) = ([], [])
            var stress: ([Double], [Double]) = ([], [])
            let ticks = 50_000
            for t in 1...ticks {
                let before = s.prices
                m.advance(&s, tick: t, rng: &rng)
                let r0 = log(s.prices[0] / before[0])
                let r1 = log(s.prices[1] / before[1])
                if s.regime == 1 {
                    stress.0.append(r0)
                    stress.1.append(r1)
                } else {
                    calm.0.append(r0)
                    calm.1.append(r1)
                }
                #expect(s.variances[0] == (s.regime == 1 ? 0.03 * 0.03 : 0.01 * 0.01))
            }
            // Stationary P(stress) = p01/(p01+p10) = 0.02/0.10 = 0.2. Regimes persist (eigenvalue 0.9), so the
            // variance of the share is inflated ~19×: SE ≈ √(0.16·19/50000) ≈ 0.008; allow 0.035.
            let share = Double(stress.0.count) / Double(ticks)
            #expect(abs(share - 0.2) < 0.035, "stress share = \(share)")
            // ~40,000 calm and ~10,000 stress ticks: SE of each correlation ≤ 0.01; allow 0.05.
            let rhoCalm = S.correlation(calm.0, calm.1)
            let rhoStress = S.correlation(stress.0, stress.1)
            #expect(abs(rhoCalm - 0.2) < 0.05, "calm correlation \(rhoCalm)")
            #expect(abs(rhoStress - 0.84) < 0.05, "stress correlation \(rhoStress)")
            #expect(rhoStress > rhoCalm + 0.4)
            #expect(abs(try Summary.standardDeviation(stress.0) - 0.03) < 0.002)
        }

        @Test func absorbingStressStaysInStress() throws {
            let m = try RegimeSwitching(
                assets: [.init(name: "ETH", initialPrice: 1, calmSigma: 0.01, stressSigma: 0.02)],
                stressCorrelationBlend: 0, calmToStress: 1, stressToCalm: 0)
            var rng = RandomStream(seed: 1, purpose: "m")
            var s = m.initialState()
            #expect(s.regime == 0)
            for t in 1...20 {
                m.advance(&s, tick: t, rng: &rng)
                #expect(s.regime == 1)
            }
        }

        @Test func rejectsABlendOfOne() {
            #expect(throws: MarketError.self) {
                try RegimeSwitching(
                    assets: [.init(name: "ETH", initialPrice: 1, calmSigma: 0.01, stressSigma: 0.02)],
                    stressCorrelationBlend: 1, calmToStress: 0.1, stressToCalm: 0.1)
            }
            #expect(throws: MarketError.self) {
                try RegimeSwitching(
                    assets: [.init(name: "ETH", initialPrice: 1, calmSigma: 0.01, stressSigma: 0.02)],
                    stressCorrelationBlend: 0.5, calmToStress: 1.5, stressToCalm: 0.1)
            }
        }
    }
}
