import Foundation
import Testing

@testable import Simulation

/// The treasury's yield given up (``TreasuryYield``) on the ALM policies' reference scenario: a hand
/// computation where the treasury holds still, and rebalancing into the menu giving up less on paired
/// replicates.
@Suite("Treasury yield given up")
struct TreasuryYieldTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/alm-policies/alm-reference.yaml").path

    /// The scenario, small: 2,000 depositors and 200 borrowers, `ticks` long, plus overrides.
    static func scenario(ticks: Int, _ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(
            path: file,
            overrides: [
                "ticks=\(ticks)", "market.shock.tick=\(min(200, ticks - 1))", "depositors.count=2000",
                "depositors.shards=1", "borrowers.count=200",
            ]
                + overrides)
    }

    /// The menu's weighted rate: 4%, 6% and 8% a year, equal weights, 8,760 ticks a year.
    static let benchmarkPerTick = (0.04 + 0.06 + 0.08) / 3 / 8_760

    /// With no buffer target and nothing invested, the treasury's 20 M USD sit as cash for the whole run:
    /// over 10 ticks it gives up r̄ · 20 M on each of ticks 1…9, and nothing is invested.
    @Test func aTreasuryHoldingCashGivesUpTheMenuRateOnIt() async throws {
        let s = try Self.scenario(ticks: 10, ["treasury.buffer_target=0"])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        let t = try #require(r.outcome.treasury)
        let expected = Self.benchmarkPerTick * 20_000_000 * 9
        let given = try #require(t.yieldGivenUpUSD)
        #expect(abs(given - expected) < 1e-6, "\(given) against \(expected)")
        #expect(t.investedShare == 0)
    }

    /// Keeping 25% liquid, the treasury invests 15 M USD at tick 0 and holds 5 M as cash: it gives up
    /// r̄ · 5 M a tick, and its invested share is 0.75 plus the interest the instruments accrue.
    @Test func aRebalancedTreasuryGivesUpTheRateOnItsLiquidQuarter() async throws {
        let s = try Self.scenario(ticks: 10, ["treasury.buffer_target=0", "treasury.keep_liquid=0.25"])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        let t = try #require(r.outcome.treasury)
        let expected = Self.benchmarkPerTick * 5_000_000 * 9
        let given = try #require(t.yieldGivenUpUSD)
        #expect(abs(given - expected) < 1e-6, "\(given) against \(expected)")
        let share = try #require(t.investedShare)
        #expect(share >= 0.75 && share < 0.7501, "\(share)")
    }

    /// Without a menu the outcome has no yield fields, so outcome.json keeps its bytes.
    @Test func withoutAMenuTheFieldsAreAbsent() async throws {
        let s = try Self.scenario(ticks: 5, ["treasury.instruments=[]"])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        let t = try #require(r.outcome.treasury)
        #expect(t.yieldGivenUpUSD == nil && t.investedShare == nil)
        let json = String(decoding: try RunWriter.encode(r.outcome), as: UTF8.self)
        #expect(!json.contains("yield_given_up") && !json.contains("invested_share"))
    }

    /// Rebalancing (keep 25% liquid) against the reactive treasury holding cash, through the 30% shock:
    /// on paired replicates it gives up less yield (beyond 3 standard errors of the paired difference) and
    /// holds more of its capital in instruments.
    @Test func rebalancingLowersTheYieldGivenUpOnPairedReplicates() async throws {
        let cash = try Self.scenario(ticks: 300)
        let rebalanced = try Self.scenario(ticks: 300, ["treasury.keep_liquid=0.25"])
        var d: [Double] = []
        for k in 0..<8 {
            let a = try await Engine(scenario: cash).run(seed: 7, replicate: UInt64(k)).outcome.treasury
            let b = try await Engine(scenario: rebalanced).run(seed: 7, replicate: UInt64(k)).outcome.treasury
            d.append(try #require(b?.yieldGivenUpUSD) - (try #require(a?.yieldGivenUpUSD)))
            #expect((b?.investedShare ?? 0) > (a?.investedShare ?? 1))
        }
        let mean = d.reduce(0, +) / Double(d.count)
        let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count - 1)).squareRoot()
        let se = sd / Double(d.count).squareRoot()
        #expect(mean < 0 && mean + 3 * se < 0, "paired difference \(mean), standard error \(se)")
    }
}
