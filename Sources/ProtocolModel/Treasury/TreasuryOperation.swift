/// What the treasury's account can do to the treasury's books (``ProtocolState/treasury``), as the
/// payload of ``IntentAction/treasury(_:)``. Every amount is in the treasury's cash token.
public enum TreasuryOperation: Sendable, Equatable {
    /// Invest `amount` of the account's cash in instrument `instrument` of ``Treasury/menu``.
    case invest(instrument: Int, amount: Double)
    /// Collect every matured instrument, then redeem unlocked ones (smallest early-exit penalty first)
    /// until at least `amount` has been raised.
    case redeem(amount: Double)
    /// Give `amount` of the account's cash to the first market's reserve of the cash token, with no supply
    /// claim: it becomes the protocol's own (``ReserveState/accruedToTreasury``). The reserve's cash grows
    /// and its deposits do not, so θ = A/L − 1 rises (a supply adds the same amount to both sides). Queued
    /// withdrawals are paid from it.
    case grant(amount: Double)
    /// Buy `quantity` units of a European option (negative: write) at `premium` per unit, paid to
    /// (or received from) a counterparty outside the model.
    case tradeOption(kind: OptionKind, strike: Double, expiryTick: Int, quantity: Double, premium: Double)
    /// Cash-settle every option expired by now at the external market's price of the underlying.
    case settleOptions
    /// Trade the delta hedge: sell `amountIn` of the underlying (`baseIn`) or spend `amountIn` of cash on it,
    /// in the treasury's Uniswap v2 pool.
    case hedge(amountIn: Double, baseIn: Bool)
}
