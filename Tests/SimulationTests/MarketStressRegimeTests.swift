import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketStressRegimeTests {
        typealias S = MarketTestSupport
        typealias Asset = MultiAssetMarket.Asset

        static let assets = [
            Asset(name: "ETH", initialPrice: 2_000, process: .gbm(drift: 0, sigma: 0.01)),
            Asset(name: "BTC", initialPrice: 60_000, process: .gbm(drift: 0, sigma: 0.02)),
        ]

        /// Always in stress (it starts there and never leaves), with blend `lambda` and multiplier `m`.
        static func stressed(_ lambda: Double, m: Double = 1) throws -> MultiAssetMarket {
            try MultiAssetMarket(
                assets: assets, correlation: [[1, 0.2], [0.2, 1]],
                regimes: MarketRegimes(
                    calmToStress: 0, stressToCalm: 0, stressCorrelationBlend: lambda, stressSigmaMultiplier: m,
                    initialRegime: 1))
        }

        @Test func stressBlendRaisesRealisedCorrelation() throws {
            // Paired streams: the same seed feeds both models the same normals, so the difference is the blend.
            // (1 − 0.8)·0.2 + 0.8 = 0.84. Fisher-z 99.99% intervals at n = 20,000: ±3.9/√n.
            let n = 20_000
            let half = 3.9 / Double(n - 3).squareRoot()
            for seed: UInt64 in [1, 2, 3] {
                let calm = S.logReturns(try Self.stressed(0), ticks: n, seed: seed)
                let blended = S.logReturns(try Self.stressed(0.8), ticks: n, seed: seed)
                let r0 = S.correlation(calm[0], calm[1])
                let r1 = S.correlation(blended[0], blended[1])
                #expect(abs(atanh(r0) - atanh(0.2)) < half, "λ = 0: ρ = \(r0)")
                #expect(abs(atanh(r1) - atanh(0.84)) < half, "λ = 0.8: ρ = \(r1)")
                #expect(r1 > r0 + 0.5)
                // ETH's innovation is the first normal in both (row 0 of L is [1, 0]): identical ETH paths.
                #expect(calm[0] == blended[0])
            }
        }

        @Test func blendOfOneMakesTheAssetsMoveTogether() throws {
            let r = S.logReturns(try Self.stressed(1), ticks: 500, seed: 4)
            let x0 = r[0].map { ($0 + 0.01 * 0.01 / 2) / 0.01 }
            let x1 = r[1].map { ($0 + 0.02 * 0.02 / 2) / 0.02 }
            for t in 0..<500 { #expect(abs(x0[t] - x1[t]) < 1e-9) }
        }

        @Test func stressMultipliesTheVolatility() throws {
            let r = S.logReturns(try Self.stressed(0, m: 2.5), ticks: 20_000, seed: 6)
            // SE of a sample sd ≈ σ/√(2n) = 0.025/200 ≈ 1.3e-4; allow 4 SE.
            #expect(abs(try Summary.standardDeviation(r[0]) - 0.025) < 5e-4)
            #expect(abs(try Summary.standardDeviation(r[1]) - 0.05) < 1e-3)
        }

        /// Never switches by itself (p₀₁ = 0) and leaves stress at once (p₁₀ = 1): only the trigger makes stress.
        static func triggered(_ trigger: StressTrigger?) throws -> MultiAssetMarket {
            try MultiAssetMarket(
                assets: assets, correlation: [[1, 0.2], [0.2, 1]],
                regimes: MarketRegimes(
                    calmToStress: 0, stressToCalm: 1, stressCorrelationBlend: 0.9, stressSigmaMultiplier: 2,
                    trigger: trigger))
        }

        @Test func triggerEntersStressExactlyWhenTheSignalCrosses() throws {
            let model = try Self.triggered(StressTrigger(depthDrop: 0.3, outflow: 0.1))
            let signals: [(StressSignal, Int)] = [
                (.quiet, 0),
                (StressSignal(ammDepthDrop: 0.29, outflowFraction: 0.099), 0),
                (StressSignal(ammDepthDrop: 0.3, outflowFraction: 0), 1),
                (StressSignal(ammDepthDrop: 0.1, outflowFraction: 0.05), 0),
                (StressSignal(ammDepthDrop: 0, outflowFraction: 0.1), 1),
                (StressSignal(ammDepthDrop: 0.9, outflowFraction: 0.9), 1),
                (StressSignal(ammDepthDrop: .nan, outflowFraction: .nan), 0),
                (.quiet, 0),
            ]
            var rng = RandomStream(seed: 8, purpose: "market-test")
            var s = model.initialState()
            for (t, (signal, regime)) in signals.enumerated() {
                s.stressSignal = signal
                model.advance(&s, tick: t + 1, rng: &rng)
                #expect(s.regime == regime, "tick \(t + 1): \(signal)")
                #expect(s.variances[0] == (regime == 1 ? 0.02 * 0.02 : 0.01 * 0.01))
            }
        }

        @Test func triggerKeepsTheStreamAligned() throws {
            // The Markov uniform is drawn whether or not the trigger fires, and stress draws as many
            // normals as calm: after any signals the stream is where an untriggered model leaves it.
            let withTrigger = try Self.triggered(StressTrigger(outflow: 0.2))
            let without = try Self.triggered(nil)
            var a = RandomStream(seed: 12, purpose: "market-test")
            var b = RandomStream(seed: 12, purpose: "market-test")
            var sa = withTrigger.initialState()
            var sb = without.initialState()
            var stressTicks = 0
            for t in 1...300 {
                sa.stressSignal = StressSignal(outflowFraction: t % 7 == 0 ? 0.5 : 0)
                withTrigger.advance(&sa, tick: t, rng: &a)
                without.advance(&sb, tick: t, rng: &b)
                stressTicks += sa.regime
                #expect(sb.regime == 0)
                if t < 7 { #expect(sa.prices == sb.prices) }
            }
            #expect(stressTicks == 300 / 7)
            #expect(sa.prices != sb.prices)
            #expect(a.uniform() == b.uniform())
        }

        @Test func aQuietSignalNeverTriggers() throws {
            let model = try Self.triggered(StressTrigger(depthDrop: 0.01))
            var rng = RandomStream(seed: 2, purpose: "market-test")
            var s = model.initialState()
            for t in 1...1_000 {
                model.advance(&s, tick: t, rng: &rng)
                #expect(s.regime == 0)
            }
        }

        @Test func regimeParametersAreChecked() {
            func message(_ regimes: MarketRegimes) -> String {
                do {
                    _ = try MultiAssetMarket(assets: Self.assets, regimes: regimes)
                    return "no error"
                } catch { return error.description }
            }
            #expect(
                message(MarketRegimes(calmToStress: 0.1, stressToCalm: 0.1, stressSigmaMultiplier: 0.5))
                    == "regimes.stress_sigma_multiplier must be a finite number >= 1, got 0.5")
            #expect(
                message(MarketRegimes(calmToStress: 0.1, stressToCalm: 0.1, stressCorrelationBlend: 1.5))
                    == "regimes.stress_correlation_blend must be a probability in [0, 1], got 1.5")
            #expect(
                message(MarketRegimes(calmToStress: 0.1, stressToCalm: 0.1, trigger: StressTrigger()))
                    == "regimes.trigger must be depth_drop, outflow or both, got neither threshold")
        }
    }
}
