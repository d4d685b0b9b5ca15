import Testing

@testable import ProtocolModel

/// Worked values from UniswapV2Library.getAmountOut/getAmountIn and
/// UniswapV2LiquidityMathLibrary.computeProfitMaximizingTrade, reserves 1,000 ETH / 2,000,000 USD, 0.30% fee.
struct UniswapV2PoolTests {
    let pool = try! UniswapV2Pool(reserveBase: 1_000, reserveQuote: 2_000_000)

    @Test func swapOutputMatchesGetAmountOut() throws {
        // amountInWithFee = 10·0.997 = 9.97; out = 9.97·2,000,000 / (1,000 + 9.97) = 19,940,000/1,009.97
        //                 = 19,743.1606879...
        #expect(close(pool.amountOut(amountIn: 10, baseIn: true), 19_940_000 / 1_009.97))
        #expect(close(pool.amountOut(amountIn: 10, baseIn: true), 19_743.160687941, 1e-11))
        var p = pool
        let out = try p.swap(amountIn: 10, baseIn: true)
        #expect(p.reserveBase == 1_010)
        #expect(close(p.reserveQuote, 2_000_000 - out))
        // The fee stays in: k grows from 2e9.
        #expect(p.reserveBase * p.reserveQuote > 2e9)
    }

    @Test func amountInInvertsAmountOut() throws {
        // getAmountIn for 10 ETH out: 2,000,000·10 / ((1,000 − 10)·0.997) = 20,000,000/987.03 = 20,262.8086...
        let needed = try #require(pool.amountIn(amountOut: 10, baseIn: false))
        #expect(close(needed, 20_000_000 / 987.03))
        #expect(close(pool.amountOut(amountIn: needed, baseIn: false), 10))
        #expect(pool.amountIn(amountOut: 1_000, baseIn: false) == nil)
    }

    @Test func slippageGuardRevertsAndLeavesPool() {
        var p = pool
        #expect(throws: ProtocolError.slippage(minOut: 20_000, got: pool.amountOut(amountIn: 10, baseIn: true))) {
            try p.swap(amountIn: 10, baseIn: true, minOut: 20_000)
        }
        #expect(p == pool)
    }

    @Test func profitMaximizingTradeSellsBaseWhenPoolOverprices() throws {
        // External 1,900 < pool 2,000 → sell ETH. amountIn = sqrt(k/(P·γ)) − B/γ
        //   = sqrt(2e9/(1,900·0.997)) − 1,000/0.997 = 1027.5938... − 1003.0090... = 24.5117638...
        let t = try #require(pool.profitMaximizingTrade(externalPrice: 1_900))
        #expect(t.baseIn)
        #expect(close(t.amountIn, 24.511763888454, 1e-9))
        // At the optimum the marginal output equals the external price: profit(a) ≥ profit(a ± ε).
        func profit(_ a: Double) -> Double { pool.amountOut(amountIn: a, baseIn: true) - a * 1_900 }
        #expect(profit(t.amountIn) >= profit(t.amountIn * 0.99))
        #expect(profit(t.amountIn) >= profit(t.amountIn * 1.01))
        // Buying ETH when the pool underprices it: sqrt(k·2,100/0.997) − Q/0.997 = 46,453.118...
        let u = try #require(pool.profitMaximizingTrade(externalPrice: 2_100))
        #expect(!u.baseIn)
        #expect(close(u.amountIn, 46_453.118288230, 1e-9))
        // Inside the fee band there is no profitable trade.
        #expect(pool.profitMaximizingTrade(externalPrice: 1_999) == nil)
    }

    @Test(arguments: [1_500.0, 1_994.0, 2_006.0, 3_000.0])
    func inputToReachPriceLandsExactlyOnTarget(target: Double) throws {
        var p = pool
        let t = try #require(p.inputToReachPrice(target))
        #expect(t.baseIn == (target < 2_000))
        try p.swap(amountIn: t.amountIn, baseIn: t.baseIn)
        #expect(close(p.price, target, 1e-12))
        #expect(pool.inputToReachPrice(2_000) == nil)
    }

    @Test func liquiditySharesAndEmptyPool() throws {
        var p = pool
        // Creator holds sqrt(1,000·2,000,000) = 44,721.36 shares (MINIMUM_LIQUIDITY not burned).
        #expect(close(p.totalShares, (2e9).squareRoot()))
        // Adding 10% of both reserves mints 10% of shares; an unbalanced add mints the minimum ratio.
        let minted = try p.addLiquidity(base: 100, quote: 200_000)
        #expect(close(minted, 0.1 * (2e9).squareRoot()))
        // Reserves are now 1,100 / 2,200,000: adding 11 ETH (1%) and 1 USD (1/2.2e6) mints S·1/2.2e6.
        let s1 = p.totalShares
        let lopsided = try p.addLiquidity(base: 11, quote: 1)
        #expect(close(lopsided, s1 / 2_200_000))
        let price = p.price
        _ = try p.removeLiquidity(shares: p.totalShares)
        #expect(p.isEmpty && p.reserveBase == 0 && p.totalShares == 0)
        #expect(p.price == price)
        #expect(p.amountOut(amountIn: 1, baseIn: true) == 0)
        #expect(throws: ProtocolError.emptyPool) { try p.swap(amountIn: 1, baseIn: true) }
        #expect(p.inputToReachPrice(100) == nil)
        // Re-seeding at the given amounts.
        let reseed = try p.addLiquidity(base: 2, quote: 2 * price)
        #expect(close(reseed, (4 * price).squareRoot()))
        #expect(close(p.price, price))
    }

    @Test func badParametersThrow() {
        #expect(throws: ProtocolError.self) { try UniswapV2Pool(reserveBase: 0, reserveQuote: 1) }
        #expect(throws: ProtocolError.self) { try UniswapV2Pool(reserveBase: 1, reserveQuote: 1, feeBps: 10_000) }
        var p = pool
        #expect(throws: ProtocolError.self) { try p.swap(amountIn: -1, baseIn: true) }
        #expect(throws: ProtocolError.self) { try p.removeLiquidity(shares: p.totalShares * 2) }
    }
}
