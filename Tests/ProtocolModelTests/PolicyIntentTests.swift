import Testing

@testable import ProtocolModel

/// The policy intents and price sources, on the fixture world (pool 500 ETH / 1,000,000 USD, 0.30% fee).
struct PolicyIntentTests {
    static let usd = Fixture.usd, eth = Fixture.eth

    /// Every token held = inflows − outflows.
    static func flowsBalance(_ s: ProtocolState) -> Bool {
        (0..<3).allSatisfy { close(s.totalHoldings(of: $0), s.inflows[$0] - s.outflows[$0]) }
    }

    static func arbitrage(_ s: inout ProtocolState, _ a: Int, maxBaseIn: Double = 1e9) -> Receipt {
        s.apply(
            Intent(
                account: a,
                action: .arbitrage(pool: 0, gamma: 0.997, maxBaseIn: maxBaseIn, maxQuoteIn: 1e12, gasCost: 0)))
    }

    @Test func arbitrageLandsOnTheBandEdgeAndIsCapped() throws {
        var s = try Fixture.state()
        s.setMarketPrices([1, 1_400, 1])
        let fill = try #require(Self.arbitrage(&s, 0).fill)
        #expect(fill.tokenIn == Self.eth && fill.profit > 0)
        #expect(close(s.amms[0].pool.price, 1_400 / 0.997), "\(s.amms[0].pool.price)")
        #expect(Self.arbitrage(&s, 0).error == .nothingToDo)  // inside the band now
        // At 1,000 the edge needs more than account 4's 100 ETH: it sells all 100 and the pool stops short.
        var capped = try Fixture.state()
        capped.setMarketPrices([1, 1_000, 1])
        #expect((capped.amms[0].pool.inputToReachPrice(1_000 / 0.997)?.amountIn ?? 0) > 100)
        #expect(Self.arbitrage(&capped, 4).fill?.amountIn == 100)
        #expect(capped.amms[0].pool.reserveBase == 600 && capped.balances[4, Self.eth] == 0)
        #expect(capped.amms[0].pool.price > 1_000 / 0.997)
        // And by its own cap: 50 ETH.
        var small = try Fixture.state()
        small.setMarketPrices([1, 1_000, 1])
        #expect(Self.arbitrage(&small, 4, maxBaseIn: 50).fill?.amountIn == 50)
        #expect(small.amms[0].pool.reserveBase == 550)
        #expect(Self.flowsBalance(s) && Self.flowsBalance(capped) && Self.flowsBalance(small))
    }

    @Test func provideLiquidityBuysTheMissingTokenAndIsCappedByHoldings() throws {
        var s = try Fixture.state()
        // Account 1 holds 20 ETH and no USD. 20,000 of value: 10,000 USD and 5 ETH at the pool price
        // 2,000; the 10,000 USD is bought outside with 10,000/2,000 = 5 ETH: 10 ETH left.
        let pool = s.amms[0].pool
        let usdIn = s.inflows[Self.usd]
        let ethOut = s.outflows[Self.eth]
        let fill = try #require(s.apply(Intent(account: 1, action: .provideLiquidity(pool: 0, value: 20_000))).fill)
        #expect(close(fill.amountIn, 10_000) && close(fill.secondaryOut, pool.sharesMinted(base: 5, quote: 10_000)))
        #expect(close(s.inflows[Self.usd] - usdIn, 10_000) && close(s.outflows[Self.eth] - ethOut, 5))
        #expect(close(s.balances[1, Self.eth], 10) && s.balances[1, Self.usd] == 0)
        #expect(close(s.amms[0].pool.reserveBase, 505) && close(s.amms[0].pool.reserveQuote, 1_010_000))
        #expect(close(s.amms[0].shares[1], fill.secondaryOut))
        // Account 2 asks for 10⁹ but its 20 ETH are worth 40,000: 20,000 USD (bought with 10 ETH) and
        // 10 ETH go in, and nothing is left.
        let capped = try #require(s.apply(Intent(account: 2, action: .provideLiquidity(pool: 0, value: 1e9))).fill)
        #expect(close(capped.amountIn, 20_000) && s.balances[2, Self.eth] < 1e-9 && s.balances[2, Self.usd] == 0)
        #expect(Self.flowsBalance(s))
    }

