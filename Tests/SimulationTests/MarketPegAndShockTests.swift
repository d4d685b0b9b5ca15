import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketOrnsteinUhlenbeckTests {
        // κ = 0.1, σ = 0.002, μ = 1: stationary variance σ²/(2κ) = 4e-6/0.2 = 2e-5.
        static let usdc = OrnsteinUhlenbeckPeg.Asset(name: "USDC", peg: 1, speed: 0.1, sigma: 0.002)

        @Test func exactDiscretisationWithoutNoise() throws {
            // σ = 0: x₁ = 1 + (0.9 − 1)·e^{−0.1} = 0.909516258196404...
            var a = Self.usdc
            a.sigma = 0
            a.initialPrice = 0.9
            let m = try OrnsteinUhlenbeckPeg(assets: [a])
            var rng = RandomStream(seed: 1, purpose: "m")
            var s = m.initialState()
            m.advance(&s, tick: 1, rng: &rng)
            #expect(abs(s.prices[0] - 0.9095162581964040) < 1e-15)
        }

        @Test func longRunMeanAndVariance() throws {
            let m = try OrnsteinUhlenbeckPeg(assets: [Self.usdc])
            #expect(abs(Self.usdc.stationaryVariance - 2e-5) < 1e-20)
            var rng = RandomStream(seed: 8, purpose: "market-test")
            var s = m.initialState()
            var xs: [Double] = []
            for t in 1...100_100 {
                m.advance(&s, tick: t, rng: &rng)
                if t > 100 { xs.append(s.prices[0]) }
            }
            // AR(1) with φ = e^{−0.1} ≈ 0.905: the mean's SE ≈ 0.0045·√(20/1e5) ≈ 6e-5 (allow 3e-4);
            // the variance's SE ≈ 2e-5·√(2·10/1e5) ≈ 3e-7 (allow 1.2e-6, 6%).
            let mean = try Summary.mean(xs)
            let variance = try Summary.variance(xs)
            #expect(abs(mean - 1) < 3e-4, "mean \(mean)")
            #expect(abs(variance - 2e-5) < 1.2e-6, "variance \(variance)")
        }

        @Test func revertsAfterADepeg() throws {
            // Depeg to 0.90 for ticks 10...20, then free: E[x_{20+k}] = 1 − 0.1·e^{−κk}; at k = 10, 1 − 0.1/e = 0.963212.
            let m = try ShockedMarket(
                base: try OrnsteinUhlenbeckPeg(assets: [Self.usdc]),
                shocks: [.depeg(asset: 0, from: 10, to: 20, price: 0.9)])
            var rng = RandomStream(seed: 4, purpose: "market-test")
            var atThirty: [Double] = []
            for _ in 0..<2_000 {
                var s = m.initialState()
                for t in 1...30 {
                    m.advance(&s, tick: t, rng: &rng)
                    if (10...20).contains(t) { #expect(s.prices[0] == 0.9) }
                }
                atThirty.append(s.prices[0])
            }
            // Conditional sd at k = 10: √(2e-5·(1 − e^{−2})) ≈ 0.0042, SE over 2000 paths ≈ 9e-5; allow 4e-4.
            let mean = try Summary.mean(atThirty)
            #expect(abs(mean - (1 - 0.1 * exp(-1.0))) < 4e-4, "mean at tick 30 = \(mean)")
        }
    }
}

extension MarketTests {
    @Suite struct MarketShockTests {
        static func eth() throws -> CorrelatedGBM {
            try CorrelatedGBM(assets: [.init(name: "ETH", initialPrice: 2_000, sigma: 0.01)])
        }

        @Test func referenceCrashIsAppliedAfterTheStepOfTick200() throws {
            let base = try Self.eth()
            let shocked = try MarketModel.with(.gbm(base), shocks: [.multiply(asset: 0, tick: 200, factor: 1 - 0.30)])
            var a = RandomStream(seed: 5, purpose: "market")
            var b = RandomStream(seed: 5, purpose: "market")
            var s = shocked.initialState()
            var p = 2_000.0
            for t in 1...210 {
                shocked.advance(&s, tick: t, rng: &a)
                p = p * exp(-0.01 * 0.01 / 2 + 0.01 * b.standardNormal())  // the GBM step ...
                if t == 200 { p = p * (1 - 0.30) }  // ... then the shock
                #expect(s.prices[0] == p, "tick \(t)")
            }
        }

