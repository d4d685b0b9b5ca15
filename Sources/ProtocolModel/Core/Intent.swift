/// Conditions under which an intent reverts at its turn, even if the action itself would succeed.
public struct IntentGuards: Sendable, Equatable {
    /// Minimum output (tokens received) of a swap, withdrawal, LP exit or liquidation.
    public var minOut: Double?
    /// Maximum slippage: `1 − executionPrice/spotPrice` of a swap (fee included), e.g. 0.01.
    public var maxSlippage: Double?
    /// Minimum profit in numeraire at oracle prices (value received − value paid).
    public var minProfit: Double?
    /// Last tick at which the intent may execute.
    public var deadline: Int?
    /// Creates guards; `nil` means "no guard".
    public init(minOut: Double? = nil, maxSlippage: Double? = nil, minProfit: Double? = nil, deadline: Int? = nil) {
        self.minOut = minOut
        self.maxSlippage = maxSlippage
        self.minProfit = minProfit
        self.deadline = deadline
    }
    /// No guard at all.
    public static let none = IntentGuards()
}

/// What an intent asks the protocol to do. Tokens and reserves are named by token index; pools by
/// their index in ``ProtocolState/amms`` or ``ProtocolState/stablePools``.
public enum IntentAction: Sendable, Equatable {
    /// Supply `amount` of `token` to the lending pool.
    case supply(token: Int, amount: Double)
    /// Withdraw up to `amount` of `token` from the lending pool.
    case withdraw(token: Int, amount: Double)
    /// Borrow `amount` of `token`.
    case borrow(token: Int, amount: Double)
    /// Repay up to `amount` of `token` debt.
    case repay(token: Int, amount: Double)
    /// Liquidate `borrower`, repaying up to `debtToCover` of `debtToken` for `collateralToken`.
    case liquidate(borrower: Int, collateralToken: Int, debtToken: Int, debtToCover: Double)
    /// Swap `amountIn` on Uniswap v2 pool `pool`.
    case swap(pool: Int, amountIn: Double, baseIn: Bool)
    /// Swap `dx` of coin `i` for coin `j` on StableSwap pool `pool`.
    case stableSwap(pool: Int, i: Int, j: Int, dx: Double)
    /// Add liquidity to Uniswap v2 pool `pool`.
    case addLiquidity(pool: Int, base: Double, quote: Double)
    /// Burn `shares` of Uniswap v2 pool `pool`.
    case removeLiquidity(pool: Int, shares: Double)
    /// Move `amount` of `token` to account `to`.
    case transfer(to: Int, token: Int, amount: Double)
    /// Redeem up to `amount` of the account's `token` supply as a deposit product: paid from cash at par,
    /// the rest queued, under the reserve's fee, gate and lock-up (``LendingPool/quoteRedemption(user:reserve:amount:tick:prices:)``).
    case redeem(token: Int, amount: Double)
    /// Policy: trade Uniswap v2 pool `pool` back to the edge of the no-trade band [γ·p, p/γ] around the
    /// external price, with the exact fee-inclusive trade, capped by `maxBaseIn`/`maxQuoteIn` and by the
    /// account's balance. `gasCost` (numeraire) is subtracted from the profit the guard checks.
    case arbitrage(pool: Int, gamma: Double, maxBaseIn: Double, maxQuoteIn: Double, gasCost: Double)
    /// Policy: repeatedly liquidate the debtor with the lowest health factor, repaying `debtToken` up to
    /// `budget` in all, taking `collateralToken` as underlying and selling it at once in pool `sellPool`.
    /// A position whose quoted sale, less `gasCost`, does not beat the repayment by the guard's
    /// `minProfit` is skipped for the rest of the intent.
    case liquidateLowest(collateralToken: Int, debtToken: Int, budget: Double, sellPool: Int, gasCost: Double)
    /// Policy: like ``liquidateLowest(collateralToken:debtToken:budget:sellPool:gasCost:)`` over several
    /// collaterals. For each debtor, lowest health factor first, it quotes the liquidation of every
    /// collateral in `collaterals` the debtor holds and the sale of the seized amount in the first Uniswap v2
    /// pool trading that collateral (as base) for `debtToken` (as quote), and takes the collateral with the
    /// largest profit after slippage and `gasCost`.
    case liquidateBest(collaterals: TokenSet, debtToken: Int, budget: Double, gasCost: Double)
    /// Policy: trade StableSwap pool `pool` towards the external prices: of the coin pairs, the one with the
    /// largest marginal gain, selling the amount at which the fee-inclusive marginal output equals the
    /// external price ratio (GSL Brent on the marginal condition), at most `maxValueIn` (numeraire at the
    /// external price) and the account's balance. `gasCost` is subtracted from the profit.
    case stableArbitrage(pool: Int, maxValueIn: Double, gasCost: Double)
    /// Sell up to `collateral` of the account's supplied `collateralToken` in pool `sellPool` and repay
    /// its `debtToken` debt with the proceeds, in one step (Aave's repay-with-collateral); what the debt
    /// does not need goes to the account.
    case repayWithCollateral(collateralToken: Int, debtToken: Int, collateral: Double, sellPool: Int)
    /// Policy: add liquidity worth `value` (numeraire) to Uniswap v2 pool `pool`, half in each token at the
    /// pool's price, buying whichever token the account lacks on the external market with the other; at
    /// most what the account's holdings are worth.
    case provideLiquidity(pool: Int, value: Double)
    /// The treasury's account acts on the treasury's books (instruments, options, hedge).
    case treasury(TreasuryOperation)
    /// A governance account changes a reserve's configuration in the intent's market.
    case govern(GovernanceOperation)
    /// The incentive programme's account pays, mints, sells or buys the native token (``IncentiveLedger``).
    case incentive(IncentiveOperation)
    /// Deposit into, withdraw from, or liquidate with the stability pool (``StabilityPool``).
    case stabilityPool(StabilityPoolOperation)
    /// Lock the account's whole USD supply in the first market for `ticks` ticks (1 … ``LockBook/maxTicks``),
    /// earning a lock-up boost (``LockBook``). Moves no tokens.
    case lock(ticks: Int)
}

