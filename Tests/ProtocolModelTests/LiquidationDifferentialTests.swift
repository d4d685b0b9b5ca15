import Foundation
import Stochastics
import Testing

@testable import ProtocolModel

/// Migration plan step 2: the `liquidateLowest` policy intent on a pool-priced collateral against the
/// pre-migration loop (``OracleLoanBook/liquidationTurn(pool:budget:gasCost:minProfit:)``): random books,
/// random price paths (a trader's swaps move the pool, which is the lending market's price) and random
/// budgets, gas costs and minimum profits.
struct LiquidationDifferentialTests {
    static let usd = 0, eth = 1

    struct Pair {
        var state: ProtocolState
        var book: OracleLoanBook
        var pool: UniswapV2Pool
        let borrowers: Int
        var protocolFee = 0.0
        var liquidator: Int { borrowers + 1 }
        var trader: Int { borrowers + 2 }
    }

    static func pair(_ rng: inout RandomStream) throws -> Pair {
        let n = 1 + rng.integer(below: 20)
        let closeFactor: CloseFactorPolicy = rng.uniform() < 0.5 ? .aaveV3 : .fixed(rng.uniform(in: 0.3, 1))
        let parameters = LiquidationParameters(
            liquidationThreshold: rng.uniform(in: 0.7, 0.9), liquidationBonus: rng.uniform(in: 0.02, 0.12),
            closeFactor: closeFactor, protocolFee: rng.uniform() < 0.4 ? 0 : rng.uniform(in: 0, 0.2))
        let zero = InterestRateModel.jumpRate(try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usd, ltv: 0, liquidation: LiquidationParameters(liquidationThreshold: 1e-9),
                    reserveFactor: 0, rateModel: zero),
                ReserveConfig(
                    token: eth, ltv: parameters.liquidationThreshold, liquidation: parameters, reserveFactor: 0,
                    borrowingEnabled: false, rateModel: zero),
            ], users: n + 4, closeFactor: closeFactor)
        var s = try ProtocolState(
            tokens: [Token(symbol: "USD", kind: .numeraire), Token(symbol: "ETH", kind: .volatileCollateral)],
            accounts: n + 4, lending: lending, oracles: [try PriceOracle(price: 1), try PriceOracle(price: 2_000)])
        var positions: [OracleCollateralPosition] = []
        for _ in 0..<n {
            let c = rng.uniform(in: 0.01, 50)
            let debt = rng.uniform() < 0.1 ? 0 : c * 2_000 * parameters.liquidationThreshold / rng.uniform(in: 0.5, 1.5)
            positions.append(OracleCollateralPosition(collateral: c, debt: debt))
        }
        let lent = positions.reduce(0) { $0 + $1.debt }
        try s.mint(account: n, token: usd, amount: lent + 1)
        try s.deposit(account: n, token: usd, amount: lent + 1)
        for (b, p) in positions.enumerated() {
            try s.mint(account: b, token: eth, amount: p.collateral)
            try s.openPosition(account: b, collateralToken: eth, collateral: p.collateral, debtToken: usd, debt: p.debt)
        }
        let base = rng.uniform(in: 100, 5_000)
        let fee = rng.uniform() < 0.5 ? 30 : rng.uniform(in: 0, 100)
        try s.mint(account: n + 3, token: eth, amount: base)
        try s.mint(account: n + 3, token: usd, amount: base * 2_000)
        let k = try s.createAMM(
            baseToken: eth, quoteToken: usd, reserveBase: base, reserveQuote: base * 2_000, feeBps: fee, creator: n + 3)
        s.priceSources[eth] = .pool(k)
        try s.mint(account: n + 1, token: usd, amount: 1e12)
        try s.mint(account: n + 2, token: usd, amount: 1e12)
        try s.mint(account: n + 2, token: eth, amount: 1e9)
        return Pair(
            state: s, book: OracleLoanBook(positions: positions, parameters: parameters),
            pool: try UniswapV2Pool(reserveBase: base, reserveQuote: base * 2_000, feeBps: fee), borrowers: n)
    }

    /// A trader's swap toward `factor` × the pool price, on both pools.
    static func move(_ w: inout Pair, factor: Double) {
        guard let trade = w.pool.inputToReachPrice(w.pool.price * factor) else { return }
        let r = w.state.apply(
            Intent(account: w.trader, action: .swap(pool: 0, amountIn: trade.amountIn, baseIn: trade.baseIn)))
        let out = try? w.pool.swap(amountIn: trade.amountIn, baseIn: trade.baseIn)
        #expect(r.succeeded == (out != nil), "swap \(trade): \(r)")
    }

    static func compare(_ w: Pair, _ context: String) {
        let s = w.state
        #expect(close(s.amms[0].pool.reserveBase, w.pool.reserveBase), "pool base \(context)")
        #expect(close(s.amms[0].pool.reserveQuote, w.pool.reserveQuote), "pool quote \(context)")
        #expect(close(s.prices[eth], w.pool.price), "lending price \(context)")
        #expect(close(s.lending.reserves[1].accruedToTreasury, w.protocolFee), "protocol fee \(context)")
        for (b, p) in w.book.positions.enumerated() {
            #expect(close(s.lending.supplied(user: b, reserve: 1), p.collateral), "collateral of \(b) \(context)")
            #expect(close(s.lending.debt(user: b, reserve: 0), p.debt), "debt of \(b) \(context)")
        }
    }

    @Test(arguments: 0..<4)
    func liquidateLowestAgreesWithThePreMigrationLoop(shard: Int) throws {
        var liquidations = 0
        for k in 0..<100 {
            let seed = UInt64(shard * 100 + k)
            var rng = RandomStream(seed: seed, purpose: "liquidation-differential")
            var w = try Self.pair(&rng)
            Self.compare(w, "seed \(seed) at setup")
            for step in 0..<(1 + rng.integer(below: 8)) {
                Self.move(&w, factor: exp(rng.uniform(in: -0.4, 0.2)))
                let budget = rng.uniform() < 0.1 ? 0 : rng.uniform(in: 0, 0.6) * max(1, w.book.totalDebt)
                let gas = rng.uniform() < 0.5 ? 0 : rng.uniform(in: 0, 50)
                let minProfit = rng.uniform() < 0.5 ? 0 : rng.uniform(in: 0, 100)
                let r = w.state.apply(
                    Intent(
                        account: w.liquidator,
                        action: .liquidateLowest(
                            collateralToken: Self.eth, debtToken: Self.usd, budget: budget, sellPool: 0, gasCost: gas),
                        guards: IntentGuards(minProfit: minProfit)))
                let turn = w.book.liquidationTurn(pool: &w.pool, budget: budget, gasCost: gas, minProfit: minProfit)
                w.protocolFee += turn.protocolFee
                let context = "seed \(seed) step \(step)"
                if turn.repaid > 0 {
                    liquidations += 1
                    let fill = try #require(r.fill, "\(context): the oracle liquidated, the state reverted \(r)")
                    #expect(close(fill.amountIn, turn.repaid), "repaid \(fill.amountIn) vs \(turn.repaid) \(context)")
                    #expect(close(fill.amountOut, turn.proceeds), "proceeds \(context)")
                    #expect(close(fill.badDebt, turn.badDebt), "bad debt \(context)")
                } else {
                    #expect(r.error == .nothingToDo, "\(context): the oracle did nothing, the state \(r)")
                }
                Self.compare(w, context)
            }
        }
        #expect(liquidations > 50, "too few liquidating turns to compare: \(liquidations)")
    }
}
