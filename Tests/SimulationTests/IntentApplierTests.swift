import Agents
import ProtocolModel
import Testing

@testable import Simulation

@Suite("Applying intents")
struct IntentApplierTests {
    private func world(
        ammPrice: Double = 2000, external: Double = 2000,
        positions: [CollateralPosition] = [], reserve: Double = 1_000
    ) throws -> WorldState {
        WorldState(
            externalPrice: external,
            amm: try UniswapV2Pool(reserveBase: 50_000, reserveQuote: 50_000 * ammPrice),
            loans: LoanBook(positions: positions),
            ledger: DepositLedger(deposits: 10_000, reserve: reserve, insuranceFund: 500),
            initialDeposits: 10_000, history: PriceHistory(openingPrice: ammPrice))
    }

    @Test func arbitrageLandsTheAMMOnTheBandEdge() throws {
        var w = try world(ammPrice: 2000, external: 1400)
        var a = IntentApplier()
        let r = a.apply(
            Proposal(
                population: 0, agent: 0,
                intent: .arbitrage(gamma: 0.997, maxBaseIn: 1e9, maxQuoteIn: 1e12, gasCost: 0, minProfit: 0)), to: &w)
        #expect(r.filled && r.usdOut > 0)
        #expect(abs(w.amm.price / (1400 / 0.997) - 1) < 1e-9, "\(w.amm.price)")
        // Inside the band: nothing to do.
        let again = a.apply(
            Proposal(
                population: 0, agent: 1,
                intent: .arbitrage(gamma: 0.997, maxBaseIn: 1e9, maxQuoteIn: 1e12, gasCost: 0, minProfit: 0)), to: &w)
        #expect(again.revert == .nothingToDo)
        // Capped by inventory: 2,500 ETH moves the price only part of the way.
        var capped = try world(ammPrice: 2000, external: 1400)
        _ = a.apply(
            Proposal(
                population: 0, agent: 0,
                intent: .arbitrage(gamma: 0.997, maxBaseIn: 2500, maxQuoteIn: 5e6, gasCost: 0, minProfit: 0)),
            to: &capped)
        #expect(abs(capped.amm.reserveBase - 52_500) < 1e-6 && capped.amm.price > 1400 / 0.997)
    }

    @Test func liquidationFollowsTheReferenceFormula() throws {
        // One position: 10 ETH, 18,000 USD debt at p = 2000 → HF = 10·2000·0.825/18000 = 0.9167.
        // R = min(0.5·18000, 10·2000/1.05, budget) = 9,000; seize 9000/2000·1.05 = 4.725 ETH.
        var w = try world(positions: [CollateralPosition(collateral: 10, debt: 18_000)])
        var a = IntentApplier()
        let r = a.apply(
            Proposal(population: 0, agent: 0, intent: .liquidate(budget: 9_000, gasCost: 0, minProfit: 0)), to: &w)
        #expect(r.amount == 9_000)
        #expect(abs(w.loans.positions[0].collateral - 5.275) < 1e-12)
        #expect(w.loans.positions[0].debt == 9_000)
        #expect(w.liquidatedUSD == 9_000 && w.ledger.reserve == 10_000)
        // Sale proceeds are the AMM's quote for 4.725 ETH (fee and slippage included), and exceed R.
        #expect(r.usdOut > 9_000 && r.usdOut < 4.725 * 2000)
    }

    @Test func exhaustedCollateralWritesOffBadDebtAgainstInsurance() throws {
        // Underwater: 1 ETH against 3,000 USD at 2,000. R = min(1500, 2000/1.05, …) = 1,500, seize 0.7875;
        // then R = min(750, 0.2125·p/1.05) where p has dropped a little after the sale; collateral runs out.
        var w = try world(positions: [CollateralPosition(collateral: 1, debt: 3_000)])
        var a = IntentApplier()
        _ = a.apply(
            Proposal(population: 0, agent: 0, intent: .liquidate(budget: 1e6, gasCost: 0, minProfit: 0)), to: &w)
        #expect(w.loans.positions[0].debt == 0 && w.loans.positions[0].collateral < 1e-9)
        #expect(w.badDebtUSD > 0)
        // The insurance fund (500) pays first; the rest is dropped.
        #expect(w.ledger.insuranceFund == max(0, 500 - w.badDebtUSD))
        #expect(abs(w.liquidatedUSD + w.badDebtUSD - 3_000) < 1e-9)
    }

    @Test func unprofitableLiquidationsAreSkipped() throws {
        var w = try world(positions: [CollateralPosition(collateral: 10, debt: 18_000)])
        var a = IntentApplier()
        let r = a.apply(
            Proposal(population: 0, agent: 0, intent: .liquidate(budget: 9_000, gasCost: 1e6, minProfit: 0)), to: &w)
        #expect(r.revert == .nothingToDo && w.loans.positions[0].debt == 18_000)
    }

    @Test func liquidityLeavesAndReturnsAtThePoolPrice() throws {
        var w = try world()
        var a = IntentApplier()
        let shares = w.amm.totalShares
        let out = a.apply(Proposal(population: 0, agent: 0, intent: .removeLiquidity(shares: shares)), to: &w)
        #expect(w.amm.isEmpty && w.amm.price == 2000)
        #expect(abs(out.usdOut - 200_000_000) < 1e-3)
        let back = a.apply(Proposal(population: 0, agent: 0, intent: .addLiquidity(valueUSD: 1_000_000)), to: &w)
        #expect(back.filled && back.amount > 0 && abs(w.amm.price - 2000) < 1e-9)
        #expect(abs(w.amm.reserveQuote - 500_000) < 1e-6 && abs(w.amm.reserveBase - 250) < 1e-9)
    }

    @Test func anEmptyPoolStopsArbitrageAndLiquidation() throws {
        var w = try world(positions: [CollateralPosition(collateral: 10, debt: 18_000)])
        var a = IntentApplier()
        _ = a.apply(Proposal(population: 0, agent: 0, intent: .removeLiquidity(shares: w.amm.totalShares)), to: &w)
        let arb = a.apply(
            Proposal(
                population: 0, agent: 0,
                intent: .arbitrage(gamma: 0.997, maxBaseIn: 1, maxQuoteIn: 1, gasCost: 0, minProfit: 0)), to: &w)
        let liq = a.apply(
            Proposal(population: 0, agent: 0, intent: .liquidate(budget: 1e6, gasCost: 0, minProfit: 0)), to: &w)
        #expect(arb.revert == .emptyPool && liq.revert == .emptyPool)
    }
}
