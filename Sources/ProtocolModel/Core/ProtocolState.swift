/// A Uniswap v2 pool inside the protocol state, with its token pair and every account's LP shares.
public struct AMMMarket: Sendable, Equatable {
    /// The pool.
    public var pool: UniswapV2Pool
    /// Base token index.
    public let baseToken: Int
    /// Quote token index.
    public let quoteToken: Int
    /// LP shares per account.
    public var shares: [Double]
}

/// A StableSwap pool inside the protocol state, with the token of each coin.
public struct StableMarket: Sendable, Equatable {
    /// The pool.
    public var pool: StableSwapPool
    /// Token index of each coin.
    public let tokens: [Int]
}

/// The whole protocol as one value: tokens, account balances, the lending pool, AMMs, StableSwap pools,
/// oracles, the treasury and the current tick.
///
/// ``apply(_:)->Receipt`` executes an ``Intent`` atomically and in place: it validates the whole effect
/// before its first write, so a reverted intent leaves the state identical and nothing is copied. Tokens only move between holders, so for every token
/// ``totalHoldings(of:)`` is unchanged by ``apply(_:)->Receipt`` and by ``advance(to:)`` (interest is a claim, not
/// a token). Only the setup calls ``mint(account:token:amount:)`` create tokens.
public struct ProtocolState: Sendable, Equatable {
    /// Tokens, by index.
    public let tokens: [Token]
    /// Account balances.
    public internal(set) var balances: Balances
    /// The lending pool.
    public internal(set) var lending: LendingPool
    /// Uniswap v2 pools.
    public internal(set) var amms: [AMMMarket] = []
    /// StableSwap pools.
    public internal(set) var stablePools: [StableMarket] = []
    /// One price feed per token (numeraire per token).
    public var oracles: [PriceOracle]
    /// The protocol treasury (a separate book: its USD is not in ``balances``).
    public var treasury: Treasury
    /// Current tick.
    public internal(set) var tick: Int = 0

    /// Creates a state with zero balances.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` when the oracle count does not match the tokens or
    ///   the lending pool's user count does not match `accounts`.
    public init(
        tokens: [Token], accounts: Int, lending: LendingPool, oracles: [PriceOracle],
        treasury: Treasury = Treasury(idleUSD: 0)
    ) throws(ProtocolError) {
        guard oracles.count == tokens.count else {
            throw .invalidAmount("oracles.count = \(oracles.count), expected tokens.count = \(tokens.count)")
        }
        guard lending.userCount == accounts else {
            throw .invalidAmount("lending.userCount = \(lending.userCount), expected accounts = \(accounts)")
        }
        for c in lending.configs where !tokens.indices.contains(c.token) {
            throw .unknownIndex("reserve token \(c.token)")
        }
        self.tokens = tokens
        self.balances = Balances(accounts: accounts, tokens: tokens.count)
        self.lending = lending
        self.oracles = oracles
        self.treasury = treasury
    }

    /// Number of accounts.
    public var accountCount: Int { balances.accountCount }

    /// Oracle prices by token.
    public var prices: [Double] { oracles.map(\.price) }

    /// Setup only: creates `amount` of `token` in `account` (the one operation that changes totals).
    public mutating func mint(account: Int, token: Int, amount: Double) throws(ProtocolError) {
        guard balances.contains(account: account, token: token) else {
            throw .unknownIndex("account \(account), token \(token)")
        }
        try _requireAmount("amount", amount)
        balances[account, token] += amount
    }

    /// Creates a Uniswap v2 pool seeded from `creator`'s balances; returns its index.
    @discardableResult
    public mutating func createAMM(
        baseToken: Int, quoteToken: Int, reserveBase: Double, reserveQuote: Double,
        feeBps: Double = 30, creator: Int
    ) throws(ProtocolError) -> Int {
        var next = self
        let pool = try UniswapV2Pool(reserveBase: reserveBase, reserveQuote: reserveQuote, feeBps: feeBps)
        try next.debit(creator, baseToken, reserveBase)
        try next.debit(creator, quoteToken, reserveQuote)
        var shares = [Double](repeating: 0, count: accountCount)
        shares[creator] = pool.totalShares
        next.amms.append(AMMMarket(pool: pool, baseToken: baseToken, quoteToken: quoteToken, shares: shares))
        self = next
        return amms.count - 1
    }

    /// Creates a StableSwap pool seeded from `creator`'s balances; returns its index.
    @discardableResult
    public mutating func createStablePool(
        tokens coinTokens: [Int], balances coins: [Double], amplification: Double,
        feeFraction: Double = 0.0004, creator: Int
    ) throws(ProtocolError) -> Int {
        guard coinTokens.count == coins.count else { throw .invalidAmount("tokens and balances differ in length") }
        var next = self
        let pool = try StableSwapPool(balances: coins, amplification: amplification, feeFraction: feeFraction)
        for (t, x) in zip(coinTokens, coins) { try next.debit(creator, t, x) }
        next.stablePools.append(StableMarket(pool: pool, tokens: coinTokens))
        self = next
        return stablePools.count - 1
    }

    /// Moves `amount` of `token` from `account` into a lending reserve's insurance fund.
    public mutating func fundInsurance(account: Int, token: Int, amount: Double) throws(ProtocolError) {
        guard let r = lending.reserveIndex(of: token) else { throw .unknownIndex("no reserve for token \(token)") }
        var next = self
        try next.debit(account, token, amount)
        try next.lending.fundInsurance(reserve: r, amount: amount)
        self = next
    }

    /// Advances the clock, accruing lending interest for the elapsed ticks.
    public mutating func advance(to newTick: Int) {
        guard newTick > tick else { return }
        lending.accrue(ticks: newTick - tick)
        tick = newTick
    }

    /// Every unit of `token` the model knows of: balances, lending cash and insurance funds, AMM reserves
    /// and StableSwap balances. Unchanged by ``apply(_:)->Receipt``.
    public func totalHoldings(of token: Int) -> Double {
        var sum = balances.total(of: token)
        for (r, c) in lending.configs.enumerated() where c.token == token {
            sum += lending.reserves[r].cash + lending.reserves[r].insuranceFund
        }
        for m in amms {
            if m.baseToken == token { sum += m.pool.reserveBase }
            if m.quoteToken == token { sum += m.pool.reserveQuote }
        }
        for s in stablePools {
            for (k, t) in s.tokens.enumerated() where t == token { sum += s.pool.balances[k] }
        }
        return sum
    }

    mutating func debit(_ account: Int, _ token: Int, _ amount: Double) throws(ProtocolError) {
        try requireBalance(account, token, amount)
        balances[account, token] -= amount
    }

    /// Checks, without changing anything, that `account` holds at least `amount` of `token`.
    func requireBalance(_ account: Int, _ token: Int, _ amount: Double) throws(ProtocolError) {
        guard balances.contains(account: account, token: token) else {
            throw .unknownIndex("account \(account), token \(token)")
        }
        try _requireAmount("amount", amount)
        let have = balances[account, token]
        guard have >= amount else {
            throw .insufficientBalance(account: account, token: token, needed: amount, available: have)
        }
    }

    mutating func credit(_ account: Int, _ token: Int, _ amount: Double) {
        balances[account, token] += max(0, amount)
    }
}
