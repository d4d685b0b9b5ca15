import Foundation
import ScenarioSchema
import Stochastics
import Testing

@testable import Simulation

/// The `market.assets` form of a scenario: decoding, the old form's paths, and running it.
@Suite struct MultiAssetScenarioTests {
    static let folder = TestSupport.root.appendingPathComponent("Tests/SimulationTests/Fixtures/MultiAsset")

    /// The tiny good scenario with `market` replaced by `market` (YAML lines indented by two spaces).
    static func market(_ market: String) throws -> MarketModel {
        let text = """
            name: tiny
            ticks: 300
            phases: [depositors]
            market:
            \(market)
            amm: {reserve_collateral: 5000, reserve_usd: 10000000}
            lending: {reserve_fraction: 0.2, oracle: feed}
            depositors: {count: 10, attention: 0.1}
            """
        return try Scenario.decode(try ConfigDocument.parse(text, file: "market.yaml"), directory: folder.path).market
    }

    /// Prices of every asset after each of ticks 1...300 (one stream, as the engine keeps it).
    static func path(_ model: MarketModel) -> [[Double]] {
        var rng = RandomStream(seed: 3, replicate: 1, population: "world", purpose: "market")
        var s = model.initialState()
        return (1...300).map { t in
            model.advance(&s, tick: t, rng: &rng)
            return s.prices
        }
    }

    @Test func aOneAssetListGivesTheOldFormsPathBitForBit() throws {
        let cases = [
            (
                "  model: gbm\n  initial_price: 2000\n  sigma: 0.01\n  drift: 0.0001",
                "model: gbm, initial_price: 2000, sigma: 0.01, drift: 0.0001"
            ),
            (
                "  model: jump_diffusion\n  initial_price: 2000\n  sigma: 0.01\n  jump_intensity: 0.1\n  jump_log_mean: -0.05\n  jump_log_sd: 0.02",
                "model: jump_diffusion, initial_price: 2000, sigma: 0.01, jump_intensity: 0.1, jump_log_mean: -0.05, jump_log_sd: 0.02"
            ),
            (
                "  model: garch\n  initial_price: 2000\n  omega: 0.00001\n  alpha: 0.1\n  beta: 0.8",
                "model: garch, initial_price: 2000, omega: 0.00001, alpha: 0.1, beta: 0.8"
            ),
            (
                "  model: ou_peg\n  initial_price: 0.98\n  speed: 0.1\n  sigma: 0.001",
                "model: ou_peg, initial_price: 0.98, speed: 0.1, sigma: 0.001"
            ),
        ]
        for (old, new) in cases {
            let a = try Self.market("  asset: ETH\n" + old + "\n  shock: {tick: 100, size: 0.3}")
            let b = try Self.market(
                "  assets:\n    - {name: ETH, \(new)}\n  shocks:\n    - {kind: multiply, asset: ETH, tick: 100, factor: 0.7}"
            )
            #expect(Self.path(a) == Self.path(b), "\(old)")
        }
    }

    @Test func theFixtureDecodesEveryAssetAndRuns() async throws {
        let s = try Scenario.load(path: Self.folder.appendingPathComponent("good-multi-asset.yaml").path)
        #expect(s.market.assetNames == ["ETH", "BTC", "stETH", "USDC", "ETH-1d", "BTC-1d"])
        guard case let .shocked(shocked) = s.market, case let .multiAsset(m) = shocked.base else {
            Issue.record("expected shocks around a multi-asset market, got \(s.market)")
            return
        }
        #expect(
            shocked.shocks == [
                .multiply(asset: 0, tick: 20, factor: 0.7), .depeg(asset: 3, from: 10, to: 15, price: 0.9),
            ])
        #expect(m.regimes?.trigger == StressTrigger(depthDrop: 0.3, outflow: 0.1))
        #expect(m.regimes?.stressSigmaMultiplier == 2)
        // Two columns of one CSV, each its own asset, holding the last row after the fifth tick.
        #expect(m.replayedSeries == [[2000, 1990, 1950, 1700, 1750], [60000, 60100, 59000, 52000, 53000]])
        let p = Self.path(s.market)
        #expect(p[2][4] == 1700 && p[2][5] == 52000 && p[299][4] == 1750)
        #expect(p[11][3] == 0.9)
        // The engine prices its one collateral with the first asset.
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        #expect(r.series.count == 50 && r.series[0].externalPrice == 2000)
    }

    @Test func theContentHashFoldsEveryReplayedColumn() throws {
        let base = try String(contentsOf: Self.folder.appendingPathComponent("good-multi-asset.yaml"), encoding: .utf8)
        let doc = try ConfigDocument.parse(base, file: "x.yaml")
        let s = try Scenario.decode(doc, directory: Self.folder.path)
        #expect(s.contentHash != doc.contentHash)
        var other = s.market
        if case let .shocked(m) = other, case let .multiAsset(inner) = m.base {
            var assets = inner.assets
            assets[5].process = .replay(try HistoricalReplay(name: "BTC-1d", series: [60000, 60100, 59000, 52000, 1]))
            other = .multiAsset(try MultiAssetMarket(assets: assets, correlation: inner.correlation))
        }
        #expect(Scenario.contentHash(doc, other) != s.contentHash)
    }

    @Test func shockAssetsAreNamed() throws {
        let m = try Self.market(
            """
              assets:
                - {name: ETH, initial_price: 2000, sigma: 0.01}
                - {name: USDC, model: ou_peg, speed: 0.1, sigma: 0.001}
              shocks:
                - {kind: depeg_by_factor, asset: USDC, from: 5, to: 9, factor: 0.9}
                - {kind: freeze_oracle, asset: ETH, from: 0, to: 3}
            """)
        guard case let .shocked(s) = m else {
            Issue.record("no shocks")
            return
        }
        #expect(
            s.shocks == [
                .depegByFactor(asset: 1, from: 5, to: 9, factor: 0.9), .freezeOracle(asset: 0, from: 0, to: 3),
            ])
        #expect(m.initialState().frozen == [true, false])
    }
}
