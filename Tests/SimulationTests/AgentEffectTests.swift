import Agents
import Foundation
import Testing

@testable import Simulation

/// Each behavioural parameter moves the outcome the right way. Runs use common random
/// numbers (same seed and replicate), so the comparison isolates the parameter; effect
/// sizes are chosen large enough that the sign is not a coin flip (see each comment).
@Suite("Agent rules move outcomes the right way")
struct AgentEffectTests {
    /// Final withdrawn fraction of a calm run (no shock before tick 200).
    private func calmWithdrawn(_ overrides: [String], ticks: Int = 150) async throws -> Double {
        try await TestSupport.run(overrides, ticks: ticks).outcome.finalWithdrawnFraction
    }

    @Test func moreAttentionMeansMoreWithdrawals() async throws {
        // θ = 0.05 vs thresholds ~N(0, 0.01): P(withdraw | look) ≈ Φ(−0.05/0.0141) ≈ 2e-4 per look,
        // so 150 ticks × attention looks: ~0.3% at 0.1 and ~1.2% at 0.4 of 10⁴ depositors.
        let low = try await calmWithdrawn(["depositors.attention=0.02"])
        let mid = try await calmWithdrawn(["depositors.attention=0.1"])
        let high = try await calmWithdrawn(["depositors.attention=0.4"])
        #expect(low < mid && mid < high, "\(low) \(mid) \(high)")
    }

    @Test func noisierSignalsMeanMoreWithdrawals() async throws {
        // With the mean signal above every threshold, only noise triggers a withdrawal:
        // P ≈ Φ(−0.05/√(0.01² + σ²)): 4e-6 at σ = 0.005, 0.06 at σ = 0.03.
        let precise = try await calmWithdrawn(["depositors.noise_sd=0.005"])
        let noisy = try await calmWithdrawn(["depositors.noise_sd=0.03"])
        #expect(precise < noisy, "\(precise) vs \(noisy)")
    }

    @Test func herdingAmplifiesARun() async throws {
        // After the shock, w > 0 raises every threshold by herding·w.
        let none = try await TestSupport.run(["depositors.herding=0"], ticks: 320).outcome.finalWithdrawnFraction
        let strong = try await TestSupport.run(["depositors.herding=1.0"], ticks: 320).outcome.finalWithdrawnFraction
        #expect(none < strong, "\(none) vs \(strong)")
    }

    @Test func withdrawalFeesStayBonusesGatesAndLockUpsHoldDepositsIn() async throws {
        let base = try await calmWithdrawn([])
        let fee = try await calmWithdrawn(["lending.withdrawal_fee=0.02"])
        let bonus = try await calmWithdrawn(["depositors.stay_bonus=0.02"])
        let locked = try await calmWithdrawn(["lending.locked_until_tick=1000"])
        #expect(fee < base && bonus < base, "fee \(fee), bonus \(bonus), base \(base)")
        #expect(locked == 0)
        // A gate of 0.1% of deposits per tick caps the outflow of a run.
        let open = try await TestSupport.run(ticks: 320, replicate: 5)
        let gated = try await TestSupport.run(["lending.gate_fraction_per_tick=0.001"], ticks: 320, replicate: 5)
        let maxStep =
            zip(gated.series.dropFirst(), gated.series).map { $0.withdrawnFraction - $1.withdrawnFraction }.max() ?? 0
        #expect(maxStep <= 0.001 + 1e-9)
        #expect(gated.outcome.finalWithdrawnFraction < open.outcome.finalWithdrawnFraction)
    }

    @Test func whalesWithTheirOwnAttentionReactDifferently() async throws {
        // Whales (balances ≥ 50,000, ~5% of depositors) that always look withdraw more than retail.
        let base = try await calmWithdrawn(["depositors.whale_threshold_usd=50000", "depositors.whale_attention=0.1"])
        let alert = try await calmWithdrawn([
            "depositors.whale_threshold_usd=50000", "depositors.whale_attention=1.0",
            "depositors.whale_noise_sd=0.03",
        ])
        #expect(base < alert, "\(base) vs \(alert)")
    }

    @Test func moreLiquidatorCapitalLiquidatesMore() async throws {
        let poor = try await TestSupport.run(["liquidators.budget_per_tick=10000"], ticks: 260).outcome.liquidatedUSD
        let rich = try await TestSupport.run(["liquidators.budget_per_tick=1000000"], ticks: 260).outcome.liquidatedUSD
        #expect(poor < rich, "\(poor) vs \(rich)")
    }

