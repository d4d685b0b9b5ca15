import Foundation
import Testing

@testable import Simulation

/// Two lending markets that share one ETH/USD pool (`Fixtures/TwoMarkets/contagion.yaml`). The effects
/// are measured with paired replicates (the same seed and replicate under both settings) and asserted
/// beyond three standard errors of the paired mean difference.
@Suite("Two lending markets")
struct TwoMarketsTests {
    static let fixture = TestSupport.root.appendingPathComponent(
        "Tests/SimulationTests/Fixtures/TwoMarkets/contagion.yaml"
    ).path

    /// The neighbour market ("degen") with the same loans, opened at loan-to-values of 0.2 to `ltvMax`.
    static func scenario(neighbourLTVMax ltvMax: Double) throws -> Scenario {
        try Scenario.load(
            path: fixture,
            overrides: ["markets.degen.borrowers.ltv_min=0.2", "markets.degen.borrowers.ltv_max=\(ltvMax)"])
    }

    /// The fire sales of the leveraged neighbour's liquidations drive the shared pool, which is both markets'
    /// oracle, below where the main market's positions hold: the main market sees more liquidations and
    /// more bad debt than beside a neighbour whose loans never reach their threshold.
    @Test func contagionRaisesTheOtherMarketsLiquidations() async throws {
        let safe = try Self.scenario(neighbourLTVMax: 0.3)
        let leveraged = try Self.scenario(neighbourLTVMax: 0.86)
        var liquidated: [Double] = []
        var badDebt: [Double] = []
        for r in 0..<32 {
            let a = try await Engine(scenario: safe).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            let b = try await Engine(scenario: leveraged).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            liquidated.append(b.outcome.liquidatedUSD - a.outcome.liquidatedUSD)
            badDebt.append(b.outcome.badDebtUSD - a.outcome.badDebtUSD)
            // The safe neighbour is never liquidated; the leveraged one is.
            #expect(a.finalState.depositReserve(market: 1).liquidated == 0)
        }
        let l = MultiAssetEffectTests.paired(liquidated)
        let d = MultiAssetEffectTests.paired(badDebt)
        #expect(l.mean > 3 * l.se, "liquidations: paired mean \(l.mean), standard error \(l.se)")
        #expect(d.mean > 3 * d.se, "bad debt: paired mean \(d.mean), standard error \(d.se)")
    }

    @Test func everyTokenAndEveryMarketsBooksBalanceEveryTick() async throws {
        let scenario = try Self.scenario(neighbourLTVMax: 0.86)
        var engine = Engine(scenario: scenario)
        let opening = try engine.build(seed: 7, replicate: 0).0
        #expect(opening.state.markets.count == 2)
        #expect(opening.initialDepositsByMarket.allSatisfy { $0 > 0 })
        let invariants = TickInvariants(scenario: scenario, opening: opening)
        engine.tickObserver = { w, row, populations in await invariants.observe(w, row, populations) }
        let result = try await engine.run(seed: 7, replicate: 0)
        let violation = await invariants.violation
        #expect(violation == nil, "\(violation?.description ?? "")")
        #expect(result.finalState.depositReserve(market: 1).liquidated > 0, "the neighbour's liquidations happen")
        // markets.csv: one row per tick and market; market 0's rows are the series' own numbers.
        #expect(result.markets.count == 2 * scenario.ticks)
        for (row, tick) in zip(result.markets.filter { $0.market == "main" }, result.series) {
            #expect(row.reserveUSD == tick.reserveUSD && row.liquidatedUSD == tick.liquidatedUSD)
            #expect(row.badDebtUSD == tick.badDebtUSD && row.withdrawnFraction == tick.withdrawnFraction)
        }
        #expect(result.markets.filter { $0.market == "degen" }.count == scenario.ticks)
    }

    @Test func theSameSeedGivesTheSameBytesOnAnyWorkerCount() async throws {
        let scenario = try Self.scenario(neighbourLTVMax: 0.86)
        let one = try await Engine(scenario: scenario, workers: 1).run(seed: 7, replicate: 3)
        let four = try await Engine(scenario: scenario, workers: 4).run(seed: 7, replicate: 3)
        #expect(one.series.map(\.csvLine) == four.series.map(\.csvLine))
        #expect(one.markets.map(\.csvLine) == four.markets.map(\.csvLine))
    }
}

extension TwoMarketsTests {
    /// The outcome's `markets` list folds the further market's rows exactly as the first market's outcome
    /// folds the series, with or without a recorded series.
    @Test func theOutcomeSummarisesEveryFurtherMarket() async throws {
        let scenario = try Self.scenario(neighbourLTVMax: 0.86)
        let recorded = try await Engine(scenario: scenario).run(seed: 7, replicate: 1)
        let bare = try await Engine(scenario: scenario).run(seed: 7, replicate: 1, recordSeries: false)
        let m = try #require(recorded.outcome.markets?.first)
        #expect(recorded.outcome.markets == bare.outcome.markets)
        let rows = recorded.markets.filter { $0.market == "degen" }
        #expect(m.name == "degen" && m.liquidatedUSD == rows.last?.liquidatedUSD && m.liquidatedUSD > 0)
        #expect(m.worstTheta == rows.map(\.theta).min())
        #expect(m.maxUtilisation == rows.map(\.utilisation).max())
        // A one-market scenario's outcome has no markets list.
        let one = try await Engine(scenario: try TestSupport.scenario(ticks: 20)).run(seed: 1, replicate: 0)
        #expect(one.outcome.markets == nil)
    }
}
