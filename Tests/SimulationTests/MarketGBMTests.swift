import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketGBMTests {
        typealias S = MarketTestSupport

        static func eth(sigma: Double = 0.01, drift: Double = 0) throws -> CorrelatedGBM {
            try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, drift: drift, sigma: sigma)])
        }

        @Test func oneAssetIsExactlyTheReferenceModelStep() throws {
            // p_t = p_{t-1}·exp(−σ²/2 + σ·Z_t) with Z_t = rng.standardNormal(), bit for bit.
            let model = try Self.eth()
            var a = RandomStream(seed: 7, purpose: "market")
            var b = RandomStream(seed: 7, purpose: "market")
            var state = model.initialState()
            var p = 2_000.0
            let sigma = 0.01
            for t in 1...50 {
                model.advance(&state, tick: t, rng: &a)
                p = p * exp(-sigma * sigma / 2 + sigma * b.standardNormal())
                #expect(state.prices[0] == p)
            }
            #expect(state.variances == [sigma * sigma])
            #expect(state.frozen == [false] && state.regime == 0)
        }

        @Test func driftlessPriceIsAMartingale() throws {
            // Var(log p_T/p_0) = Tσ² = 100·1e-4 = 0.01, so sd(ratio) ≈ 0.1 and SE over 4000 paths ≈ 0.0016.
            let ratios = S.terminalRatios(try Self.eth(), paths: 4_000, ticks: 100, seed: 11)
            let (mean, se) = try S.meanAndError(ratios)
            #expect(abs(mean - 1) < 4 * se, "mean p_T/p_0 = \(mean) ± \(se)")
            // The same check rejects a drift of 0.001 per tick: E = e^0.1 ≈ 1.105, some 60 SE away.
            let drifted = try S.meanAndError(
                S.terminalRatios(try Self.eth(drift: 0.001), paths: 4_000, ticks: 100, seed: 11))
            #expect(abs(drifted.mean - exp(0.1)) < 4 * drifted.se)
            #expect(abs(drifted.mean - 1) > 20 * drifted.se)
        }

        @Test func logReturnStandardDeviationIsSigma() throws {
            // SE of a sample sd ≈ σ/√(2n) = 0.01/200 = 5e-5 at n = 20,000; allow 4 SE.
            let r = S.logReturns(try Self.eth(), ticks: 20_000, seed: 3)[0]
            let sd = try Summary.standardDeviation(r)
            #expect(abs(sd - 0.01) < 2e-4, "sd = \(sd)")
        }

        @Test func correlatedAssetsReproduceTheCorrelation() throws {
            let c = [[1.0, 0.6, 0.3], [0.6, 1.0, -0.4], [0.3, -0.4, 1.0]]
            let model = try CorrelatedGBM(
                assets: [
                    .init(name: "ETH", initialPrice: 2_000, sigma: 0.01),
                    .init(name: "BTC", initialPrice: 60_000, sigma: 0.02),
                    .init(name: "SOL", initialPrice: 150, sigma: 0.005),
                ], correlation: c)
            // SE of a sample correlation ≈ (1 − ρ²)/√n ≤ 1/√20000 ≈ 0.007; allow 0.03.
            let r = S.logReturns(model, ticks: 20_000, seed: 5)
            for (i, j) in [(0, 1), (0, 2), (1, 2)] {
                let rho = S.correlation(r[i], r[j])
                #expect(abs(rho - c[i][j]) < 0.03, "corr(\(i),\(j)) = \(rho), want \(c[i][j])")
            }
            #expect(abs(try Summary.standardDeviation(r[1]) - 0.02) < 4e-4)
        }

        @Test func sameSeedSamePathOtherSeedOtherPath() throws {
            let model = try CorrelatedGBM(
                assets: [
                    .init(name: "ETH", initialPrice: 2_000, sigma: 0.01),
                    .init(name: "BTC", initialPrice: 60_000, sigma: 0.02),
                ], correlation: [[1, 0.5], [0.5, 1]])
            let a = S.logReturns(model, ticks: 200, seed: 42)
            let b = S.logReturns(model, ticks: 200, seed: 42)
            let c = S.logReturns(model, ticks: 200, seed: 43)
            #expect(a == b)
            #expect(a != c)
        }

        @Test func zeroSigmaWithDriftGrowsDeterministically() throws {
            // σ = 0: p_t = 100·e^{0.01 t} exactly up to rounding; at t = 10 that is 100·e^{0.1} = 110.517...
            let model = try CorrelatedGBM(assets: [.init(name: "X", initialPrice: 100, drift: 0.01, sigma: 0)])
            var rng = RandomStream(seed: 1, purpose: "market")
            var s = model.initialState()
            for t in 1...10 { model.advance(&s, tick: t, rng: &rng) }
            #expect(abs(s.prices[0] - 110.51709180756477) < 1e-9)
        }
    }
}

extension MarketTests {
    @Suite struct MarketJumpDiffusionTests {
        typealias S = MarketTestSupport

        @Test func jumpFrequencyMatchesIntensity() throws {
            // σ = 0 and fixed jump size m = −0.1 (s = 0): each log-return is −λk + N·m, so N is read back exactly.
            let lambda = 0.05
            let m = -0.1
            let model = try JumpDiffusion(
                diffusion: try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, sigma: 0)]),
                jumps: [.init(intensity: lambda, logMean: m, logStandardDeviation: 0)])
            let compensator = -lambda * expm1(m)
            let counts = S.logReturns(model, ticks: 20_000, seed: 9)[0].map { (($0 - compensator) / m).rounded() }
            // SE of the mean count = √(λ/n) = √(0.05/20000) ≈ 0.0016; allow 4 SE.
            let mean = counts.reduce(0, +) / Double(counts.count)
            #expect(abs(mean - lambda) < 0.0064, "mean jumps per tick = \(mean)")
            #expect(counts.allSatisfy { $0 >= 0 })
            #expect(counts.contains { $0 >= 2 })  // P(N >= 2) ≈ 0.0012 per tick: ~24 expected in 20,000 ticks
        }

        @Test func compensatedJumpDiffusionIsAMartingale() throws {
            let model = try JumpDiffusion(
                diffusion: try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, sigma: 0.01)]),
                jumps: [.init(intensity: 0.05, logMean: -0.05, logStandardDeviation: 0.1)])
            let (mean, se) = try S.meanAndError(S.terminalRatios(model, paths: 4_000, ticks: 100, seed: 21))
            // Without the compensator the mean would be exp(−λTk) with k = e^{−0.045} − 1 ≈ −0.044: ≈ 1.25, far outside.
            #expect(abs(mean - 1) < 4 * se, "mean p_T/p_0 = \(mean) ± \(se)")
        }

        @Test func rejectsBadJumpParameters() throws {
            let gbm = try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, sigma: 0.01)])
            #expect(
                throws: MarketError.invalidParameter(
                    name: "jumps[0].intensity", value: "-1.0", expected: "a finite number >= 0")
            ) {
                try JumpDiffusion(diffusion: gbm, jumps: [.init(intensity: -1, logMean: 0, logStandardDeviation: 0)])
            }
            #expect(throws: MarketError.self) { try JumpDiffusion(diffusion: gbm, jumps: []) }
        }
    }
}
