@testable import ProtocolModel

/// A small world: tokens USD (0), ETH (1), USDC (2); five accounts; a lending pool (USD and ETH,
/// Aave v3 close factor, 10% liquidation protocol fee on ETH); an ETH/USD Uniswap pool; a USD/USDC
/// StableSwap pool. Account 0 and 4 are lenders, traders and liquidators; 1–3 are borrowers.
enum Fixture {
    static let usd = 0, eth = 1, usdc = 2
    static let ethLiquidation = LiquidationParameters(
        liquidationThreshold: 0.825, liquidationBonus: 0.05,
        closeFactor: .aaveV3, protocolFee: 0.1)

    static func state(ratePerTick: Double = 0.01, withdrawals: WithdrawalPolicy = .plain) throws -> ProtocolState {
        let rates = InterestRateModel.jumpRate(
            try JumpRateModel(
                baseRate: 0, multiplier: ratePerTick,
                jumpMultiplier: 10 * ratePerTick, kink: 0.8))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usd, ltv: 0.8, liquidation: LiquidationParameters(liquidationThreshold: 0.85),
                    reserveFactor: 0.1, rateModel: rates, withdrawals: withdrawals),
                ReserveConfig(
                    token: eth, ltv: 0.75, liquidation: ethLiquidation, reserveFactor: 0.1,
                    supplyCap: 1_000, borrowingEnabled: false, rateModel: rates),
            ], users: 5, closeFactor: .aaveV3)
        var s = try ProtocolState(
            tokens: [
                Token(symbol: "USD", kind: .numeraire), Token(symbol: "ETH", kind: .volatileCollateral),
                Token(symbol: "USDC", kind: .stablecoin),
            ],
            accounts: 5, lending: lending,
            oracles: [try PriceOracle(price: 1), try PriceOracle(price: 2_000), try PriceOracle(price: 1)])
        try s.mint(account: 0, token: usd, amount: 10_000_000)
        try s.mint(account: 0, token: eth, amount: 2_000)
        try s.mint(account: 0, token: usdc, amount: 1_000_000)
        for a in 1...3 { try s.mint(account: a, token: eth, amount: 20) }
        try s.mint(account: 4, token: usd, amount: 1_000_000)
        try s.mint(account: 4, token: eth, amount: 100)
        try s.createAMM(baseToken: eth, quoteToken: usd, reserveBase: 500, reserveQuote: 1_000_000, creator: 0)
        try s.createStablePool(tokens: [usd, usdc], balances: [500_000, 500_000], amplification: 100, creator: 0)
        try s.fundInsurance(account: 0, token: usd, amount: 50_000)
        return s
    }

    /// The fixture with an active loan book: 2,000,000 USD supplied by account 0; borrowers 1–3 each
    /// post 10 ETH and borrow 11,500 / 13,000 / 14,500 USD (HF 1.43, 1.27, 1.14 at 2,000).
    static func seeded(withdrawals: WithdrawalPolicy = .plain) throws -> ProtocolState {
        var s = try state(withdrawals: withdrawals)
        var receipts = [s.apply(Intent(account: 0, action: .supply(token: usd, amount: 2_000_000)))]
        for a in 1...3 {
            receipts.append(s.apply(Intent(account: a, action: .supply(token: eth, amount: 10))))
            receipts.append(
                s.apply(Intent(account: a, action: .borrow(token: usd, amount: 10_000 + 1_500 * Double(a)))))
        }
        if let failed = receipts.first(where: { !$0.succeeded }) {
            throw failed.error ?? .invalidAmount("seeding failed")
        }
        return s
    }
}
