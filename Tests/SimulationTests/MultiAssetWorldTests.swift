import Foundation
import ProtocolModel
import Testing

@testable import Simulation

/// The world built from a multi-asset scenario, and the reference world left as it was.
@Suite("Multi-asset world")
struct MultiAssetWorldTests {
    static let experiment = TestSupport.root.appendingPathComponent(
        "experiments/multi-collateral/multi-collateral.yaml"
    ).path

    @Test func theReferenceWorldIsTheSmallestCase() async throws {
        let s = try TestSupport.scenario(ticks: 20)
        let world = try Engine(scenario: s).build(seed: 1, replicate: 0).0
        #expect(world.state.tokens.map(\.symbol) == ["USD", "ETH"])
        #expect(world.state.amms.count == 1 && world.state.stablePools.isEmpty)
        #expect(world.state.lending.configs.map(\.token) == [0, 1])
        #expect(world.state.priceSources == [.oracle, .pool(0)])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        #expect(r.assets.isEmpty)
    }

    @Test func everyAssetIsATokenWithItsKindPoolsAndReserves() async throws {
        let s = try Scenario.load(path: Self.experiment, overrides: ["ticks=60"])
        let world = try Engine(scenario: s).build(seed: 1, replicate: 0).0
        let st = world.state
        #expect(st.tokens.map(\.symbol) == ["USD", "ETH", "WBTC", "stETH", "USDC"])
        #expect(st.tokens.map(\.kind) == [.numeraire, .volatileCollateral, .bridged, .liquidStaking, .stablecoin])
        #expect(st.tokens[2].bridge == "BitGo" && st.tokens[3].bridge == "Lido")
        #expect(st.amms.map { [$0.baseToken, $0.quoteToken] } == [[1, 0], [2, 0], [3, 0]])
        #expect(st.stablePools.map(\.tokens) == [[4, 0]])
        #expect(st.lending.configs.map(\.token) == [0, 1, 2, 3])
        #expect(st.lending.configs[2].liquidation.liquidationThreshold == 0.75)
        #expect(st.priceSources == [.oracle, .pool(0), .pool(1), .pool(2), .oracle])
        // Basket weights are value weights at tick 0: 0.5 ETH, 0.3 WBTC, 0.2 stETH of every basket.
        var value = [0.0, 0, 0, 0]
        for r in 1...3 {
            for a in 0..<st.accountCount { value[r] += st.lending.supplied(user: a, reserve: r) * st.prices[r] }
        }
        let total = value[1] + value[2] + value[3]
        #expect(abs(value[1] / total - 0.5) < 1e-9 && abs(value[2] / total - 0.3) < 1e-9)
        // Every tick the external prices of all assets reach the state, and assets.csv has a row for each.
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        #expect(r.assets.count == 60 * 4)
        #expect(r.finalState.state.marketPrices[4] == r.assets.last?.price)
        #expect(r.finalState.state.marketPrices[4] != 1)
    }

    @Test func aMultiAssetRunWritesTheTidyAssetsFile() async throws {
        let s = try Scenario.load(path: Self.experiment, overrides: ["ticks=60"])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-assets-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try RunWriter.write(r, scenario: s, seed: 1, replicate: 0, to: dir)
        let text = try String(contentsOf: dir.appendingPathComponent("assets.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "tick,asset,price,lending_price,liquidated_value,bad_debt")
        #expect(lines.count == 1 + 60 * 4)
        #expect(lines.dropFirst().prefix(4).map { $0.split(separator: ",")[1] } == ["ETH", "WBTC", "stETH", "USDC"])
    }

    @Test func aMultiAssetRunIsTheSameWithAnyNumberOfWorkers() async throws {
        let s = try Scenario.load(path: Self.experiment, overrides: ["ticks=80"])
        let one = try await Engine(scenario: s, workers: 1).run(seed: 1, replicate: 3)
        let three = try await Engine(scenario: s, workers: 3).run(seed: 1, replicate: 3)
        #expect(one.series == three.series)
        #expect(one.assets == three.assets)
        #expect(one.outcome == three.outcome)
    }
}
