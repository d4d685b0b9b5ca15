import ProtocolModel
import Testing

@testable import Simulation

/// Interest, fixed-term contracts and the rate-risk metrics, on the rate-risk experiment's scenario cut
/// short: each mechanism moves its outcome the right way.
@Suite("Rate risk and fixed-term contracts")
struct RateRiskTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/rate-risk/rate-risk.yaml").path

    /// The rate-risk scenario, `ticks` long, plus overrides.
    static func scenario(ticks: Int, _ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(
            path: file,
            overrides: ["ticks=\(ticks)"] + overrides)
    }

    actor Capture {
        var before: (gap: Double, assets: Double, equity: Double)?
        var after: Double?
        func note(before b: (Double, Double, Double)) { before = b }
        func note(after a: Double) { after = a }
    }

    /// At the shock tick every fixed cash flow is discounted 200 bp higher: the economic value of equity
    /// moves by about −(duration gap)·A·Δy (first order), and falls, since the book lends long and
    /// borrows short (positive gap).
    @Test func aRateShockMovesEquityByMinusTheDurationGapTimesTheShift() async throws {
        let s = try Self.scenario(ticks: 310, ["market.shock.size=0"])
        let shockTick = try #require(s.rates?.shockTick)
        let dy = try #require(s.rates).shockBasisPoints / 10_000
        var engine = Engine(scenario: s)
        let capture = Capture()
        engine.tickObserver = { w, row, _ in
            if w.tick == shockTick - 1, let sheet = try? w.cashFlows(s.rates, depositRunoff: s.alm.depositRunoff) {
                await capture.note(before: (sheet.durationGap, sheet.assetValue(), row.equityValue))
            }
            if w.tick == shockTick { await capture.note(after: row.equityValue) }
        }
        _ = try await engine.run(seed: 1, replicate: 0)
        let before = try #require(await capture.before)
        let after = try #require(await capture.after)
        let change = after - before.equity
        let firstOrder = -before.gap * before.assets * dy
        #expect(before.gap > 0, "the book is funded short and lent long")
        #expect(change < 0, "a rate rise lowers the economic value of equity")
        #expect(abs(change / firstOrder - 1) < 0.05, "Δ equity \(change) vs −gap·A·Δy \(firstOrder)")
    }

    /// The LCR counts a term deposit in full once its maturity is inside the horizon: a wall of deposits
    /// falling due at tick 300 lowers the LCR from tick 300 − horizon on, against the same book with the
    /// wall far away. Paired replicates (same seeds, same paths).
    @Test func aMaturityWallLowersTheLiquidityCoverage() async throws {
        for rep in 0..<3 {
            var lows: [Double] = []
            for wall in [300, 3000] {
                let s = try Self.scenario(
                    ticks: 290,
                    [
                        "market.shock.size=0", "fixed_term.deposits[0].maturity_tick=\(wall)",
                    ])
                let r = try await Engine(scenario: s).run(seed: 1, replicate: UInt64(rep))
                lows.append(r.series[140...].map(\.liquidityCoverage).min() ?? .nan)
            }
            #expect(lows[0] < 0.5 * lows[1], "replicate \(rep): min LCR with the wall \(lows[0]), without \(lows[1])")
        }
    }

    /// With the `rates` section, interest accrues every tick: borrowers' debt grows at the borrow rate and
    /// depositors' claims at the supply rate (`U·borrow·(1 − reserve factor)`); without it, nothing grows.
    @Test func interestAccruesEveryTickAtTheCurvesRates() async throws {
        let s = try Self.scenario(ticks: 100, ["market.shock.size=0"])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 0)
        let usd = r.finalState.depositReserve
        #expect(usd.borrowIndex > 1 && usd.supplyIndex > 1)
        // Utilisation near 0.75 below the kink 0.8: borrow ≈ 0.04·0.75/0.8 per year, over 100 hours.
        let borrow = 0.04 * 0.75 / 0.8 * 100 / 8_760
        #expect(abs((usd.borrowIndex - 1) / borrow - 1) < 0.1, "borrow index \(usd.borrowIndex)")
        #expect(usd.supplyIndex - 1 < usd.borrowIndex - 1, "suppliers earn less than borrowers pay")
        let flat = try await Engine(scenario: Self.scenario(ticks: 100, ["market.shock.size=0", "rates.slope_low=0"]))
            .run(seed: 1, replicate: 0)
        #expect(flat.finalState.depositReserve.borrowIndex == 1)
    }

    /// Every tick of the rate-risk scenario keeps value token by token (the escrowed collateral
    /// included) and the deposit reserve's books balance with the fixed-term lines; the wall rolls off.
    @Test func theFixedTermBookKeepsTheInvariantsAndRollsOff() async throws {
        let s = try Self.scenario(ticks: 520, ["market.shock.tick=460"])
        var engine = Engine(scenario: s)
        let opening = try engine.build(seed: 1, replicate: 2).0
        #expect(opening.state.fixedTerm.deposits.count == 2 && opening.state.fixedTerm.loans.count == 2)
        let invariants = TickInvariants(scenario: s, opening: opening)
        engine.tickObserver = { w, row, pops in await invariants.observe(w, row, pops) }
        let r = try await engine.run(seed: 1, replicate: 2)
        if let v = await invariants.violation { Issue.record("\(v)") }
        #expect(r.finalState.state.fixedTerm.deposits.count == 1, "the wall at tick 500 rolled off")
        #expect(r.finalState.depositReserve.termDeposits < opening.depositReserve.termDeposits)
    }
}
