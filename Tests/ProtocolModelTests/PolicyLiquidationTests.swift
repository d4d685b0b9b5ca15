import Testing

@testable import ProtocolModel

/// The `liquidateLowest` policy intent on a pool-priced collateral (the reference model's liquidators),
/// ported from the pre-migration `IntentApplier` tests. Pool: 50,000 ETH / 100,000,000 USD (2,000),
/// 0.30% fee; v2 close factor 50%.
struct PolicyLiquidationTests {
    static func state(_ positions: [(collateral: Double, debt: Double)], insurance: Double = 0) throws
        -> ProtocolState
    {
        var s = try Books.state(positions, closeFactor: .fixed(0.5), insurance: insurance)
        try Books.addPool(&s, base: 50_000)
        return s
    }

    static func liquidate(_ s: inout ProtocolState, budget: Double, gas: Double = 0) -> Receipt {
        s.apply(
            Intent(
                account: Books.liquidator(s),
                action: .liquidateLowest(
                    collateralToken: Books.eth, debtToken: Books.usd, budget: budget, sellPool: 0, gasCost: gas)))
    }

    @Test func liquidationFollowsTheReferenceFormula() throws {
        // 10 ETH, 18,000 USD at 2,000 → HF = 10·2,000·0.825/18,000 = 0.9167.
        // R = min(0.5·18,000, budget 9,000) = 9,000; seize 9,000/2,000·1.05 = 4.725 ETH.
        var s = try Self.state([(10, 18_000)])
        let quoted = s.amms[0].pool.amountOut(amountIn: 4.725, baseIn: true)
        let fill = try #require(Self.liquidate(&s, budget: 9_000).fill)
        #expect(fill.amountIn == 9_000 && close(fill.amountOut, quoted))
        #expect(close(s.lending.supplied(user: 0, reserve: 1), 5.275) && s.lending.debt(user: 0, reserve: 0) == 9_000)
        // The repayment is the USD reserve's cash again; the sale moved the pool and so the lending price.
        #expect(s.lending.reserves[0].cash == 9_000 && s.lending.reserves[0].liquidated == 9_000)
        #expect(fill.amountOut > 9_000 && fill.amountOut < 4.725 * 2_000)
        #expect(close(s.prices[Books.eth], s.amms[0].pool.price) && s.prices[Books.eth] < 2_000)
    }

    @Test func exhaustedCollateralWritesOffBadDebtAgainstInsurance() throws {
        // 1 ETH against 3,000 USD: R = 1,500 for 0.7875 ETH, then the remaining 0.2125 ETH is worth less
        // than the 1,500 left: all of it is seized and the rest written off; the fund (500) pays first.
        var s = try Self.state([(1, 3_000)], insurance: 500)
        let fill = try #require(Self.liquidate(&s, budget: 1e6).fill)
        #expect(s.lending.debt(user: 0, reserve: 0) == 0 && s.lending.supplied(user: 0, reserve: 1) < 1e-9)
        #expect(fill.badDebt > 0 && close(fill.amountIn + fill.badDebt, 3_000))
        #expect(close(s.lending.reserves[0].insuranceFund, max(0, 500 - fill.badDebt)))
        #expect(close(s.lending.reserves[0].deficit, max(0, fill.badDebt - 500)))
        #expect(close(s.badDebtValue, fill.badDebt))
    }

    @Test func unprofitableLiquidationsAreSkippedAndRevertCleanly() throws {
        var s = try Self.state([(10, 18_000)])
        let before = s
        #expect(Self.liquidate(&s, budget: 9_000, gas: 1e6).error == .nothingToDo)
        #expect(s == before && s.lending.debt(user: 0, reserve: 0) == 18_000)
        // A minimum profit above what the sale can bring skips it too.
        let r = s.apply(
            Intent(
                account: Books.liquidator(s),
                action: .liquidateLowest(
                    collateralToken: Books.eth, debtToken: Books.usd, budget: 9_000, sellPool: 0, gasCost: 0),
                guards: IntentGuards(minProfit: 1_000)))
        #expect(r.error == .nothingToDo && s == before)
    }

