import Agents
import Foundation
import Games
import Stochastics
import Testing

@testable import Simulation

/// The `balance_sheet` depositor strategy: its threshold against a hand-computed case, its comparative
/// statics, and its effects in the engine with paired replicates (common random numbers), asserted beyond
/// three standard errors of the paired mean difference.
@Suite("Balance-sheet run game")
struct BalanceSheetGameTests {
    static let scenarioPath = TestSupport.root.appendingPathComponent(
        "experiments/balance-sheet-game/balance-sheet.yaml"
    ).path

    /// The experiment's scenario, smaller (2,000 depositors in 2 shards) and before any price shock (150 ticks,
    /// no shock), with a fire-sale quote of `fireSale` of the collateral: near 0.3 the pool sits at the edge of
    /// an early, purely liquidity-driven run, so the terms decide it.
    static func scenario(fireSale: Double = 0.3, _ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(
            path: scenarioPath,
            overrides: [
                "depositors.count=2000", "depositors.shards=2", "ticks=150", "market.shock.size=0",
                "depositors.game.fire_sale_fraction=\(fireSale)",
            ] + overrides)
    }

    /// q = 0, c = 0.2, f = 0, g = 1, ρ = 0.8 (δ = 0.25), stay gain 0.05, recovery 0.9, β = 400.
    static func handGame(cash: Double = 0.2, fee: Double = 0, loss: Double = 0.25) throws -> BalanceSheetGame {
        try BalanceSheetGame(
            queue: 0, cash: cash, fee: fee, gate: 1, fireSaleLoss: loss, stayGain: 0.05, recovery: 0.9,
            socialised: false, precision: 400)
    }

    @Test func theThresholdMatchesTheHandComputedCase() throws {
        let g = try Self.handGame()
        // π = 0.2; stay premium 1.05 − 1 = 0.05; run premium (0.2 + 0.8·1) − 0.9 = 0.1; t = 0.05/0.15 = 1/3.
        #expect(abs(g.cost - 1.0 / 3) < 1e-15)
        // ℓ* = 1 − t = 2/3; θ* = 0.25 · (2/3 − 0.2) = 0.116667; x* = θ* − Φ⁻¹(1/3)/20 = 0.138203.
        let expected = 0.25 * (2.0 / 3 - 0.2) + 0.430_727_299_295_457_56 / 20
        let x = try g.threshold()
        #expect(abs(x - expected) < 1e-9, "Brent \(x), by hand \(expected)")
        #expect(abs(g.closedFormThreshold - expected) < 1e-12)
        // x* is a fixed point of the best response, and the marginal depositor's failure probability is t.
        #expect(abs(try g.bestResponse(to: x) - x) < 1e-9)
        let thetaC = try g.failureThreshold(forThreshold: x)
        #expect(abs(StandardNormal.cdf(20 * (thetaC - x)) - 1.0 / 3) < 1e-9)
    }

    @Test func liquidityAndTermsMoveTheThresholdTheRightWay() throws {
        let base = try Self.handGame().threshold()
        #expect(try Self.handGame(cash: 0.4).threshold() < base, "a larger buffer lowers x*")
        #expect(try Self.handGame(loss: 0.5).threshold() > base, "a shallower pool (bigger discount) raises x*")
        #expect(try Self.handGame(fee: 0.01).threshold() < base, "a withdrawal fee lowers x*")
        // Staying dominates when the failure recovery is full; withdrawing dominates when staying earns nothing.
        let safe = try BalanceSheetGame(
            queue: 0, cash: 0.2, fee: 0.01, gate: 1, fireSaleLoss: 0.25, stayGain: 0, recovery: 1, socialised: true,
            precision: 400)
        #expect(try safe.threshold() == -.infinity)
        let dominated = try BalanceSheetGame(
            queue: 0, cash: 0.2, fee: 0, gate: 1, fireSaleLoss: 0.25, stayGain: -0.01, recovery: 0.9,
            socialised: false, precision: 400)
        #expect(try dominated.threshold() == .infinity)
    }

    @Test func theGateCapsTheCriticalMass() throws {
        let gated = try BalanceSheetGame(
            queue: 0, cash: 0.2, fee: 0, gate: 0.3, fireSaleLoss: 0.25, stayGain: 0.05, recovery: 0.9,
            socialised: false, precision: 400)
        // ℓ* = min(0.3, 2/3) = 0.3: θ* = 0.25 · 0.1.
        #expect(abs(try gated.threshold() - (0.025 + 0.430_727_299_295_457_56 / 20)) < 1e-9)
    }

    /// Paired differences b − a of `metric` over `replicates` replicates, seed 3.
    static func paired(
        _ a: Scenario, _ b: Scenario, replicates: Int, _ metric: (RunResult) -> Double
    ) async throws -> (mean: Double, se: Double) {
        var d: [Double] = []
        for r in 0..<replicates {
            let x = try await Engine(scenario: a).run(seed: 3, replicate: UInt64(r), recordSeries: false)
            let y = try await Engine(scenario: b).run(seed: 3, replicate: UInt64(r), recordSeries: false)
            d.append(metric(y) - metric(x))
        }
        return MultiAssetEffectTests.paired(d)
    }

    static func withdrawn(_ r: RunResult) -> Double { r.outcome.finalWithdrawnFraction }

    @Test func aLargerLiquidReserveLowersRuns() async throws {
        let thin = try Self.scenario(["lending.reserve_fraction=0.2"])
        let thick = try Self.scenario(["lending.reserve_fraction=0.3", "lending.loan_fraction=0.7"])
        let (mean, se) = try await Self.paired(thin, thick, replicates: 12, Self.withdrawn)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aShallowerPoolRaisesRuns() async throws {
        let deep = try Self.scenario(fireSale: 0.25)
        let shallow = try Self.scenario(fireSale: 0.25, ["amm.reserve_collateral=40000", "amm.reserve_usd=80000000"])
        let (mean, se) = try await Self.paired(deep, shallow, replicates: 12, Self.withdrawn)
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aWithdrawalFeeLowersEarlyRuns() async throws {
        let free = try Self.scenario()
        let fee = try Self.scenario(["lending.withdrawal_fee=0.01"])
        let (mean, se) = try await Self.paired(free, fee, replicates: 12, Self.withdrawn)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func theSameSeedGivesTheSameRunAtAnyWorkerCount() async throws {
        let s = try Self.scenario(["ticks=260", "market.shock.size=0.3"])
        let one = try await Engine(scenario: s, workers: 1).run(seed: 5, replicate: 1)
        let two = try await Engine(scenario: s, workers: 2).run(seed: 5, replicate: 1)
        #expect(one.series == two.series && one.outcome == two.outcome)
    }
}
