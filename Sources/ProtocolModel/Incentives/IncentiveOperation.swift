/// What an incentive programme's account can do (``IncentiveLedger``), as the payload of
/// ``IntentAction/incentive(_:)``. Each operation records its flows in ``ProtocolState/incentives``.
public enum IncentiveOperation: Sendable, Equatable {
    /// Publish this tick's offers: a stay bonus (USD of value per USD of deposit per tick) and an LP bonus
    /// (added to LPs' volatility tolerance). Moves no tokens.
    case offer(stayBonus: Double, lpBonus: Double)
    /// Publish this tick's offer to stability providers (added to their loss tolerance). Moves no tokens.
    case offerStabilityBonus(Double)
    /// Publish this tick's reward stream to lock-up boosts (``LockBook``): the USD value the programme pays
    /// lockers this tick, shared in proportion to lock weight. Moves no tokens.
    case offerLockEmission(Double)
    /// Pay `amount` of `token` (the native token or USD) from the programme's account to account `to`.
    case pay(to: Int, token: Int, amount: Double)
    /// Mint native tokens and sell them in the native pool until `target` USD is raised (or `maxTokens` are
    /// sold), then cover the first market's USD deficit with the proceeds (Aave v3.3's deficit elimination);
    /// what the deficit does not need stays in the programme's account. The mint is an inflow of the token.
    case mintBackstop(target: Double, maxTokens: Double)
    /// Spend `usd` of the programme's USD on native tokens in the native pool.
    case buyBack(usd: Double)
}