/// A set of token indices 0–63 in one word, so that an intent naming several tokens stays a trivially
/// copyable value (intents are copied, shuffled and sorted in bulk every tick).
public struct TokenSet: Sendable, Equatable, Hashable {
    /// Bit `t` is set when token `t` is in the set.
    public var bits: UInt64
    /// The set of `tokens`; indices outside 0–63 are left out.
    public init(_ tokens: [Int] = []) {
        bits = 0
        for t in tokens { insert(t) }
    }
    /// Adds `token`; returns false when it is outside 0–63 and cannot be held.
    @discardableResult
    public mutating func insert(_ token: Int) -> Bool {
        guard token >= 0, token < 64 else { return false }
        bits |= 1 << UInt64(token)
        return true
    }
    /// Whether `token` is in the set.
    public func contains(_ token: Int) -> Bool { token >= 0 && token < 64 && bits & (1 << UInt64(token)) != 0 }
    /// The number of tokens in the set.
    public var count: Int { bits.nonzeroBitCount }
}

/// A transaction: who acts, what it does, in which lending market, and the guards it carries.
public struct Intent: Sendable, Equatable {
    /// Acting account.
    public var account: Int
    /// The action.
    public var action: IntentAction
    /// Revert conditions.
    public var guards: IntentGuards
    /// The lending market (index into ``ProtocolState/markets``) that the action's supply, withdrawal,
    /// redemption, borrowing, repayment and liquidation concern. Pool trades ignore it.
    public var market: Int
    /// Creates an intent.
    public init(account: Int, action: IntentAction, guards: IntentGuards = .none, market: Int = 0) {
        self.account = account
        self.action = action
        self.guards = guards
        self.market = market
    }
}

/// What a filled intent moved: the token and amount paid in, the token and amount received, and the
/// profit at oracle prices.
public struct Fill: Sendable, Equatable {
    /// Token paid (nil when nothing was paid, e.g. a borrow).
    public var tokenIn: Int?
    /// Amount paid.
    public var amountIn: Double
    /// Token received (nil when nothing was received, e.g. a supply).
    public var tokenOut: Int?
    /// Amount received (for LP exits, the quote side; see ``secondaryOut``).
    public var amountOut: Double
    /// Second output (base side of an LP exit), or LP shares minted.
    public var secondaryOut: Double
    /// Value received − value paid at oracle prices.
    public var profit: Double
    /// Bad debt written off by a liquidation.
    public var badDebt: Double
    /// A redemption's part placed in the withdrawal queue.
    public var queued: Double = 0
    /// A redemption's fee.
    public var fee: Double = 0
    /// Creates a fill.
    public init(
        tokenIn: Int? = nil, amountIn: Double = 0, tokenOut: Int? = nil, amountOut: Double = 0,
        secondaryOut: Double = 0, profit: Double = 0, badDebt: Double = 0
    ) {
        self.tokenIn = tokenIn
        self.amountIn = amountIn
        self.tokenOut = tokenOut
        self.amountOut = amountOut
        self.secondaryOut = secondaryOut
        self.profit = profit
        self.badDebt = badDebt
    }
}

/// The result of applying an intent: filled with what moved, or reverted with a typed reason.
public struct Receipt: Sendable, Equatable {
    /// The intent applied.
    public var intent: Intent
    /// The tick at which it was applied.
    public var tick: Int
    /// Filled or reverted.
    public var result: Result<Fill, ProtocolError>
    /// True when filled.
    public var succeeded: Bool { if case .success = result { true } else { false } }
    /// The revert reason, if any.
    public var error: ProtocolError? { if case let .failure(e) = result { e } else { nil } }
    /// The fill, if any.
    public var fill: Fill? { if case let .success(f) = result { f } else { nil } }
}
