import ProtocolModel
import Testing

/// The StableSwap arbitrage has no closed form: GSL Brent finds the trade where the fee-inclusive
/// marginal output equals the external price ratio. It must match a brute-force grid optimum and leave
/// the pool's marginal price at the external ratio.
@Suite("StableSwap arbitrage")
struct StableArbitrageTests {
    static let usd = 0, usdc = 1

    /// USD (0) and USDC (1); account 0 holds 10 M of each; a USD/USDC pool with `balances`.
    static func state(balances: [Double], amplification: Double, usdcPrice: Double) throws -> ProtocolState {
        let noInterest = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usd, ltv: 0, liquidation: LiquidationParameters(liquidationThreshold: 1e-9),
                    rateModel: noInterest)
            ], users: 2)
        var s = try ProtocolState(
            tokens: [Token(symbol: "USD", kind: .numeraire), Token(symbol: "USDC", kind: .stablecoin)],
            accounts: 2, lending: lending, oracles: [try PriceOracle(price: 1), try PriceOracle(price: 1)])
        try s.mint(account: 1, token: usd, amount: balances[0])
        try s.mint(account: 1, token: usdc, amount: balances[1])
        try s.createStablePool(
            tokens: [usd, usdc], balances: balances, amplification: amplification, feeFraction: 0.0004, creator: 1)
        try s.mint(account: 0, token: usd, amount: 10_000_000)
        try s.mint(account: 0, token: usdc, amount: 10_000_000)
        s.setMarketPrices([1, usdcPrice])
        return s
    }

    @Test(arguments: [(0.98, 100.0), (1.03, 100.0), (0.95, 20.0), (0.999, 500.0)])
    func brentTradeMatchesTheGridOptimumAndRestoresTheRatio(_ usdcPrice: Double, _ amplification: Double) throws {
        var s = try Self.state(balances: [2_000_000, 2_000_000], amplification: amplification, usdcPrice: usdcPrice)
        let before = s.stablePools[0].pool
        let r = s.apply(Intent(account: 0, action: .stableArbitrage(pool: 0, maxValueIn: 1e9, gasCost: 0)))
        let fill = try #require(r.fill, "\(r.error.map(\.description) ?? "")")
        // USDC cheap outside: sell USDC (coin 1) into the pool; dear: sell USD (coin 0).
        let (i, j) = usdcPrice < 1 ? (1, 0) : (0, 1)
        let prices = [1, usdcPrice]
        #expect(fill.tokenIn == i && fill.tokenOut == j)
        func profit(_ dx: Double) -> Double { before.amountOut(i: i, j: j, dx: dx) * prices[j] - dx * prices[i] }
        // Brute force: a 20,000-point grid over [0, 1.5 M], then the best cell refined tenfold.
        var best = (dx: 0.0, profit: 0.0)
        let step = 1_500_000.0 / 20_000
        for k in 1...20_000 {
            let dx = Double(k) * step
            if profit(dx) > best.profit { best = (dx, profit(dx)) }
        }
        #expect(best.dx > step && best.dx < 1_500_000 - step, "the optimum is inside the grid")
        #expect(abs(fill.amountIn - best.dx) <= step)
        #expect(fill.profit >= best.profit - 1e-9 * best.profit)
        #expect(fill.profit <= best.profit + 1e-6 * best.profit + 1e-6)
        // Brent's condition: at the trade, the marginal output (fee included) is the external ratio.
        let ratio = prices[i] / prices[j]
        #expect(abs(before.marginalOutput(i: i, j: j, dx: fill.amountIn) / ratio - 1) < 1e-9)
        // After it the pool's marginal price sits at the ratio, within the fee (which stays in the pool and
        // moves its balances slightly off the curve the trade was solved on).
        let after = s.stablePools[0].pool
        #expect(abs(after.marginalOutput(i: i, j: j, dx: 0) / ratio - 1) < 1e-4)
        #expect(abs(after.spotPrice(i: i, j: j) / ratio - 1) < 0.0004 + 1e-4)
    }

    @Test func insideTheFeeBandThereIsNothingToDo() throws {
        var s = try Self.state(balances: [2_000_000, 2_000_000], amplification: 100, usdcPrice: 1.0001)
        let r = s.apply(Intent(account: 0, action: .stableArbitrage(pool: 0, maxValueIn: 1e9, gasCost: 0)))
        #expect(r.error == .nothingToDo)
    }

    @Test func theCapBindsWhenTheOptimumIsBeyondIt() throws {
        var s = try Self.state(balances: [2_000_000, 2_000_000], amplification: 100, usdcPrice: 0.9)
        let r = s.apply(Intent(account: 0, action: .stableArbitrage(pool: 0, maxValueIn: 9_000, gasCost: 0)))
        let fill = try #require(r.fill)
        #expect(abs(fill.amountIn - 10_000) < 1e-9)
        #expect(s.totalHoldings(of: Self.usdc) == s.inflows[Self.usdc] - s.outflows[Self.usdc])
    }
}
