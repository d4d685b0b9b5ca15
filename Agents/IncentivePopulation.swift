import ProtocolModel

/// The incentive programme's one actor: it proposes the tick's offer, payments, recipients' sales,
/// buy-back and backstop for the programme's account and its two (three) reward accounts.
public actor IncentivePopulation: Population {
    public nonisolated let kind = IncentiveProgramme.key
    public nonisolated let shard = 0
    public nonisolated let count = 1
    let config: IncentiveProgramme.Config
    /// The programme's account; the stayers' reward account is `account + 1`, the LPs' `account + 2`, the
    /// stability providers' `account + 3` (only with `sp_emission_usd` > 0), then the lockers' (only with
    /// `lock_emission_usd` > 0).
    let account: Int
    let native: NativeToken
    /// The last tick whose previous-tick outflow reached `stress_outflow`.
    var stressSeen: Int?

    init(config: IncentiveProgramme.Config, account: Int, native: NativeToken) {
        self.config = config
        self.account = account
        self.native = native
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        let c = config
        let state = s.state
        let usd = s.layout.usd
        let outflow = s.recentOutflowFraction
        if s.tick > 0, outflow >= c.stressOutflow { stressSeen = s.tick }
        let k = IncentiveProgramme.intensity(c, outflow: outflow, tick: s.tick, stressSeen: stressSeen)
        let ratio = state.incentives.priceRatio(state)
        let token = c.paidInToken ? native.token : usd
        // Amounts are fixed in the paying token at the opening price: a token payment's value moves with it.
        let unit = c.paidInToken ? 1 / native.openingPrice : 1
        let deposits = state.markets[0].reserves[s.layout.depositReserve].totalSupply
        let stayDue = k * c.stayBonus * deposits * unit
        let lpDue = k * c.lpEmissionUSD * unit
        let spDue = k * c.spEmissionUSD * unit
        // Lockers are paid only while a lock runs: with no weight there is no one to share the stream.
        let lockStream = k * c.lockEmissionUSD * unit
        let lockDue = state.locks.totalWeight > 0 ? lockStream : 0
        let have = state.balances[account, token]
        let due = stayDue + lpDue + spDue + lockDue
        let payable = due > 0 ? min(1, have / due) : 0
        let value = c.paidInToken ? ratio : 1
        var actions: [(Int, IntentAction)] = [
            (
                account,
                .incentive(
                    .offer(stayBonus: k * c.stayBonus * payable * value, lpBonus: k * c.lpBonus * payable * value))
            )
        ]
        if c.spEmissionUSD > 0 {
            actions.append((account, .incentive(.offerStabilityBonus(k * c.spBonus * payable * value))))
        }
        if c.lockEmissionUSD > 0 {
            // What a new lock would share: the stream at its value now, as far as the balance pays it, whether
            // or not a lock runs yet.
            let funded = lockDue > 0 ? payable : (lockStream > 0 ? min(1, have / (due + lockStream)) : 0)
            actions.append((account, .incentive(.offerLockEmission(k * c.lockEmissionUSD * funded * value))))
        }
        // The reward accounts and what each is owed this tick: stayers, LPs, and stability providers when paid.
        var pots = [(account + 1, stayDue), (account + 2, lpDue)]
        if c.spEmissionUSD > 0 { pots.append((account + 3, spDue)) }
        if c.lockEmissionUSD > 0 { pots.append((account + (c.spEmissionUSD > 0 ? 4 : 3), lockDue)) }
        for (pot, owed) in pots where owed * payable > 0 {
            actions.append((account, .incentive(.pay(to: pot, token: token, amount: owed * payable))))
        }
        for (pot, _) in pots {
            let tokens = state.balances[pot, native.token]
            if tokens > 0, c.recipientsSell > 0 {
                actions.append((pot, .swap(pool: native.pool, amountIn: c.recipientsSell * tokens, baseIn: true)))
            }
        }
        let spentOnPay = c.paidInToken ? 0 : due * payable
        let cash = state.balances[account, usd] - spentOnPay
        if c.buyBackUSD > 0, ratio < c.buyBackBelow, cash > 0 {
            actions.append((account, .incentive(.buyBack(usd: min(c.buyBackUSD, cash)))))
        }
        let deficit = state.markets[0].reserves[s.layout.depositReserve].deficit
        if c.mintBackstop, c.mintMaxTokens > 0, deficit > 0 {
            actions.append((account, .incentive(.mintBackstop(target: deficit, maxTokens: c.mintMaxTokens))))
        }
        return actions.map { (a, action) in
            Proposal(population: population, agent: 0, intent: Intent(account: a, action: action))
        }
    }
}
