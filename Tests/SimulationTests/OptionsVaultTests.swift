import Foundation
import ProtocolModel
import Testing

@testable import Simulation

/// The put-selling vault of `experiments/options-vault/` (the treasury manager writing puts priced on an
/// SVI surface), in a smaller world: conservation with a short delta hedge, the book repriced on the
/// surface along a deterministic path, and each policy moving its outcome the right way on paired
/// replicates (same seeds, common random numbers).
@Suite("Options vault")
struct OptionsVaultTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/options-vault/options-vault.yaml").path
    /// A pool twenty times deeper than the reference's 50,000 ETH.
    static let deep = ["amm.reserve_collateral=1000000", "amm.reserve_usd=2000000000"]

    static func scenario(ticks: Int, _ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(
            path: file,
            overrides: ["ticks=\(ticks)", "depositors.count=2000", "depositors.shards=1", "borrowers.count=200"]
                + overrides)
    }

    actor Log {
        var rows: [(tick: Int, spot: Double, ewma: Double, profit: Double)] = []
        var broken: String?
        func add(_ r: (Int, Double, Double, Double)) { rows.append(r) }
        func fail(_ s: String) { if broken == nil { broken = s } }
    }

    /// Every tick keeps value token by token with the hedge short: the ETH borrowed outside the model is an
    /// inflow, its repayment an outflow, and the ETH held is the hedge's units plus what is still owed.
    @Test func conservationHoldsWithAShortHedge() async throws {
        let s = try Self.scenario(ticks: 400, ["treasury.options.delta_hedge=true"])
        var engine = Engine(scenario: s)
        let opening = try engine.build(seed: 1, replicate: 0).0
        let invariants = TickInvariants(scenario: s, opening: opening)
        let log = Log()
        engine.tickObserver = { w, row, pops in
            await invariants.observe(w, row, pops)
            let t = w.state.treasury
            guard let a = t.account else { return }
            if abs(w.state.balances[a, t.underlying] - t.options.hedgeUnits - t.borrowedUnits) > 1e-6 {
                await log.fail("tick \(w.tick): ETH held \(w.state.balances[a, t.underlying]) vs hedge + borrowed")
            }
        }
        let r = try await engine.run(seed: 1, replicate: 0)
        if let v = await invariants.violation { Issue.record("\(v)") }
        if let b = await log.broken { Issue.record("\(b)") }
        #expect(r.treasury.contains { $0.hedgeUnits < -100 }, "the hedge went short")
        #expect((r.outcome.treasury?.hedgeVolumeUSD ?? 0) > 0)
    }

    /// On a deterministic path (σ = 0, a 30% drop at tick 200) the written puts' profit at every tick is
    /// their Black–Scholes repricing at the surface's volatility for their strike and remaining life, at
    /// the level EWMA / 0.6, less the premium received (itself priced on the surface).
    @Test func theBookIsRepricedOnTheSurfaceAlongADeterministicPath() async throws {
        let s = try Self.scenario(
            ticks: 250, ["market.sigma=0", "treasury.options.roll=false", "treasury.options.tenor=300"])
        var engine = Engine(scenario: s)
        let surface = try #require(try engine.build(seed: 1, replicate: 0).0.state.treasury.surface)
        let log = Log()
        engine.tickObserver = { w, _, _ in
            let t = w.state.treasury
            let m = t.market(spot: w.externalPrice, tick: w.tick, yearsPerTick: 1.0 / 8760)
            await log.add((w.tick, w.externalPrice, t.volatility.annualised, t.optionsProfit(m)))
        }
        _ = try await engine.run(seed: 1, replicate: 0)
        let path = await log.rows
        let strike = 0.9 * path[0].spot
        let price: (Int, Double, Double) -> Double = { tick, spot, ewma in
            let years = Double(300 - tick) / 8760
            let vol = surface.impliedVolatility(strike: strike, spot: spot, years: years, realised: ewma)
            return BlackScholes.price(kind: .put, spot: spot, strike: strike, years: years, volatility: vol)
        }
        let premium = price(0, path[0].spot, 0.6)
        for row in path {
            let expected = -10_000 * (price(row.tick, row.spot, row.ewma) - premium)
            #expect(abs(row.profit - expected) <= 1e-6 * 10_000 * strike, "tick \(row.tick)")
        }
        #expect(path[210].profit < -1e6, "the drop and the surface's rise cost the vault")
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

    /// In a deep pool, delta hedging the written puts lowers the vault's largest loss through the crash.
    @Test func deltaHedgingLowersTheVaultsLossInADeepPool() async throws {
        let d = try await Self.paired(
            n: 8, ticks: 400, Self.deep, Self.deep + ["treasury.options.delta_hedge=true"]
        ) { r in r.outcome.treasury?.maxLoss ?? 0 }
        #expect(d.mean < -3 * d.se && d.mean < 0, "Δ max loss \(d.mean) ± \(d.se)")
    }

    /// The same hedge pays less slippage against the external price in a deeper pool.
    @Test func aDeeperPoolLowersTheHedgesSlippage() async throws {
        let hedge = ["treasury.options.delta_hedge=true"]
        let d = try await Self.paired(n: 8, ticks: 400, hedge, hedge + Self.deep) { r in
            r.outcome.treasury?.hedgeSlippageUSD ?? 0
        }
        #expect(d.mean < -3 * d.se && d.mean < 0, "Δ slippage \(d.mean) ± \(d.se)")
    }

    /// The surface's put skew prices the 90% puts above the at-the-money EWMA volatility, so the vault
    /// collects more premium than with the flat EWMA volatility (the surface's slices removed).
    @Test func thePutSkewRaisesThePremiumCollected() async throws {
        let d = try await Self.paired(n: 8, ticks: 400, ["treasury.options.surface=null"], []) { r in
            r.outcome.treasury?.premiumsUSD ?? 0
        }
        #expect(d.mean > 3 * d.se && d.mean > 0, "Δ premiums \(d.mean) ± \(d.se)")
    }

    /// With `manage_reserve: false` the treasury (on the treasury-hedge scenario with a 35% buffer, which
    /// draws its cash into the lending reserve) keeps out of the reserve: its largest supply claim falls to zero.
    @Test func aVaultThatDoesNotManageTheReserveKeepsOutOfIt() async throws {
        let buffer = ["treasury.buffer_target=0.35"]
        let d = try await TreasuryScenarioTests.paired(
            n: 8, ticks: 400, buffer, buffer + ["treasury.manage_reserve=false"]
        ) { r in r.outcome.treasury?.maxSuppliedUSD ?? 0 }
        #expect(d.mean < -3 * d.se && d.mean < 0, "Δ largest supply claim \(d.mean) ± \(d.se)")
    }

    /// Buying 80% puts against each written series' gamma (at the surface price plus a 5% spread) lowers the
    /// vault's largest loss through the crash beyond what the delta hedge alone does: the gap that delta
    /// hedging cannot follow is what the long puts pay for.
    @Test func aGammaHedgeLowersTheLossTheDeltaHedgeCannot() async throws {
        let delta = Self.deep + ["treasury.options.delta_hedge=true"]
        let d = try await Self.paired(n: 8, ticks: 400, delta, delta + ["treasury.options.gamma_hedge=true"]) { r in
            r.outcome.treasury?.maxLoss ?? 0
        }
        #expect(d.mean < -3 * d.se && d.mean < 0, "Δ max loss \(d.mean) ± \(d.se)")
    }
}
