import Testing

@testable import ProtocolModel

/// The stability pool's accounting, worked by hand on ``Books``: 10 ETH against 18,000 USD at an oracle
/// price of 2,000 (HF = 10·2,000·0.825/18,000 = 0.9167), close factor 50%, bonus 5%, no protocol fee.
/// Account 2 (an empty depositor slot) and account 3 (the liquidator's 10⁹ USD) are the providers.
struct StabilityPoolTests {
    static let alice = 2, bob = 3

    static func state(_ positions: [(collateral: Double, debt: Double)] = [(10, 18_000)]) throws -> ProtocolState {
        var s = try Books.state(
            positions, closeFactor: .fixed(0.5), deposits: [positions.reduce(0) { $0 + $1.debt }, 0])
        try s.mint(account: alice, token: Books.usd, amount: 10_000)
        try s.install(stabilityPool: StabilityPool(token: Books.usd))
        return s
    }

    static func act(_ s: inout ProtocolState, _ a: Int, _ op: StabilityPoolOperation) -> Receipt {
        s.apply(Intent(account: a, action: .stabilityPool(op)))
    }

    static func holdings(_ s: ProtocolState) -> [Double] {
        [s.totalHoldings(of: Books.usd), s.totalHoldings(of: Books.eth)]
    }

    @Test func depositAbsorbAndWithdrawByHand() throws {
        var s = try Self.state()
        let opening = Self.holdings(s)
        // Deposits into an empty pool mint one share per USD.
        #expect(Self.act(&s, Self.bob, .deposit(usd: 6_000)).fill?.secondaryOut == 6_000)
        #expect(Self.act(&s, Self.alice, .deposit(usd: 4_000)).fill?.secondaryOut == 4_000)
        #expect(s.stabilityPool.usd == 10_000 && s.stabilityPool.totalShares == 10_000)
        // Absorb with a budget of 9,000: the lending pool's own quote, R = min(0.5·18,000, 9,000) = 9,000 and
        // 9,000/2,000·1.05 = 4.725 ETH seized; the pool keeps it (nothing is sold: no pool exists here).
        let ethCash = s.lending.reserves[1].cash
        let fill = try #require(Self.act(&s, Self.alice, .absorb(budget: 9_000)).fill)
        #expect(fill.amountIn == 9_000 && close(fill.amountOut, 9_450) && close(fill.profit, 450))
        #expect(s.lending.debt(user: 0, reserve: 0) == 9_000 && close(s.lending.supplied(user: 0, reserve: 1), 5.275))
        #expect(s.stabilityPool.usd == 1_000 && close(s.stabilityPool.collateral[Books.eth], 4.725))
        #expect(close(s.lending.reserves[1].cash, ethCash - 4.725) && s.lending.reserves[0].liquidated == 9_000)
        #expect(s.stabilityPool.debtAbsorbed == 9_000 && s.stabilityPool.liquidations == 1)
        // The acting account receives nothing: its USD and ETH are unchanged apart from its deposit.
        #expect(s.balances[Self.alice, Books.usd] == 6_000 && s.balances[Self.alice, Books.eth] == 0)
        // Value 1,000 + 4.725·2,000 = 10,450: a share is worth 1.045.
        #expect(close(s.stabilityPool.valuePerShare(prices: s.prices), 1.045))
        // Alice burns her 4,000 shares (40%): 400 USD and 1.89 ETH.
        let out = try #require(Self.act(&s, Self.alice, .withdraw(shares: 4_000)).fill)
        #expect(close(out.amountOut, 400) && close(s.balances[Self.alice, Books.usd], 6_400))
        #expect(close(s.balances[Self.alice, Books.eth], 1.89))
        #expect(close(s.stabilityPool.usd, 600) && close(s.stabilityPool.collateral[Books.eth], 2.835))
        #expect(s.stabilityPool.totalShares == 6_000 && s.stabilityPool.shares(of: Self.alice) == 0)
        // A newcomer buys in at 1.045 per share: 1,045 USD mint 1,000 shares.
        #expect(close(try #require(Self.act(&s, Self.alice, .deposit(usd: 1_045)).fill).secondaryOut, 1_000))
        // Bob, then Alice, take everything out: the pool is empty and no token appeared or vanished.
        #expect(Self.act(&s, Self.bob, .withdraw(shares: 6_000)).succeeded)
        #expect(Self.act(&s, Self.alice, .withdraw(shares: s.stabilityPool.shares(of: Self.alice))).succeeded)
        #expect(
            s.stabilityPool.usd == 0 && s.stabilityPool.collateral[Books.eth] == 0 && s.stabilityPool.totalShares == 0)
        #expect(close(s.balances[Self.bob, Books.eth], 2.835 * 6 / 7, 1e-9))
        for (a, b) in zip(Self.holdings(s), opening) { #expect(close(a, b, 1e-12)) }
    }

