extension ProtocolState {
    /// Setup only: installs an incentive programme's books. Its account must exist and its pool must trade
    /// its token against the numeraire (token 0) as base.
    public mutating func install(incentives ledger: IncentiveLedger) throws(ProtocolError) {
        if let a = ledger.account, a < 0 || a >= accountCount { throw .unknownIndex("account \(a)") }
        let (base, quote) = try ammTokens(ledger.pool)
        guard base == ledger.token, quote == 0 else {
            throw .invalidAmount("pool \(ledger.pool) does not trade token \(ledger.token) against USD")
        }
        incentives = ledger
    }

    /// The native token's pool price (USD per token) now.
    public var nativePrice: Double { amms.indices.contains(incentives.pool) ? amms[incentives.pool].pool.price : 0 }

    /// Setup only: installs the lock-up boosts' book, sized for every account (its locks are of the first
    /// market's USD supply).
    public mutating func install(locks book: LockBook) throws(ProtocolError) {
        _ = try reserve(0, 0)
        guard book.maxTicks > 0 else { throw .invalidAmount("a lock book needs maxTicks > 0") }
        locks = LockBook(maxTicks: book.maxTicks, maxBoost: book.maxBoost, terms: book.terms, accounts: accountCount)
    }

    /// A withdrawal or redemption of USD from the first market while the account's lock runs reverts.
    func requireUnlocked(_ a: Int, _ token: Int, _ market: Int) throws(ProtocolError) {
        guard locks.isInstalled, market == 0, token == 0 else { return }
        let end = locks.lockedUntil(a)
        if tick < end { throw .locked(untilTick: end) }
    }

    mutating func applyIncentive(_ a: Int, _ op: IncentiveOperation, _ g: IntentGuards) throws(ProtocolError) -> Fill {
        guard incentives.account == a else { throw .unknownIndex("account \(a) runs no incentive programme") }
        let native = incentives.token
        let pool = incentives.pool
        switch op {
        case let .offer(stay, lp):
            try _requireAmount("stayBonus", stay, positive: false)
            try _requireAmount("lpBonus", lp, positive: false)
            incentives.offeredStayBonus = stay
            incentives.offeredLPBonus = lp
            return Fill()
        case let .offerLockEmission(value):
            try _requireAmount("value", value, positive: false)
            incentives.offeredLockEmission = value
            return Fill()
        case let .offerStabilityBonus(bonus):
            try _requireAmount("bonus", bonus, positive: false)
            incentives.offeredStabilityBonus = bonus
            return Fill()
        case let .pay(to, token, amount):
            guard to >= 0, to < accountCount else { throw .unknownIndex("account \(to)") }
            guard token == native || token == 0 else { throw .unknownIndex("token \(token) is neither USD nor native") }
            try requireBalance(a, token, amount)
            balances[a, token] -= amount
            balances[to, token] += amount
            if token == native {
                incentives.tokensPaid += amount
                incentives.tokensPaidValue += amount * nativePrice
            } else {
                incentives.usdPaid += amount
            }
            return Fill(tokenIn: token, amountIn: amount, tokenOut: token, amountOut: amount)
        case let .mintBackstop(target, maxTokens):
            return try mintBackstop(a, target: target, maxTokens: maxTokens, g)
        case let .buyBack(usd):
            let fill = try swap(a, pool, usd, false, g, prices)
            incentives.tokensBoughtBack += fill.amountOut
            incentives.buyBackSpend += usd
            return fill
        }
    }

    /// Locks `a`'s whole USD supply in the first market for `ticks` ticks at Frax's multiplier.
    mutating func lock(_ a: Int, ticks: Int) throws(ProtocolError) -> Fill {
        guard locks.isInstalled else { throw .invalidAmount("no lock-up boosts are offered") }
        guard ticks >= 1, ticks <= locks.maxTicks else {
            throw .invalidAmount("lock of \(ticks) ticks, expected 1 ... \(locks.maxTicks)")
        }
        try requireUnlocked(a, 0, 0)
        let r = try reserve(0, 0)
        let amount = markets[0].supplied(user: a, reserve: r)
        guard amount > 0 else { throw .invalidAmount("account \(a) has no USD supply to lock") }
        locks.open(a, amount: amount, tick: tick, ticks: ticks)
        return Fill(amountIn: amount)
    }

    /// Mints what the sale of `target` USD needs (the exact constant-product input, fee included), at most
    /// `maxTokens`, sells it, and covers the USD deficit of the first market with the proceeds.
    private mutating func mintBackstop(_ a: Int, target: Double, maxTokens: Double, _ g: IntentGuards)
        throws(ProtocolError) -> Fill
    {
        try _requireAmount("target", target)
        try _requireAmount("maxTokens", maxTokens)
        let native = incentives.token
        let p = amms[incentives.pool].pool
        guard !p.isEmpty else { throw .emptyPool }
        // Uniswap v2: out = y·γx/(X + γx), so raising `target` < y takes x = X·out / (γ(y − out)).
        let gamma = 1 - p.feeBps / 10_000
        let reachable = min(target, 0.999 * p.reserveQuote)
        let needed = p.reserveBase * reachable / (gamma * (p.reserveQuote - reachable))
        let minted = min(needed, maxTokens)
        guard minted > 0, minted.isFinite else { throw .invalidAmount("nothing to mint for target \(target)") }
        balances[a, native] += minted
        inflows[native] += minted
        let fill: Fill
        do {
            fill = try swap(a, incentives.pool, minted, true, g, prices)
        } catch {
            balances[a, native] -= minted
            inflows[native] -= minted
            throw error
        }
        incentives.tokensMinted += minted
        incentives.mintProceeds += fill.amountOut
        if let r = markets[0].reserveIndex(of: 0) {
            let cover = min(fill.amountOut, markets[0].reserves[r].deficit)
            if cover > 0 {
                balances[a, 0] -= cover
                markets[0].reserves[r].cash += cover
                markets[0].reserves[r].deficit -= cover
                incentives.deficitCovered += cover
                payQueues()
            }
        }
        return fill
    }
}
