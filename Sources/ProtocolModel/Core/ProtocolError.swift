/// Why an intent or an operation on the protocol reverted.
///
/// Every revert leaves the state it was applied to untouched, so a caller can retry, skip or report.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pool or reserve does not hold enough of the token to pay out.
    case insufficientLiquidity
    /// The account does not hold enough of the token it wants to spend.
    case insufficientBalance(account: Int, token: Int, needed: Double, available: Double)
    /// The output of a trade fell below the intent's minimum.
    case slippage(minOut: Double, got: Double)
    /// The execution price moved further from the quoted price than the intent allows.
    case maxSlippageExceeded(limit: Double, actual: Double)
    /// The trade's profit fell below the intent's minimum.
    case profitBelowMinimum(minProfit: Double, got: Double)
    /// The pool holds no liquidity, so no swap or pro-rata operation is possible.
    case emptyPool
    /// An amount or parameter is outside its valid range; the text names it and the expected range.
    case invalidAmount(String)
    /// The position is healthy (HF ≥ 1) and cannot be liquidated.
    case notLiquidatable(hf: Double)
    /// The intent arrived after its deadline tick.
    case deadlinePassed
    /// The action would leave the account's health factor below 1 (or exceed its LTV).
    case healthFactorTooLow(hf: Double)
    /// A supply or borrow cap of the reserve would be exceeded.
    case capExceeded(asset: Int, cap: Double)
    /// The account, asset, pool or position index does not exist.
    case unknownIndex(String)
    /// Funds are locked until the given tick.
    case locked(untilTick: Int)
    /// The account has no debt of that asset to repay or liquidate.
    case noDebt
    /// The reserve's per-tick withdrawal gate has no allowance left this tick.
    case gateClosed
    /// A policy intent found nothing worth doing at its turn (price inside the band, nothing liquidatable
    /// at a profit).
    case nothingToDo

    public var description: String {
        switch self {
        case .insufficientLiquidity: "insufficient liquidity"
        case let .insufficientBalance(a, t, n, v): "account \(a) holds \(v) of token \(t), needs \(n)"
        case let .slippage(minOut, got): "output \(got) below minimum \(minOut)"
        case let .maxSlippageExceeded(limit, actual): "slippage \(actual) above limit \(limit)"
        case let .profitBelowMinimum(minProfit, got): "profit \(got) below minimum \(minProfit)"
        case .emptyPool: "pool is empty"
        case let .invalidAmount(text): "invalid amount: \(text)"
        case let .notLiquidatable(hf): "position not liquidatable (HF \(hf))"
        case .deadlinePassed: "deadline passed"
        case let .healthFactorTooLow(hf): "health factor would fall to \(hf)"
        case let .capExceeded(asset, cap): "cap \(cap) of asset \(asset) exceeded"
        case let .unknownIndex(text): "unknown index: \(text)"
        case let .locked(tick): "locked until tick \(tick)"
        case .noDebt: "no debt to repay"
        case .gateClosed: "withdrawal gate closed for this tick"
        case .nothingToDo: "nothing to do"
        }
    }
}

/// Throws ``ProtocolError/invalidAmount(_:)`` unless `value` is finite and ≥ 0 (or > 0 when `positive`).
@inline(__always)
func _requireAmount(_ name: String, _ value: Double, positive: Bool = true) throws(ProtocolError) {
    guard value.isFinite, positive ? value > 0 : value >= 0 else {
        throw .invalidAmount("\(name) = \(value), expected a finite number \(positive ? "> 0" : "≥ 0")")
    }
}