    @Test func repayWithCollateralRepaysAndPaysTheRestOut() throws {
        var s = try Fixture.seeded()
        // Borrower 1 (10 ETH, 11,500 USD) sells 4 ETH: the proceeds repay part of the debt.
        let proceeds = s.amms[0].pool.amountOut(amountIn: 4, baseIn: true)
        let fill = try #require(
            s.apply(
                Intent(
                    account: 1,
                    action: .repayWithCollateral(
                        collateralToken: Self.eth, debtToken: Self.usd, collateral: 4, sellPool: 0))
            ).fill)
        #expect(fill.amountIn == 4 && fill.amountOut == 0)
        #expect(close(s.lending.debt(user: 1, reserve: 0), 11_500 - proceeds))
        #expect(close(s.lending.supplied(user: 1, reserve: 1), 6) && s.badDebtValue == 0)
        #expect(Self.flowsBalance(s))
    }

    @Test func repayWithCollateralWritesOffAnExhaustedPosition() throws {
        var s = try Fixture.seeded()
        // Account 0 dumps 500 ETH into the pool: ~500 USD/ETH there, while the oracle still says 2,000.
        #expect(s.apply(Intent(account: 0, action: .swap(pool: 0, amountIn: 500, baseIn: true))).succeeded)
        let proceeds = s.amms[0].pool.amountOut(amountIn: 10, baseIn: true)
        let insurance = s.lending.reserves[0].insuranceFund
        // Borrower 3 (10 ETH, 14,500 USD) sells all of it: the proceeds repay; the rest is dust-written off.
        let fill = try #require(
            s.apply(
                Intent(
                    account: 3,
                    action: .repayWithCollateral(
                        collateralToken: Self.eth, debtToken: Self.usd, collateral: 1e9, sellPool: 0))
            ).fill)
        #expect(fill.amountIn == 10 && proceeds < 14_500)
        #expect(s.lending.debt(user: 3, reserve: 0) == 0 && s.lending.supplied(user: 3, reserve: 1) == 0)
        #expect(close(s.badDebtValue, 14_500 - proceeds) && close(s.lending.reserves[0].badDebt, 14_500 - proceeds))
        #expect(close(s.lending.reserves[0].insuranceFund, insurance - (14_500 - proceeds)))
        #expect(Self.flowsBalance(s))
    }

    @Test func poolPricesFollowThePool() throws {
        var s = try Fixture.seeded()
        s.priceSources[Self.eth] = .pool(0)
        #expect(s.prices[Self.eth] == 2_000)
        let hf = s.lending.healthFactor(user: 3, prices: s.prices)
        #expect(s.apply(Intent(account: 4, action: .swap(pool: 0, amountIn: 10, baseIn: true))).succeeded)
        // Quote per base × the quote token's (oracle) price.
        #expect(s.prices[Self.eth] == s.amms[0].pool.price && s.prices[Self.eth] < 2_000)
        #expect(s.lending.healthFactor(user: 3, prices: s.prices) < hf)
        // An oracle move does not touch a pool-priced token; switching back to the oracle does.
        s.oracles[Self.eth].manipulate(to: 3_000, tick: 0)
        #expect(s.prices[Self.eth] == s.amms[0].pool.price)
        s.priceSources[Self.eth] = .oracle
        #expect(s.prices[Self.eth] == 3_000)
    }

    /// Each new action, reverted late (by a guard or a check after its effect is known), leaves the
    /// state identical.
    @Test func revertedPolicyIntentsLeaveTheStateIdentical() throws {
        var s = try Fixture.seeded()
        s.oracles[Self.eth].manipulate(to: 1_500, tick: 0)
        s.setMarketPrices([1, 1_400, 1])
        let usd = Self.usd
        let eth = Self.eth
        let intents: [Intent] = [
            Intent(account: 0, action: .redeem(token: usd, amount: 1_000), guards: IntentGuards(minOut: 1e9)),
            Intent(
                account: 0, action: .arbitrage(pool: 0, gamma: 0.997, maxBaseIn: 1e9, maxQuoteIn: 1e12, gasCost: 0),
                guards: IntentGuards(minProfit: 1e9)),
            Intent(
                account: 4,
                action: .liquidateLowest(collateralToken: eth, debtToken: usd, budget: 1e5, sellPool: 0, gasCost: 1e9)),
            Intent(
                account: 1,
                action: .repayWithCollateral(collateralToken: eth, debtToken: usd, collateral: 1, sellPool: 0),
                guards: IntentGuards(minOut: 1e9)),
            Intent(account: 4, action: .provideLiquidity(pool: 0, value: 1_000), guards: IntentGuards(minOut: 1)),
        ]
        for intent in intents {
            let before = s
            let r = s.apply(intent)
            #expect(!r.succeeded, "\(intent.action) should revert")
            #expect(s == before, "\(intent.action) changed the state")
        }
    }
}
