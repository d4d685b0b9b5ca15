import ProtocolModel
import Testing

/// Two collaterals, one debt: the basket's health factor and the liquidation a profit-seeking liquidator
/// picks, against numbers derived by hand from Aave's formulas.
@Suite("Multi-collateral liquidation")
struct MultiCollateralLiquidationTests {
    static let usd = 0, eth = 1, wbtc = 2

    /// USD, ETH (LT 0.80, bonus 5%), WBTC (LT 0.70, bonus 10%), a fixed 50% close factor. Account 1 holds
    /// 1 ETH and 0.1 WBTC against 5,000 USD of debt; account 0 lends and liquidates; account 2 seeds
    /// an ETH/USD pool (1,000 ETH at 1,500) and a WBTC/USD pool (100 WBTC at 50,000).
    static func state() throws -> ProtocolState {
        let noInterest = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usd, ltv: 0, liquidation: LiquidationParameters(liquidationThreshold: 1e-9),
                    rateModel: noInterest),
                ReserveConfig(
                    token: eth, ltv: 0.75, liquidation: LiquidationParameters(liquidationThreshold: 0.8),
                    borrowingEnabled: false, rateModel: noInterest),
                ReserveConfig(
                    token: wbtc, ltv: 0.65,
                    liquidation: LiquidationParameters(liquidationThreshold: 0.7, liquidationBonus: 0.1),
                    borrowingEnabled: false, rateModel: noInterest),
            ], users: 3, closeFactor: .fixed(0.5))
        var s = try ProtocolState(
            tokens: [
                Token(symbol: "USD", kind: .numeraire), Token(symbol: "ETH", kind: .volatileCollateral),
                Token(symbol: "WBTC", kind: .bridged, bridge: "BitGo"),
            ],
            accounts: 3, lending: lending,
            oracles: [try PriceOracle(price: 1), try PriceOracle(price: 2_000), try PriceOracle(price: 50_000)])
        try s.mint(account: 0, token: usd, amount: 1_000_000)
        try s.deposit(account: 0, token: usd, amount: 500_000)
        try s.mint(account: 1, token: eth, amount: 1)
        try s.mint(account: 1, token: wbtc, amount: 0.1)
        try s.openPosition(account: 1, collateralToken: eth, collateral: 1, debtToken: usd, debt: 5_000)
        try s.deposit(account: 1, token: wbtc, amount: 0.1)
        try s.mint(account: 2, token: eth, amount: 1_000)
        try s.mint(account: 2, token: wbtc, amount: 100)
        try s.mint(account: 2, token: usd, amount: 6_500_000)
        try s.createAMM(baseToken: eth, quoteToken: usd, reserveBase: 1_000, reserveQuote: 1_500_000, creator: 2)
        try s.createAMM(baseToken: wbtc, quoteToken: usd, reserveBase: 100, reserveQuote: 5_000_000, creator: 2)
        return s
    }

    static let both = TokenSet([eth, wbtc])

    @Test func theBasketHealthFactorIsAaves() throws {
        var s = try Self.state()
        // (1·2,000·0.80 + 0.1·50,000·0.70) / 5,000 = (1,600 + 3,500) / 5,000
        #expect(abs(s.lending.healthFactor(user: 1, prices: s.prices) - 1.02) < 1e-12)
        s.oracles[Self.eth] = try PriceOracle(price: 1_500)
        // (1,200 + 3,500) / 5,000
        #expect(abs(s.lending.healthFactor(user: 1, prices: s.prices) - 0.94) < 1e-12)
    }

    @Test func theLiquidatorTakesTheCollateralThatPaysMostAfterSlippage() throws {
        var s = try Self.state()
        s.oracles[Self.eth] = try PriceOracle(price: 1_500)
        // ETH: the close factor allows 2,500; 2,500·1.05/1,500 = 1.75 ETH > 1 held, so 1 ETH is seized for
        // 1,500/1.05 = 1,428.57 repaid, sold for 1·0.997·1.5 M/(1,000 + 0.997) = 1,494.0: profit 65.5.
        // WBTC: 2,500·1.10/50,000 = 0.055 WBTC for 2,500, sold for 0.055·0.997·5 M/(100 + 0.055·0.997)
        // = 2,740.2: profit 240.2. The liquidator takes WBTC.
        let ethOut = 0.997 * 1_500_000 / (1_000 + 0.997)
        let wbtcOut = 0.055 * 0.997 * 5_000_000 / (100 + 0.055 * 0.997)
        #expect(ethOut - 1_500 / 1.05 < wbtcOut - 2_500)
        let r = s.apply(
            Intent(
                account: 0, action: .liquidateBest(collaterals: Self.both, debtToken: Self.usd, budget: 1e6, gasCost: 0)
            ))
        let fill = try #require(r.fill)
        #expect(abs(fill.amountIn - 2_500) < 1e-9)
        #expect(abs(fill.amountOut - wbtcOut) < 1e-6)
        #expect(abs(s.lending.supplied(user: 1, reserve: 2) - 0.045) < 1e-12)
        #expect(s.lending.supplied(user: 1, reserve: 1) == 1)
        #expect(abs(s.lending.debt(user: 1, reserve: 0) - 2_500) < 1e-9)
        // (1·1,500·0.80 + 0.045·50,000·0.70) / 2,500 = (1,200 + 1,575) / 2,500: healthy, so it stops.
        #expect(abs(s.lending.healthFactor(user: 1, prices: s.prices) - 1.11) < 1e-12)
        #expect(abs(s.collateralLedger.liquidated(Self.wbtc) - 0.055 * 50_000) < 1e-9)
        #expect(s.collateralLedger.liquidated(Self.eth) == 0)
        #expect(s.collateralLedger.badDebt(Self.wbtc) == 0)
    }

    @Test func oneVenueIsTheSingleCollateralLiquidation() throws {
        var a = try Self.state()
        a.oracles[Self.eth] = try PriceOracle(price: 1_500)
        var b = a
        let lowest = a.apply(
            Intent(
                account: 0,
                action: .liquidateLowest(
                    collateralToken: Self.eth, debtToken: Self.usd, budget: 1e6, sellPool: 0, gasCost: 0)
            ))
        let best = b.apply(
            Intent(
                account: 0,
                action: .liquidateBest(collaterals: TokenSet([Self.eth]), debtToken: Self.usd, budget: 1e6, gasCost: 0))
        )
        #expect(lowest.result == best.result)
        #expect(a == b)
        #expect(a.collateralLedger == b.collateralLedger)
    }
}
