import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketMultiAssetTests {
        typealias S = MarketTestSupport
        typealias Asset = MultiAssetMarket.Asset

        static let c = [
            [1.0, 0.8, 0.5, -0.2],
            [0.8, 1.0, 0.4, -0.1],
            [0.5, 0.4, 1.0, 0.0],
            [-0.2, -0.1, 0.0, 1.0],
        ]

        /// ETH (GBM), BTC (GARCH), stETH (GBM) and USDC (OU peg), correlated through `c`.
        static func four(regimes: MarketRegimes? = nil) throws -> MultiAssetMarket {
            try MultiAssetMarket(
                assets: [
                    Asset(name: "ETH", initialPrice: 2_000, process: .gbm(drift: 0, sigma: 0.01)),
                    Asset(
                        name: "BTC", initialPrice: 60_000,
                        process: .garch(drift: 0, omega: 1e-5, alpha: 0.1, beta: 0.8, initialVariance: nil)),
                    Asset(name: "stETH", initialPrice: 1_990, process: .gbm(drift: 0, sigma: 0.012)),
                    Asset(name: "USDC", process: .ouPeg(peg: 1, speed: 0.2, sigma: 0.002)),
                ], correlation: c, regimes: regimes)
        }

        /// Runs `model` and recovers each tick's correlated normal X_i of every asset from its step.
        static func innovations(_ model: MultiAssetMarket, ticks: Int, seed: UInt64) -> [[Double]] {
            var rng = RandomStream(seed: seed, purpose: "market-test")
            var s = model.initialState()
            var x = [[Double]](repeating: [], count: s.prices.count)
            for t in 1...ticks {
                let before = s
                model.advance(&s, tick: t, rng: &rng)
                for i in 0..<s.prices.count {
                    switch model.assets[i].process {
                    case let .gbm(drift, sigma):
                        x[i].append((log(s.prices[i] / before.prices[i]) - drift + sigma * sigma / 2) / sigma)
                    case let .garch(drift, _, _, _, _):
                        let h = before.variances[i]
                        x[i].append((log(s.prices[i] / before.prices[i]) - drift + h / 2) / h.squareRoot())
                    case let .ouPeg(peg, speed, sigma):
                        let noise = sigma * (-expm1(-2 * speed) / (2 * speed)).squareRoot()
                        x[i].append((s.prices[i] - peg - (before.prices[i] - peg) * exp(-speed)) / noise)
                    default:
                        x[i].append(.nan)
                    }
                }
            }
            return x
        }

        @Test func innovationsHaveTheMatrixCorrelationWithinAConfidenceInterval() throws {
            // Fisher's z = atanh(r) is ≈ N(atanh(ρ), 1/(n − 3)): a 99.99% interval is ±3.9 SE. Six pairs,
            // each checked on three independent seeds.
            let n = 20_000
            let se = 1 / Double(n - 3).squareRoot()
            for seed: UInt64 in [5, 6, 7] {
                let x = Self.innovations(try Self.four(), ticks: n, seed: seed)
                for i in 0..<4 {
                    for j in (i + 1)..<4 {
                        let r = S.correlation(x[i], x[j])
                        #expect(abs(atanh(r) - atanh(Self.c[i][j])) < 3.9 * se, "seed \(seed) ρ(\(i),\(j)) = \(r)")
                    }
                }
            }
        }

        @Test func gbmLogReturnsHaveTheMatrixCorrelation() throws {
            // ETH and stETH are both GBM: their log-returns themselves are correlated 0.5.
            let r = S.logReturns(try Self.four(), ticks: 20_000, seed: 9)
            let rho = S.correlation(r[0], r[2])
            #expect(abs(atanh(rho) - atanh(0.5)) < 3.9 / (20_000.0 - 3).squareRoot(), "ρ = \(rho)")
        }

        @Test func gbmAssetIsAMartingale() throws {
            let model = try Self.four()
            var rng = RandomStream(seed: 11, purpose: "market-test")
            var ratios: [Double] = []
            for _ in 0..<3_000 {
                var s = model.initialState()
                for t in 1...100 { model.advance(&s, tick: t, rng: &rng) }
                ratios.append(s.prices[0] / 2_000)
            }
            let (mean, se) = try S.meanAndError(ratios)
            #expect(abs(mean - 1) < 4 * se, "E[p_T/p_0] = \(mean) ± \(se)")
        }

        @Test func garchAssetHasTheLongRunVariance() throws {
            // ω/(1 − α − β) = 1e-5/0.1 = 1e-4. Kurtosis and volatility clustering cut the effective sample
            // to about a fifth (see MarketGARCHTests), so the SE is ≈ 1% of the level: allow 5%.
            let r = S.logReturns(try Self.four(), ticks: 100_000, seed: 13)[1]
            let v = try Summary.variance(r)
            #expect(abs(v / 1e-4 - 1) < 0.05, "var = \(v)")
        }

        @Test func pegRevertsToItsMeanWithTheStationaryVariance() throws {
            let model = try MultiAssetMarket(assets: [
                Asset(name: "USDC", initialPrice: 0.9, process: .ouPeg(peg: 1, speed: 0.2, sigma: 0.002))
            ])
            // Mean reversion: the expected gap after t ticks is 0.1·e^(−0.2t).
            var gaps = [Double](repeating: 0, count: 11)
            var rng = RandomStream(seed: 17, purpose: "market-test")
            for _ in 0..<2_000 {
                var s = model.initialState()
                for t in 1...10 {
                    model.advance(&s, tick: t, rng: &rng)
                    gaps[t] += (1 - s.prices[0]) / 2_000
                }
            }
            for t in [1, 5, 10] { #expect(abs(gaps[t] - 0.1 * exp(-0.2 * Double(t))) < 3e-4, "gap(\(t))") }
            // Stationary law N(1, σ²/(2κ)) = N(1, 1e-5).
            var s = model.initialState()
            var levels: [Double] = []
            for t in 1...60_000 {
                model.advance(&s, tick: t, rng: &rng)
                if t > 100 { levels.append(s.prices[0]) }
            }
            #expect(abs(try Summary.mean(levels) - 1) < 2e-4)
            #expect(abs(try Summary.variance(levels) / 1e-5 - 1) < 0.1)
        }

        @Test func perfectlyCorrelatedAssetsAreAccepted() throws {
            // ρ = 1 is singular: positive semi-definite but not definite. Both assets get the same normal.
            let model = try MultiAssetMarket(
                assets: [
                    Asset(name: "ETH", initialPrice: 2_000, process: .gbm(drift: 0, sigma: 0.01)),
                    Asset(name: "stETH", initialPrice: 2_000, process: .gbm(drift: 0, sigma: 0.01)),
                    Asset(name: "BTC", initialPrice: 60_000, process: .gbm(drift: 0, sigma: 0.02)),
                ], correlation: [[1, 1, 0.5], [1, 1, 0.5], [0.5, 0.5, 1]])
            let r = S.logReturns(model, ticks: 200, seed: 3)
            #expect(r[0] == r[1])
            #expect(r[0] != r[2])
        }

        @Test func aMatrixWithANegativeEigenvalueIsRefused() {
            let bad = [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]
            #expect(CorrelationCheck.problem(bad, dimension: 3) == .notPositiveSemiDefinite(pivot: 2))
            #expect(CorrelationCheck.problem([[1, 1, 0], [1, 1, 0.5], [0, 0.5, 1]], dimension: 3) != nil)
            #expect(CorrelationCheck.problem([[1, 1], [1, 1]], dimension: 2) == nil)
        }

        @Test func positiveDefiniteFactorIsThePlainCholesky() throws {
            // The tolerant recursion must give, bit for bit, the factor the models always used.
            for c in [Self.c, [[1, 0.6, 0.3], [0.6, 1, -0.4], [0.3, -0.4, 1]], [[1, 0.999], [0.999, 1]]] {
                let n = c.count
                var plain = [Double](repeating: 0, count: n * n)
                for i in 0..<n {
                    for j in 0...i {
                        var s = c[i][j]
                        for k in 0..<j { s -= plain[i * n + k] * plain[j * n + k] }
                        plain[i * n + j] = i == j ? s.squareRoot() : s / plain[j * n + j]
                    }
                }
                #expect(try CorrelationFactor(c, dimension: n, name: "correlation").lower == plain)
            }
        }

        @Test func oneAssetGivesTheOneAssetModelsPath() throws {
            // Same process, same stream: the multi-asset step is the one-asset model's arithmetic.
            let jumps = JumpDiffusion.Jumps(intensity: 0.05, logMean: -0.05, logStandardDeviation: 0.02)
            let pairs: [(MultiAssetMarket, MarketModel)] = [
                (
                    try MultiAssetMarket(assets: [
                        Asset(name: "ETH", initialPrice: 2_000, process: .gbm(drift: 0.001, sigma: 0.01))
                    ]),
                    .gbm(
                        try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, drift: 0.001, sigma: 0.01)]))
                ),
                (
                    try MultiAssetMarket(assets: [
                        Asset(
                            name: "ETH", initialPrice: 2_000,
                            process: .jumpDiffusion(drift: 0, sigma: 0.01, jumps: jumps))
                    ]),
                    .jumpDiffusion(
                        try JumpDiffusion(
                            diffusion: try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, sigma: 0.01)]
                            ),
                            jumps: [jumps]))
                ),
                (
                    try MultiAssetMarket(assets: [
                        Asset(
                            name: "BTC", initialPrice: 60_000,
                            process: .garch(drift: 0, omega: 2e-6, alpha: 0.08, beta: 0.9, initialVariance: nil))
                    ]),
                    .garch(
                        try GARCHVolatility(assets: [
                            .init(name: "BTC", initialPrice: 60_000, omega: 2e-6, alpha: 0.08, beta: 0.9)
                        ]))
                ),
                (
                    try MultiAssetMarket(assets: [
                        Asset(name: "USDC", initialPrice: 0.97, process: .ouPeg(peg: 1, speed: 0.1, sigma: 0.001))
                    ]),
                    .ouPeg(
                        try OrnsteinUhlenbeckPeg(assets: [
                            .init(name: "USDC", peg: 1, initialPrice: 0.97, speed: 0.1, sigma: 0.001)
                        ]))
                ),
            ]
            for (new, old) in pairs {
                var a = RandomStream(seed: 21, purpose: "market")
                var b = RandomStream(seed: 21, purpose: "market")
                var sa = new.initialState()
                var sb = old.initialState()
                #expect(sa.prices == sb.prices && sa.variances == sb.variances)
                for t in 1...500 {
                    new.advance(&sa, tick: t, rng: &a)
                    old.advance(&sb, tick: t, rng: &b)
                }
                #expect(sa.prices == sb.prices, "\(old.assetNames)")
                #expect(a.uniform() == b.uniform(), "the streams stay aligned")
            }
        }
    }
}
