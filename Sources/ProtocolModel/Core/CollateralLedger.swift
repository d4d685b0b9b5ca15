/// What liquidations did to each collateral token, cumulative: the value seized and the bad debt
/// attributed to it. Indexed by token; a token never touched reads 0.
///
/// Bad debt written off when a position runs out of collateral is attributed to the collateral whose
/// seizure (or sale) exhausted it.
public struct CollateralLedger: Sendable, Equatable {
    /// Collateral seized by liquidators, valued at the lending price of the moment (numeraire).
    public private(set) var liquidatedValue: [Double] = []
    /// Debt written off, valued as ``ProtocolState/badDebtValue`` is, per collateral token.
    public private(set) var badDebt: [Double] = []

    /// An empty ledger.
    public init() {}

    /// The value seized of `token` so far.
    public func liquidated(_ token: Int) -> Double {
        liquidatedValue.indices.contains(token) ? liquidatedValue[token] : 0
    }

    /// The bad debt attributed to `token` so far.
    public func badDebt(_ token: Int) -> Double { badDebt.indices.contains(token) ? badDebt[token] : 0 }

    /// Adds a seizure of `value` and a write-off of `badDebt` to `token`.
    mutating func record(token: Int, value: Double, badDebt bad: Double) {
        guard token >= 0 else { return }
        if token >= liquidatedValue.count {
            liquidatedValue += [Double](repeating: 0, count: token + 1 - liquidatedValue.count)
            badDebt += [Double](repeating: 0, count: token + 1 - badDebt.count)
        }
        liquidatedValue[token] += value
        badDebt[token] += bad
    }
}
