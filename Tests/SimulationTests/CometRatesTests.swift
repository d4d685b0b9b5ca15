import ProtocolModel
import Testing

@testable import Simulation

/// `rates.model: comet` on the rate-risk book (`experiments/rate-risk/rate-risk-comet.yaml`), cut before
/// its shocks: the supply curve, not a reserve factor, sets what depositors earn.
@Suite("Comet rates")
struct CometRatesTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/rate-risk/rate-risk-comet.yaml").path

    static func scenario(supplySlope: Double) throws -> Scenario {
        try Scenario.load(
            path: file, overrides: ["ticks=200", "market.shock.size=0", "rates.supply.slope_low=\(supplySlope)"])
    }

    @Test func theScenarioSelectsCometsCurvesPerTick() throws {
        let s = try Self.scenario(supplySlope: 0.054)
        guard case let .comet(m) = try #require(s.rates).model() else {
            Issue.record("expected the comet model")
            return
        }
        #expect(abs(m.supply.slopeLow - 0.054 / 8_760) < 1e-15 && m.supply.kink == 0.9)
        #expect(abs(m.borrow.base - 0.015 / 8_760) < 1e-15)
    }

    /// A steeper supply curve pays depositors more of the same borrowers' interest: the economic value of
    /// equity at the end is lower in every paired replicate.
    @Test func aSteeperSupplyCurveLowersEquity() async throws {
        let low = try Self.scenario(supplySlope: 0.03)
        let high = try Self.scenario(supplySlope: 0.08)
        var differences: [Double] = []
        for r in 0..<8 {
            let a = try await Engine(scenario: low).run(seed: 3, replicate: UInt64(r))
            let b = try await Engine(scenario: high).run(seed: 3, replicate: UInt64(r))
            let last = try #require(a.series.last?.equityValue)
            differences.append(try #require(b.series.last?.equityValue) - last)
        }
        let (mean, se) = MultiAssetEffectTests.paired(differences)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }
}

extension CometRatesTests {
    /// The series' `borrow_rate` and `supply_rate` are the USD reserve's rates per year at the end of the tick.
    @Test func theSeriesRecordsTheReservesRatesPerYear() async throws {
        let s = try Self.scenario(supplySlope: 0.054)
        let r = try await Engine(scenario: s).run(seed: 3, replicate: 0)
        let last = try #require(r.series.last)
        let rates = r.finalState.state.lending.rates(reserve: 0)
        #expect(abs(last.borrowRate - rates.borrow * 8_760) < 1e-12)
        #expect(abs(last.supplyRate - rates.supply * 8_760) < 1e-12)
        #expect(last.borrowRate > 0.015 && last.supplyRate > 0)
    }
}
