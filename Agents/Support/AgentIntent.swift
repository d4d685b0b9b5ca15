/// A transaction an agent submits. It is applied at its turn in the phase's order,
/// against the live state at that moment, and may revert.
///
/// Policy intents (`arbitrage`, `liquidate`) describe a rule rather than fixed amounts:
/// this is how sequential agents, such as the reference model's liquidators, fit the
/// propose-then-apply loop.
public enum AgentIntent: Sendable, Equatable {
    /// Withdraw `amount` USD of deposits: paid at par from the reserve, the rest queued.
    case withdraw(amount: Double)
    /// Trade the AMM back to the edge of the no-trade band [γ·p, p/γ], with the exact
    /// fee-inclusive Uniswap v2 trade, capped by inventory, if the profit net of gas is at least `minProfit`.
    case arbitrage(gamma: Double, maxBaseIn: Double, maxQuoteIn: Double, gasCost: Double, minProfit: Double)
    /// Burn `shares` LP shares.
    case removeLiquidity(shares: Double)
    /// Deposit `valueUSD` into the AMM, half in USD and half in the collateral at the pool price.
    case addLiquidity(valueUSD: Double)
    /// Repeatedly liquidate the lowest-HF position with a repayment budget, selling the
    /// seized collateral into the AMM. A position whose quoted sale proceeds (less gas)
    /// do not exceed the repayment by `minProfit` is skipped for the rest of the turn.
    case liquidate(budget: Double, gasCost: Double, minProfit: Double)
    /// A borrower adds collateral to its position `position`.
    case topUp(position: Int32, collateral: Double)
    /// A borrower repays `amount` USD of debt on `position`.
    case repay(position: Int32, amount: Double)
    /// A borrower sells `collateral` of its position into the AMM and repays debt with the proceeds.
    case deleverage(position: Int32, collateral: Double)

    /// The intent's size in USD at `price`, used by the adversarial ordering.
    public func sizeUSD(price: Double) -> Double {
        switch self {
        case let .withdraw(amount): return amount
        case let .arbitrage(_, maxBase, maxQuote, _, _): return max(maxBase * price, maxQuote)
        case let .removeLiquidity(shares): return shares
        case let .addLiquidity(value): return value
        case let .liquidate(budget, _, _): return budget
        case let .topUp(_, collateral): return collateral * price
        case let .repay(_, amount): return amount
        case let .deleverage(_, collateral): return collateral * price
        }
    }

    /// Whether an adversarial block builder front-runs this kind of transaction.
    public var isFrontRunTarget: Bool {
        switch self {
        case .withdraw, .liquidate: return true
        default: return false
        }
    }
}
