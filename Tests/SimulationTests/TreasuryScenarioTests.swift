import Foundation
import ProtocolModel
import Testing

@testable import Simulation

/// The treasury manager on the treasury-hedge experiment's scenario, made smaller: conservation every
/// tick, the options book marked by Black–Scholes at the EWMA volatility of the path, and each policy
/// moving its outcome the right way on paired replicates (same seeds, common random numbers).
@Suite("Treasury manager")
struct TreasuryScenarioTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/treasury-hedge/treasury-hedge.yaml").path

    /// The scenario with 2,000 depositors and 200 borrowers, `ticks` long, plus overrides.
    static func scenario(ticks: Int, _ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(
            path: file,
            overrides: ["ticks=\(ticks)", "depositors.count=2000", "depositors.shards=1", "borrowers.count=200"]
                + overrides)
    }

    actor Rows {
        var rows: [(tick: Int, spot: Double, value: Double, profit: Double)] = []
        var broken: String?
        func add(_ r: (Int, Double, Double, Double)) { rows.append(r) }
        func fail(_ s: String) { if broken == nil { broken = s } }
    }

    /// Every tick keeps value token by token (the treasury's cash and ETH are holdings; its instruments,
    /// premiums and settlements are recorded flows), and the hedge's units are the ETH the account holds.
    @Test func conservationHoldsEveryTickWithTheHedgeOn() async throws {
        let s = try Self.scenario(ticks: 400, ["treasury.options.delta_hedge=true"])
        var engine = Engine(scenario: s)
        let opening = try engine.build(seed: 1, replicate: 0).0
        let invariants = TickInvariants(scenario: s, opening: opening)
        let rows = Rows()
        engine.tickObserver = { w, row, pops in
            await invariants.observe(w, row, pops)
            let t = w.state.treasury
            if let a = t.account, abs(w.state.balances[a, t.underlying] - t.options.hedgeUnits) > 1e-6 {
                await rows.fail("tick \(w.tick): hedge units \(t.options.hedgeUnits) vs ETH held")
            }
        }
        let r = try await engine.run(seed: 1, replicate: 0)
        if let v = await invariants.violation { Issue.record("\(v)") }
        if let b = await rows.broken { Issue.record("\(b)") }
        #expect(r.treasury.count == 400 && r.outcome.treasury != nil)
        #expect(r.treasury.contains { abs($0.hedgeUnits - 10_000) > 1 }, "the hedge traded")
    }

    /// On a deterministic path (σ = 0, a 30% drop at tick 200), the options book's profit at every tick is
    /// the put's Black–Scholes repricing at the EWMA volatility of that path, less the premium; after
    /// expiry it is the intrinsic payoff less the premium.
    @Test func optionsProfitIsTheRepricingOnADeterministicPath() async throws {
        let s = try Self.scenario(
            ticks: 320,
            [
                "market.sigma=0", "treasury.collateral_units=0", "treasury.options.roll=false",
                "treasury.options.tenor=300",
            ])
        var engine = Engine(scenario: s)
        let rows = Rows()
        engine.tickObserver = { w, _, _ in
            let t = w.state.treasury
            let m = MarketInputs(spot: w.externalPrice, volatility: t.volatility.annualised, tick: w.tick)
            await rows.add((w.tick, w.externalPrice, 0, t.optionsProfit(m)))
        }
        let r = try await engine.run(seed: 1, replicate: 0)
        let path = await rows.rows
        let units = 10_000.0
        let perYear = 8_760.0
        var variance = 0.36 / perYear
        let strike = 0.9 * path[0].spot
        let premium = BlackScholes.price(
            kind: .put, spot: path[0].spot, strike: strike, years: 300 / perYear, volatility: 0.6)
        for (k, row) in path.enumerated() {
            if k > 0 {
                let ret = Foundation.log(row.spot / path[k - 1].spot)
                variance = 0.94 * variance + 0.06 * ret * ret
            }
            let value =
                row.tick < 300
                ? BlackScholes.price(
                    kind: .put, spot: row.spot, strike: strike, years: Double(300 - row.tick) / perYear,
                    volatility: (variance * perYear).squareRoot())
                : max(strike - path[300].spot, 0)
            let expected = units * (value - premium)
            #expect(abs(row.profit - expected) <= 1e-6 * units * strike, "tick \(row.tick)")
        }
        #expect(
            path[300].spot < strike && (r.treasury.last?.optionsProfit ?? 0) > 0, "the drop put the puts in the money")
    }

    /// Paired outcomes of `n` replicates under two variants: the mean difference and its standard error.
    static func paired(
        n: Int, ticks: Int, _ a: [String], _ b: [String], _ metric: @Sendable (RunResult) -> Double
    ) async throws -> (mean: Double, se: Double) {
        let sa = try scenario(ticks: ticks, a)
        let sb = try scenario(ticks: ticks, b)
        var d: [Double] = []
        for rep in 0..<UInt64(n) {
            let ra = try await Engine(scenario: sa).run(seed: 7, replicate: rep)
            let rb = try await Engine(scenario: sb).run(seed: 7, replicate: rep)
            d.append(metric(rb) - metric(ra))
        }
        let mean = d.reduce(0, +) / Double(n)
        let variance = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        return (mean, (variance / Double(n)).squareRoot())
    }

    /// A buffer target keeps more cash in the lending reserve through the crash: the lowest reserve of
    /// the run rises, beyond three standard errors of the paired difference.
    @Test func aBufferTargetRaisesTheWorstReserve() async throws {
        let d = try await Self.paired(
            n: 8, ticks: 400, ["treasury.buffer_target=0"], ["treasury.buffer_target=0.35"]
        ) { r in r.series.map(\.reserveUSD).min() ?? 0 }
        #expect(d.mean > 3 * d.se && d.mean > 0, "Δ worst reserve \(d.mean) ± \(d.se)")
    }

    /// Protective puts lower the treasury's largest loss (opening value less its lowest value) in a crash.
    @Test func protectivePutsLowerTheTreasurysLossInACrash() async throws {
        let d = try await Self.paired(
            n: 8, ticks: 400, ["treasury.options.units=1e-9"], []
        ) { r in r.outcome.treasury?.maxLoss ?? 0 }
        #expect(d.mean < -3 * d.se && d.mean < 0, "Δ max loss \(d.mean) ± \(d.se)")
    }
}
