extension ProtocolState {
    /// Creates a Uniswap v2 pool seeded from `creator`'s balances; returns its index.
    @discardableResult
    public mutating func createAMM(
        baseToken: Int, quoteToken: Int, reserveBase: Double, reserveQuote: Double,
        feeBps: Double = 30, creator: Int
    ) throws(ProtocolError) -> Int {
        let pool = try UniswapV2Pool(reserveBase: reserveBase, reserveQuote: reserveQuote, feeBps: feeBps)
        try debitAll(creator, [(baseToken, reserveBase), (quoteToken, reserveQuote)])
        var shares = AccountColumn(accounts: accountCount, zero: 0.0)
        shares[creator] = pool.totalShares
        amms.append(AMMMarket(pool: pool, baseToken: baseToken, quoteToken: quoteToken, shares: shares))
        return amms.count - 1
    }

    /// Creates a StableSwap pool seeded from `creator`'s balances; returns its index.
    @discardableResult
    public mutating func createStablePool(
        tokens coinTokens: [Int], balances coins: [Double], amplification: Double,
        feeFraction: Double = 0.0004, creator: Int
    ) throws(ProtocolError) -> Int {
        guard coinTokens.count == coins.count else { throw .invalidAmount("tokens and balances differ in length") }
        let pool = try StableSwapPool(balances: coins, amplification: amplification, feeFraction: feeFraction)
        try debitAll(creator, zip(coinTokens, coins).map { (token: $0, amount: $1) })
        stablePools.append(StableMarket(pool: pool, tokens: coinTokens))
        return stablePools.count - 1
    }

    /// Setup only: moves `shares` of pool `index` from `from` to `to` (splitting a pool's opening liquidity
    /// among its providers).
    public mutating func transferShares(pool index: Int, from: Int, to: Int, shares: Double) throws(ProtocolError) {
        guard amms.indices.contains(index) else { throw .unknownIndex("AMM pool \(index)") }
        guard from >= 0, from < accountCount, to >= 0, to < accountCount else { throw .unknownIndex("account") }
        try _requireAmount("shares", shares, positive: false)
        let held = amms[index].shares[from]
        guard shares <= held * (1 + 1e-12) else {
            throw .invalidAmount("shares = \(shares), account holds \(held)")
        }
        amms[index].shares[from] = max(0, held - shares)
        amms[index].shares[to] += shares
    }

    /// Debits every leg from `account`, or nothing: each leg is checked against what the legs before it
    /// leave, then all are written, as one debit after another would. Checking on a copy of the state
    /// instead would copy every account's balances (16 MB at a million depositors, at the run's peak).
    mutating func debitAll(_ account: Int, _ legs: [(token: Int, amount: Double)]) throws(ProtocolError) {
        for (k, leg) in legs.enumerated() {
            guard balances.contains(account: account, token: leg.token) else {
                throw .unknownIndex("account \(account), token \(leg.token)")
            }
            try _requireAmount("amount", leg.amount)
            var have = balances[account, leg.token]
            for earlier in legs[..<k] where earlier.token == leg.token { have -= earlier.amount }
            guard have >= leg.amount else {
                throw .insufficientBalance(account: account, token: leg.token, needed: leg.amount, available: have)
            }
        }
        for leg in legs { balances[account, leg.token] -= leg.amount }
    }
}
