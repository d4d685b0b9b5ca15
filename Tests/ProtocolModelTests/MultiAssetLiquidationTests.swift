import Testing

@testable import ProtocolModel

/// A basket: 10 ETH and 0.5 WBTC supplied against 30,000 USDC of debt, worked by hand from Aave v3.
///
/// `GenericLogic.calculateUserAccountData`: HF = Σᵢ collateralᵢ·priceᵢ·LTᵢ / Σ debt·price.
/// `LiquidationLogic.executeLiquidationCall`: close factor 50% while HF > 0.95, 100% at or below;
/// `_calculateAvailableCollateralToLiquidate`: collateral = debt·P_debt·(1 + bonus)/P_coll, and when that
/// exceeds the balance, all of it with debt = balance·P_coll/(P_debt·(1 + bonus)); protocol fee =
/// fee·(collateral − collateral/(1 + bonus)), the bonus part only.
///
/// Reserves: USDC (LT 0.78), ETH (LT 0.83, bonus 5%, fee 10%), WBTC (LT 0.78, bonus 6.5%, fee 10%).
/// At ETH 2,000 / WBTC 40,000: HF = (10·2,000·0.83 + 0.5·40,000·0.78)/30,000 = (16,600 + 15,600)/30,000
/// = 1.073333.
struct MultiAssetLiquidationTests {
    static let usdc = 0, eth = 1, wbtc = 2
    static let borrower = 0, liquidator = 2

