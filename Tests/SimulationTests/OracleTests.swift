import Foundation
import Testing

@testable import Simulation

/// The lending pool's price source: its own AMM (reference) or a push oracle on the external price.
@Suite("Oracle feeds")
struct OracleTests {
    /// The first tick at or after 200 with liquidations, in a run.
    private func firstLiquidationAfterShock(_ r: RunResult) -> Int? {
        r.series.first { $0.tick >= 200 && $0.liquidatedUSD > r.series[199].liquidatedUSD }?.tick
    }

    /// The reference scenario with an oracle freeze added to its market section.
    private func frozenScenario() throws -> Scenario {
        let text = try String(contentsOfFile: TestSupport.reference, encoding: .utf8)
            .replacingOccurrences(of: "  shock:\n", with: "  oracle_freeze: {from: 195, to: 240}\n  shock:\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-freeze-\(getpid()).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try Scenario.load(path: path, overrides: ["ticks=300", "lending.oracle=feed", "market.shock.size=0.5"])
    }

    @Test func aFrozenOracleHoldsLiquidationsBackUntilItThaws() async throws {
        let live = try await TestSupport.run(["lending.oracle=feed", "market.shock.size=0.5"], ticks: 300)
        let frozen = try await Engine(scenario: frozenScenario()).run(seed: 1, replicate: 0)
        let liveStart = try #require(firstLiquidationAfterShock(live))
        #expect(liveStart <= 202)
        // Frozen at the pre-shock price from tick 195 to 240: positions look healthy, nobody is liquidated.
        #expect(frozen.series[240].liquidatedUSD == frozen.series[194].liquidatedUSD)
        let thawStart = try #require(firstLiquidationAfterShock(frozen))
        #expect(thawStart > 240)
    }

    @Test func aDelayedOracleDelaysLiquidations() async throws {
        // A 50% shock leaves many positions under water for long after tick 212.
        let prompt = try await TestSupport.run(["lending.oracle=feed", "market.shock.size=0.5"], ticks: 260)
        let late = try await TestSupport.run(
            ["lending.oracle=feed", "lending.oracle_delay=12", "market.shock.size=0.5"], ticks: 260)
        let a = try #require(firstLiquidationAfterShock(prompt))
        let b = try #require(firstLiquidationAfterShock(late))
        #expect(b >= a + 12, "prompt \(a), delayed \(b)")
    }

    @Test func theDefaultIsThePoolsOwnPrice() throws {
        let s = try TestSupport.scenario()
        #expect(s.lending.oracle == nil)
        let feed = try TestSupport.scenario(ticks: 320, ["lending.oracle=feed", "lending.oracle_heartbeat=6"])
        #expect(feed.lending.oracle == Scenario.OracleSpec(deviation: 0.005, heartbeat: 6, delay: 0))
    }
}