    @Test func absorbingRunsLowestHealthFactorFirstAndStopsAtTheUSD() throws {
        // HFs 0.9167 (account 0) and 0.825 (account 1); 6,000 USD in the pool: account 1 first,
        // R = min(0.5·10,000, 6,000) = 5,000 for 2.625 ETH; below HF 1.05 a liquidation lowers HF, so account 1
        // (2.375 ETH against 5,000: HF 0.784) is still the lowest and takes the 1,000 left.
        var s = try Self.state([(10, 18_000), (5, 10_000)])
        let opening = Self.holdings(s)
        #expect(Self.act(&s, Self.alice, .deposit(usd: 6_000)).succeeded)
        let fill = try #require(Self.act(&s, Self.bob, .absorb(budget: 1e9)).fill)
        #expect(fill.amountIn == 6_000 && s.stabilityPool.usd == 0)
        #expect(s.lending.debt(user: 1, reserve: 0) == 4_000 && s.lending.debt(user: 0, reserve: 0) == 18_000)
        #expect(close(s.stabilityPool.collateral[Books.eth], 6_000 / 2_000 * 1.05))
        for (a, b) in zip(Self.holdings(s), opening) { #expect(close(a, b, 1e-12)) }
    }

    @Test func exhaustedCollateralLeavesBadDebtAsTheLendingPoolWritesIt() throws {
        // 1 ETH against 3,000 USD: 1,500 for 0.7875 ETH, then the last 0.2125 ETH for 404.76 USD and the
        // remaining 1,095.24 written off, exactly as a keeper's liquidation would.
        var s = try Self.state([(1, 3_000)])
        #expect(Self.act(&s, Self.alice, .deposit(usd: 10_000)).succeeded)
        let fill = try #require(Self.act(&s, Self.alice, .absorb(budget: 1e9)).fill)
        #expect(close(fill.amountIn, 1_500 + 0.2125 * 2_000 / 1.05) && close(fill.amountIn + fill.badDebt, 3_000))
        #expect(close(s.stabilityPool.collateral[Books.eth], 1) && close(s.badDebtValue, fill.badDebt))
    }

    @Test func revertsChangeNothing() throws {
        var s = try Self.state()
        #expect(Self.act(&s, Self.alice, .deposit(usd: 5_000)).succeeded)
        let before = s
        #expect(Self.act(&s, Self.alice, .deposit(usd: 20_000)).error != nil)
        #expect(Self.act(&s, Self.alice, .withdraw(shares: 5_001)).error != nil)
        #expect(Self.act(&s, Self.bob, .withdraw(shares: 1)).error != nil)
        // A guard that the deposit cannot meet (it pays nothing out) reverts it.
        let guarded = Intent(
            account: Self.alice, action: .stabilityPool(.deposit(usd: 1_000)), guards: IntentGuards(minOut: 1))
        #expect(s.apply(guarded).error != nil)
        #expect(s == before)
        // Healthy books: nothing to absorb.
        s.oracles[Books.eth] = try PriceOracle(price: 4_000)
        let healthy = s
        #expect(Self.act(&s, Self.alice, .absorb(budget: 1e9)).error == .nothingToDo && s == healthy)
        // Without a pool installed every operation reverts.
        var bare = try Books.state([(10, 18_000)])
        let empty = bare
        #expect(
            bare.apply(Intent(account: 0, action: .stabilityPool(.absorb(budget: 1)))).error != nil && bare == empty)
    }
}