    static func state() throws -> ProtocolState {
        let rates = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usdc, ltv: 0.75, liquidation: LiquidationParameters(liquidationThreshold: 0.78),
                    rateModel: rates),
                ReserveConfig(
                    token: eth, ltv: 0.80,
                    liquidation: LiquidationParameters(
                        liquidationThreshold: 0.83, liquidationBonus: 0.05, protocolFee: 0.1),
                    rateModel: rates),
                ReserveConfig(
                    token: wbtc, ltv: 0.73,
                    liquidation: LiquidationParameters(
                        liquidationThreshold: 0.78, liquidationBonus: 0.065, protocolFee: 0.1),
                    rateModel: rates),
            ], users: 3, closeFactor: .aaveV3)
        var s = try ProtocolState(
            tokens: [
                Token(symbol: "USDC", kind: .stablecoin), Token(symbol: "ETH", kind: .volatileCollateral),
                Token(symbol: "WBTC", kind: .volatileCollateral),
            ],
            accounts: 3, lending: lending,
            oracles: [try PriceOracle(price: 1), try PriceOracle(price: 2_000), try PriceOracle(price: 40_000)])
        try s.mint(account: 1, token: usdc, amount: 100_000)
        try s.deposit(account: 1, token: usdc, amount: 100_000)
        try s.mint(account: borrower, token: eth, amount: 10)
        try s.mint(account: borrower, token: wbtc, amount: 0.5)
        try s.openPosition(account: borrower, collateralToken: eth, collateral: 10, debtToken: usdc, debt: 30_000)
        try s.deposit(account: borrower, token: wbtc, amount: 0.5)
        try s.mint(account: liquidator, token: usdc, amount: 1_000_000)
        return s
    }

    static func move(_ s: inout ProtocolState, eth ethPrice: Double, wbtc wbtcPrice: Double) {
        s.oracles[eth].manipulate(to: ethPrice, tick: 0)
        s.oracles[wbtc].manipulate(to: wbtcPrice, tick: 0)
    }

    static func liquidate(_ s: inout ProtocolState, collateral: Int, cover: Double) -> Receipt {
        s.apply(
            Intent(
                account: liquidator,
                action: .liquidate(borrower: borrower, collateralToken: collateral, debtToken: usdc, debtToCover: cover)
            ))
    }

    func hf(_ s: ProtocolState) -> Double { s.lending.healthFactor(user: Self.borrower, prices: s.prices) }

    @Test func healthFactorOfTheBasket() throws {
        var s = try Self.state()
        #expect(close(hf(s), 32_200.0 / 30_000))
        let data = s.lending.accountData(user: Self.borrower, prices: s.prices)
        // LTV-weighted: 10·2,000·0.80 + 0.5·40,000·0.73 = 16,000 + 14,600 = 30,600.
        #expect(close(data.thresholdCollateral, 32_200) && close(data.ltvCollateral, 30_600) && data.debt == 30_000)
        // ETH 1,800 / WBTC 38,000: (14,940 + 14,820)/30,000 = 0.992.
        Self.move(&s, eth: 1_800, wbtc: 38_000)
        #expect(close(hf(s), 0.992))
    }

    @Test func closeFactorHalfAboveHF095() throws {
        var s = try Self.state()
        Self.move(&s, eth: 1_800, wbtc: 38_000)
        // HF 0.992 > 0.95 → 50%: debt = min(20,000, 0.5·30,000) = 15,000;
        // collateral = 15,000·1/1,800·1.05 = 8.75 ETH (≤ 10); bonus part 8.75 − 8.75/1.05 = 0.416667;
        // fee 10% of it = 0.0416667 ETH; liquidator 8.7083333 ETH; profit 8.7083333·1,800 − 15,000 = 675.
        let fill = try #require(Self.liquidate(&s, collateral: Self.eth, cover: 20_000).fill)
        #expect(close(fill.amountIn, 15_000) && close(fill.amountOut, 8.75 - 0.025 / 0.6))
        #expect(close(fill.profit, 675))
        #expect(close(s.lending.reserves[1].accruedToTreasury, 0.025 / 0.6))
        #expect(close(s.lending.supplied(user: Self.liquidator, reserve: 1), 8.75 - 0.025 / 0.6))
        // Left: 1.25 ETH, 0.5 WBTC, 15,000 USDC: HF = (1.25·1,800·0.83 + 14,820)/15,000 = 16,687.5/15,000 = 1.1125.
        #expect(close(s.lending.supplied(user: Self.borrower, reserve: 1), 1.25))
        #expect(close(s.lending.debt(user: Self.borrower, reserve: 0), 15_000) && close(hf(s), 1.1125))
        #expect(Self.liquidate(&s, collateral: Self.eth, cover: 1).error == .notLiquidatable(hf: hf(s)))
    }

    @Test func fullCloseFactorAtOrBelowHF095AndACollateralThatRunsOut() throws {
        var s = try Self.state()
        Self.move(&s, eth: 1_500, wbtc: 36_000)
        // HF = (10·1,500·0.83 + 0.5·36,000·0.78)/30,000 = (12,450 + 14,040)/30,000 = 0.883 ≤ 0.95 → 100%.
        #expect(close(hf(s), 0.883))
        // WBTC first: 30,000/36,000·1.065 = 0.8875 WBTC > 0.5 held → all 0.5 seized, debt =
        // 0.5·36,000/1.065 = 16,901.408; fee = 0.1·(0.5 − 0.5/1.065) = 0.0030516 WBTC.
        let fill = try #require(Self.liquidate(&s, collateral: Self.wbtc, cover: 30_000).fill)
        let repaid = 18_000 / 1.065
        let fee = 0.1 * (0.5 - 0.5 / 1.065)
        #expect(close(fill.amountIn, repaid) && close(fill.amountOut, 0.5 - fee))
        #expect(close(s.lending.reserves[2].accruedToTreasury, fee))
        // The ETH is still there, so nothing is written off: debt 13,098.59, HF = 12,450/13,098.59 = 0.95048.
        #expect(fill.badDebt == 0 && s.lending.supplied(user: Self.borrower, reserve: 2) == 0)
        let debt = 30_000 - repaid
        #expect(close(s.lending.debt(user: Self.borrower, reserve: 0), debt) && close(hf(s), 12_450 / debt))
        // Now HF 0.9505 > 0.95 → 50% again: 6,549.30 repaid for 6,549.30·1.05/1,500 = 4.5845 ETH; left
        // 5.4155 ETH against 6,549.30: HF = 5.4155·1,500·0.83/6,549.30 = 1.02947.
        let second = try #require(Self.liquidate(&s, collateral: Self.eth, cover: 1e9).fill)
        #expect(close(second.amountIn, debt / 2))
        let left = 10 - debt / 2 * 1.05 / 1_500
        #expect(close(s.lending.supplied(user: Self.borrower, reserve: 1), left))
        #expect(close(hf(s), left * 1_500 * 0.83 / (debt / 2)) && close(hf(s), 1.029468, 1e-6))
    }
}