    @Test func theLowestHealthFactorGoesFirstAndTheBudgetBinds() throws {
        // HFs 0.9167 (account 0), 0.825 (account 1), 1.65 (account 2). A budget of 5,000 all goes to
        // account 1: R = min(0.5·10,000, 5,000) = 5,000.
        var s = try Self.state([(10, 18_000), (5, 10_000), (10, 10_000)])
        let fill = try #require(Self.liquidate(&s, budget: 5_000).fill)
        #expect(fill.amountIn == 5_000 && s.lending.debt(user: 1, reserve: 0) == 5_000)
        #expect(s.lending.debt(user: 0, reserve: 0) == 18_000 && s.lending.debt(user: 2, reserve: 0) == 10_000)
    }

    @Test func anEmptyPoolStopsArbitrageAndLiquidation() throws {
        var s = try Self.state([(10, 18_000)])
        let owner = Books.liquidator(s)
        let shares = s.amms[0].shares[owner]
        #expect(s.apply(Intent(account: owner, action: .removeLiquidity(pool: 0, shares: shares))).succeeded)
        #expect(s.amms[0].pool.isEmpty && s.amms[0].pool.price == 2_000 && s.prices[Books.eth] == 2_000)
        s.setMarketPrices([1, 1_400])
        let arb = s.apply(
            Intent(
                account: owner, action: .arbitrage(pool: 0, gamma: 0.997, maxBaseIn: 1, maxQuoteIn: 1, gasCost: 0)))
        #expect(arb.error == .emptyPool && Self.liquidate(&s, budget: 1e6).error == .emptyPool)
    }

    @Test func liquidityLeavesAndReturnsAtThePoolPrice() throws {
        var s = try Self.state([])
        let owner = Books.liquidator(s)
        let shares = s.amms[0].shares[owner]
        let out = try #require(
            s.apply(Intent(account: owner, action: .removeLiquidity(pool: 0, shares: shares))).fill)
        #expect(s.amms[0].pool.isEmpty && close(out.amountOut, 100_000_000) && close(out.secondaryOut, 50_000))
        // 1,000,000 USD of value re-seeds the empty pool at its last price: 250 ETH and 500,000 USD.
        #expect(s.apply(Intent(account: owner, action: .provideLiquidity(pool: 0, value: 1_000_000))).succeeded)
        #expect(close(s.amms[0].pool.price, 2_000) && close(s.amms[0].pool.reserveQuote, 500_000))
        #expect(close(s.amms[0].pool.reserveBase, 250))
    }

    /// Two borrowers deep under water, the ETH reserve's cash being only their collateral: 5.9 + 1.1. The
    /// first is liquidated in full (HF 0.589, all 5.9 ETH), leaving cash (5.9 + 1.1) − 5.9 =
    /// 1.0999999999999996 < 1.1, the second's collateral. Before the fix `liquidateLowest` required
    /// `collateralToLiquidator <= cash` exactly, so the second (HF 0.6875) was skipped in every turn and its
    /// bad debt never written off; now a rounding ulp is tolerated and the cash floored at 0.
    @Test func theLastCollateralInTheReserveCanBeSeized() throws {
        var s = try Books.state([(5.9, 5.9 * 2_000 * 1.4), (1.1, 1.1 * 2_000 * 1.2)])
        try Books.addPool(&s, base: 50_000)
        _ = Self.liquidate(&s, budget: 1e6)
        #expect(s.lending.debt(user: 0, reserve: 0) == 0)
        #expect(s.lending.debt(user: 1, reserve: 0) == 0, "cash \(s.lending.reserves[1].cash)")
        #expect(s.lending.reserves[1].cash >= 0)
    }
}
