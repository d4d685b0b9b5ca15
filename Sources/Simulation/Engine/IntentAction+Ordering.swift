import ProtocolModel

/// What the adversarial ordering needs to know about an action: whether a block builder front-runs it,
/// and how large it is.
extension IntentAction {
    /// The action's size in USD when the collateral is worth `price` (token 0 is the numeraire), used by
    /// the adversarial ordering.
    func sizeUSD(price: Double) -> Double {
        func value(_ token: Int, _ amount: Double) -> Double { token == 0 ? amount : amount * price }
        switch self {
        case let .supply(token, amount), let .withdraw(token, amount), let .borrow(token, amount),
            let .repay(token, amount), let .redeem(token, amount), let .transfer(_, token, amount):
            return value(token, amount)
        case let .liquidate(_, _, debtToken, debtToCover): return value(debtToken, debtToCover)
        case let .liquidateLowest(_, debtToken, budget, _, _), let .liquidateBest(_, debtToken, budget, _):
            return value(debtToken, budget)
        case let .stableArbitrage(_, maxValueIn, _): return maxValueIn
        case let .swap(_, amountIn, baseIn): return baseIn ? amountIn * price : amountIn
        case let .stableSwap(_, _, _, dx): return dx
        case let .addLiquidity(_, base, quote): return base * price + quote
        case let .removeLiquidity(_, shares): return shares
        case let .arbitrage(_, _, maxBase, maxQuote, _): return max(maxBase * price, maxQuote)
        case let .repayWithCollateral(_, _, collateral, _): return collateral * price
        case let .provideLiquidity(_, v): return v
        case .treasury, .govern, .incentive, .lock: return 0
        case let .stabilityPool(op):
            switch op {
            case let .deposit(usd): return usd
            case let .withdraw(shares): return shares
            case let .absorb(budget): return budget
            }
        }
    }

    /// Whether an adversarial block builder front-runs this kind of transaction: withdrawals and
    /// liquidations, where being first is worth money.
    var isFrontRunTarget: Bool {
        switch self {
        case .withdraw, .redeem, .liquidate, .liquidateLowest, .liquidateBest: return true
        default: return false
        }
    }
}
