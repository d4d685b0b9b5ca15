@testable import ProtocolModel

/// Small lending books for hand-worked tests: tokens USD (0) and ETH (1, oracle-priced), a USD reserve
/// (deposits and debt) and an ETH collateral reserve, no interest. Borrowers are accounts `0..<n`, the
/// depositors follow (one lender of Σ debt + `extraCash` unless `deposits` lists them), and the last
/// account is the liquidator (10⁹ USD), which also funds the insurance fund.
enum Books {
    static let usd = 0, eth = 1

    static func state(
        _ positions: [(collateral: Double, debt: Double)], price: Double = 2_000,
        closeFactor: CloseFactorPolicy = .aaveV3, parameters: LiquidationParameters = LiquidationParameters(),
        withdrawals: WithdrawalPolicy = .plain, extraCash: Double = 0, deposits: [Double]? = nil,
        insurance: Double = 0
    ) throws -> ProtocolState {
        let n = positions.count
        let deposits = deposits ?? [positions.reduce(0) { $0 + $1.debt } + extraCash]
        let accounts = n + deposits.count + 1
        let zero = InterestRateModel.jumpRate(try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usd, ltv: 0, liquidation: LiquidationParameters(liquidationThreshold: 1e-9),
                    reserveFactor: 0, rateModel: zero, withdrawals: withdrawals),
                ReserveConfig(
                    token: eth, ltv: parameters.liquidationThreshold, liquidation: parameters, reserveFactor: 0,
                    borrowingEnabled: false, rateModel: zero),
            ], users: accounts, closeFactor: closeFactor)
        var s = try ProtocolState(
            tokens: [Token(symbol: "USD", kind: .numeraire), Token(symbol: "ETH", kind: .volatileCollateral)],
            accounts: accounts, lending: lending, oracles: [try PriceOracle(price: 1), try PriceOracle(price: price)])
        for (k, d) in deposits.enumerated() where d > 0 {
            try s.mint(account: n + k, token: usd, amount: d)
            try s.deposit(account: n + k, token: usd, amount: d)
        }
        for (b, p) in positions.enumerated() {
            if p.collateral > 0 { try s.mint(account: b, token: eth, amount: p.collateral) }
            try s.openPosition(account: b, collateralToken: eth, collateral: p.collateral, debtToken: usd, debt: p.debt)
        }
        if insurance > 0 {
            try s.mint(account: accounts - 1, token: usd, amount: insurance)
            try s.fundInsurance(account: accounts - 1, token: usd, amount: insurance)
        }
        try s.mint(account: accounts - 1, token: usd, amount: 1e9)
        return s
    }

    /// The liquidator (the last account).
    static func liquidator(_ s: ProtocolState) -> Int { s.accountCount - 1 }

    /// Prices by token: USD 1, ETH `eth`.
    static func prices(_ eth: Double) -> [Double] { [1, eth] }
}

extension Books {
    /// Adds an ETH/USD pool of `base` ETH at `price`, created by the liquidator (who owns every share),
    /// and prices ETH from it.
    static func addPool(_ s: inout ProtocolState, base: Double, price: Double = 2_000, feeBps: Double = 30) throws {
        let owner = liquidator(s)
        try s.mint(account: owner, token: eth, amount: base)
        try s.mint(account: owner, token: usd, amount: base * price)
        let k = try s.createAMM(
            baseToken: eth, quoteToken: usd, reserveBase: base, reserveQuote: base * price, feeBps: feeBps,
            creator: owner)
        s.priceSources[eth] = .pool(k)
    }
}