        @Test func multiplyAfterTheStepSurvivesAReplayStep() throws {
            // A replay step overwrites the price, so only a shock applied after it is visible: 30·0.5 = 15.
            let replay = try HistoricalReplay(name: "ETH", series: [10, 20, 30, 40])
            let m = try ShockedMarket(base: replay, shocks: [.multiply(asset: 0, tick: 2, factor: 0.5)])
            var rng = RandomStream(seed: 1, purpose: "m")
            var s = m.initialState()
            var seen: [Double] = []
            for t in 1...4 {
                m.advance(&s, tick: t, rng: &rng)
                seen.append(s.prices[0])
            }
            #expect(seen == [20, 15, 40, 40])
        }

        @Test func depegByFactorHoldsTheLevelThroughTheWindow() throws {
            let peg = try OrnsteinUhlenbeckPeg(assets: [.init(name: "USDC", speed: 0.1, sigma: 0.002)])
            let m = try ShockedMarket(base: peg, shocks: [.depegByFactor(asset: 0, from: 5, to: 8, factor: 0.9)])
            var a = RandomStream(seed: 6, purpose: "m")
            var b = RandomStream(seed: 6, purpose: "m")
            var s = m.initialState()
            var free = peg.initialState()
            var level = 0.0
            for t in 1...9 {
                m.advance(&s, tick: t, rng: &a)
                peg.advance(&free, tick: t, rng: &b)
                if t < 5 { #expect(s.prices[0] == free.prices[0]) }
                if t == 5 {
                    level = s.prices[0]
                    #expect(abs(level - 0.9 * free.prices[0]) < 1e-15)
                }
                if (6...8).contains(t) { #expect(s.prices[0] == level) }
                if t == 9 { #expect(s.prices[0] != level) }
                if t >= 5 { free.prices[0] = s.prices[0] }  // keep the free model on the shocked path
            }
        }

        @Test func freezeFlagsOnlyInsideTheWindow() throws {
            let two = try CorrelatedGBM(assets: [
                .init(name: "ETH", initialPrice: 2_000, sigma: 0.01),
                .init(name: "BTC", initialPrice: 60_000, sigma: 0.01),
            ])
            let m = try ShockedMarket(
                base: two,
                shocks: [
                    .freezeOracle(asset: 1, from: 3, to: 5),
                    .freezeOracle(asset: 0, from: 0, to: 1),
                ])
            var rng = RandomStream(seed: 1, purpose: "m")
            var s = m.initialState()
            #expect(s.frozen == [true, false])
            var flags: [[Bool]] = []
            for t in 1...7 {
                m.advance(&s, tick: t, rng: &rng)
                flags.append(s.frozen)
            }
            #expect(
                flags == [
                    [true, false], [false, false], [false, true], [false, true], [false, true],
                    [false, false], [false, false],
                ])
        }

        @Test func shocksDoNotChangeTheBaseDraws() throws {
            // A freeze draws nothing, so prices equal the unshocked model's bit for bit.
            let base = try Self.eth()
            let m = try ShockedMarket(base: base, shocks: [.freezeOracle(asset: 0, from: 2, to: 3)])
            #expect(
                MarketTestSupport.logReturns(m, ticks: 50, seed: 3)
                    == MarketTestSupport.logReturns(base, ticks: 50, seed: 3))
        }

        @Test func rejectsBadShocks() throws {
            let base = try Self.eth()
            #expect(
                throws: MarketError.invalidParameter(
                    name: "shocks[1].asset", value: "1", expected: "an asset index in 0..<1")
            ) {
                try ShockedMarket(
                    base: base,
                    shocks: [
                        .multiply(asset: 0, tick: 1, factor: 0.5),
                        .freezeOracle(asset: 1, from: 0, to: 2),
                    ])
            }
            #expect(throws: MarketError.invalidParameter(name: "shocks[0].tick", value: "0", expected: "a tick >= 1")) {
                try ShockedMarket(base: base, shocks: [.multiply(asset: 0, tick: 0, factor: 0.5)])
            }
            #expect(
                throws: MarketError.invalidParameter(name: "shocks[0].to", value: "4", expected: "a tick >= from (5)")
            ) {
                try ShockedMarket(base: base, shocks: [.depeg(asset: 0, from: 5, to: 4, price: 0.9)])
            }
            #expect(throws: MarketError.self) {
                try ShockedMarket(base: base, shocks: [.multiply(asset: 0, tick: 3, factor: -0.2)])
            }
        }
    }
}