    @Test func moreArbitrageInventoryKeepsTheAMMCloserToTheMarket() async throws {
        func meanGap(_ r: RunResult) -> Double {
            r.series.map { abs(log($0.ammPrice / $0.externalPrice)) }.reduce(0, +) / Double(r.series.count)
        }
        let thin = try await TestSupport.run(
            ["arbitrageurs.inventory_collateral=5", "arbitrageurs.inventory_usd=10000"], ticks: 150)
        let deep = try await TestSupport.run(ticks: 150)
        #expect(meanGap(deep) < meanGap(thin), "\(meanGap(deep)) vs \(meanGap(thin))")
        // A gas cost above the band's profit stops arbitrage altogether.
        let costly = try await TestSupport.run(["arbitrageurs.gas_cost_usd=1e9"], ticks: 150)
        #expect(costly.series.allSatisfy { $0.ammPrice == 2000 })
    }

    @Test func moreTolerantLPsStayInThePool() async throws {
        let nervous = try await TestSupport.run(ticks: 260).outcome.lpExitFractionMax
        let calm = try await TestSupport.run(["lps.tolerance_min=0.2", "lps.tolerance_max=0.3"], ticks: 260).outcome
            .lpExitFractionMax
        let paid = try await TestSupport.run(["lps.incentive_tolerance_bonus=0.2"], ticks: 260).outcome
            .lpExitFractionMax
        #expect(calm < nervous && paid < nervous, "\(calm), \(paid) vs \(nervous)")
    }

    @Test func activeBorrowersDefendTheirPositions() async throws {
        // Active borrowers repay towards HF 1.25 with 30% of their loan in spare capital.
        let passive = try await TestSupport.run(ticks: 260).outcome
        let active = try await TestSupport.run(
            ["borrowers.behaviour=active", "borrowers.capital_fraction=0.3"], ticks: 260
        ).outcome
        #expect(active.liquidatedUSD < passive.liquidatedUSD, "\(active.liquidatedUSD) vs \(passive.liquidatedUSD)")
        let toppedUp = try await TestSupport.run(
            [
                "borrowers.behaviour=active", "borrowers.capital_fraction=0.3",
                "borrowers.defence=top_up",
            ], ticks: 260)
        #expect(toppedUp.outcome.liquidatedUSD < passive.liquidatedUSD)
        // Top-ups add collateral where repayments cut debt: the book ends with more of both.
        let repaid = try await TestSupport.run(
            ["borrowers.behaviour=active", "borrowers.capital_fraction=0.3"], ticks: 260
        ).finalState
        let topped = toppedUp.finalState
        let (c0, d0) = (repaid.state.lending.reserves[1].totalSupply, repaid.depositReserve.totalDebt)
        let (c1, d1) = (topped.state.lending.reserves[1].totalSupply, topped.depositReserve.totalDebt)
        #expect(c1 > c0 && d1 > d0, "collateral \(c1) vs \(c0), debt \(d1) vs \(d0)")
    }
}

@Suite("Liquidity providers weigh fees and impermanent loss")
struct LiquidityProviderEconomicsTests {
    @Test func impermanentLossMatchesItsClosedForm() {
        // r = 4: 1 − 2·2/5 = 0.2; r = 1: 0; symmetric in r ↔ 1/r.
        #expect(abs(Agents.LiquidityProviders.impermanentLoss(priceRatio: 4) - 0.2) < 1e-15)
        #expect(Agents.LiquidityProviders.impermanentLoss(priceRatio: 1) == 0)
        #expect(abs(Agents.LiquidityProviders.impermanentLoss(priceRatio: 0.25) - 0.2) < 1e-15)
    }

    @Test func lpsWithALowLossToleranceLeaveInACalmMarket() async throws {
        // No shock before tick 200 and volatility (σ = 0.01) below every tolerance: nobody leaves,
        // unless a ±10% drift (IL ≈ 0.1%) is more impermanent loss than they accept.
        let calm = try await TestSupport.run(ticks: 150).outcome.lpExitFractionMax
        let touchy = try await TestSupport.run(["lps.il_tolerance=0.0005"], ticks: 150).outcome.lpExitFractionMax
        #expect(calm == 0 && touchy > 0, "\(calm) vs \(touchy)")
    }

    @Test func feeIncomeKeepsLPsInThePool() async throws {
        // After the shock, arbitrage and liquidation volume pay fees; LPs that value them stay.
        let blind = try await TestSupport.run(ticks: 260).outcome.lpExitFractionMax
        let paid = try await TestSupport.run(["lps.fee_yield_sensitivity=200"], ticks: 260).outcome.lpExitFractionMax
        #expect(paid < blind, "\(paid) vs \(blind)")
    }
}
