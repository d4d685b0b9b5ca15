/// A Uniswap v2 pool inside the protocol state, with its token pair and every account's LP shares.
public struct AMMMarket: Sendable, Equatable {
    /// The pool.
    public var pool: UniswapV2Pool
    /// Base token index.
    public let baseToken: Int
    /// Quote token index.
    public let quoteToken: Int
    /// LP shares per account (an ``AccountColumn``: the depositors before the first LP take no memory).
    public var shares: AccountColumn<Double>
}

/// A StableSwap pool inside the protocol state, with the token of each coin.
public struct StableMarket: Sendable, Equatable {
    /// The pool.
    public var pool: StableSwapPool
    /// Token index of each coin.
    public let tokens: [Int]
}

/// The whole protocol as one value: tokens, account balances, one or more lending markets, AMMs,
/// StableSwap pools, oracles, the treasury and the current tick.
///
/// Every lending market reads the same prices (``prices``) and trades in the same pools: markets that
/// share a collateral also share the pool where its liquidations are sold, which is how a fire sale in
/// one market reaches the other. An ``Intent`` names its market (``Intent/market``).
///
/// ``apply(_:)->Receipt`` executes an ``Intent`` atomically and in place: it validates the whole effect
/// before its first write, so a reverted intent leaves the state identical and nothing is copied. Tokens only move between holders, so for every token
/// ``totalHoldings(of:)`` is unchanged by ``apply(_:)->Receipt`` and by ``advance(to:)`` (interest is a claim, not
/// a token). Only the setup calls ``mint(account:token:amount:)`` create tokens.
public struct ProtocolState: Sendable, Equatable {
    public static func == (l: ProtocolState, r: ProtocolState) -> Bool {
        l.tokens == r.tokens && l.balances == r.balances && l.markets == r.markets && l.amms == r.amms
            && l.stablePools == r.stablePools && l.oracles == r.oracles && l.priceSources == r.priceSources
            && l.prices == r.prices && l.marketPrices == r.marketPrices && l.inflows == r.inflows
            && l.outflows == r.outflows && l.badDebtByMarket == r.badDebtByMarket && l.treasury == r.treasury
            && l.fixedTerm == r.fixedTerm && l.escrow == r.escrow && l.governors == r.governors
            && l.incentives == r.incentives && l.stabilityPool == r.stabilityPool && l.locks == r.locks
            && l.tick == r.tick
    }

    /// Tokens, by index.
    public let tokens: [Token]
    /// Account balances.
    public internal(set) var balances: Balances
    /// The lending markets, each with its own reserves, claims, queues and debtors. Market 0 carries the
    /// fixed-term book.
    public internal(set) var markets: [LendingPool]
    /// The first lending market (``markets``[0]): the only one of a one-market world.
    public internal(set) var lending: LendingPool {
        _read { yield markets[0] }
        _modify { yield &markets[0] }
    }
    /// Uniswap v2 pools.
    public internal(set) var amms: [AMMMarket] = []
    /// StableSwap pools.
    public internal(set) var stablePools: [StableMarket] = []
    /// One price feed per token (numeraire per token). Tokens whose ``priceSources`` entry is
    /// ``PriceSource/pool(_:)`` ignore theirs.
    public var oracles: [PriceOracle] { didSet { refreshPrices() } }
    /// Where the lending market reads each token's price: its oracle, or a pool's spot price.
    public var priceSources: [PriceSource] { didSet { refreshPrices() } }
    /// The lending market's price of each token (numeraire per token), kept current after every
    /// action that moves a pool the market prices from.
    public internal(set) var prices: [Double]
    /// The external market's price of each token (numeraire per token): where arbitrageurs close their
    /// other leg and agents buy what they lack. Set by the engine every tick; the oracle prices until then.
    public var marketPrices: [Double]
    /// Per token: everything that entered the model (setup mints, inventories topped up, purchases on the
    /// external market) and everything that left it. Tokens only move between holders otherwise, so
    /// ``totalHoldings(of:)`` = inflow − outflow for every token at every moment.
    public internal(set) var inflows: [Double]
    /// Per token: everything that left the model (see ``inflows``).
    public internal(set) var outflows: [Double]
    /// Cumulative bad debt written off in each market, valued at the prices of the moment it was written off.
    public internal(set) var badDebtByMarket: [Double]
    /// Cumulative bad debt written off in every market, valued at the prices of the moment it was written off.
    public var badDebtValue: Double { badDebtByMarket.reduce(0, +) }
    /// Per collateral token: value seized by liquidations and bad debt attributed to it.
    public internal(set) var collateralLedger = CollateralLedger()
    /// Fixed-term deposits and loans: their principal sits in (or was drawn from) the lending reserve of
    /// their token; ``rollOffFixedTerm()`` settles what matures.
    public internal(set) var fixedTerm: FixedTermBook
    /// Collateral pledged to fixed-term loans, held by the protocol until they mature (per token).
    public internal(set) var escrow: [Double]
    /// Scratch storage for the policy liquidations, reused across intents; not part of the state's value.
    var _scratch = _Scratch()
    /// The protocol treasury's instruments and options (its cash is an account's balance; see ``Treasury``).
    public var treasury: Treasury
    /// Accounts whose ``IntentAction/govern(_:)`` intents may change reserve configurations
    /// (``appoint(governor:)``).
    public internal(set) var governors: [Int] = []
    /// The incentive programme's books (``IncentiveLedger/inactive`` when none runs).
    public internal(set) var incentives = IncentiveLedger.inactive
    /// The stability pool (``StabilityPool/inactive`` when none is installed).
    public internal(set) var stabilityPool = StabilityPool.inactive
    /// Lock-up boosts of the first market's USD supply (``LockBook/inactive`` when none are offered).
    public internal(set) var locks = LockBook.inactive
    /// Current tick.
    public internal(set) var tick: Int = 0

    /// Creates a state with zero balances.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` when the oracle count does not match the tokens or
    ///   the lending pool's user count does not match `accounts`.
    public init(
        tokens: [Token], accounts: Int, lending: LendingPool, oracles: [PriceOracle],
        treasury: Treasury = .inactive
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
        self.markets = [lending]
        self.badDebtByMarket = [0]
        self.oracles = oracles
        self.priceSources = Array(repeating: .oracle, count: tokens.count)
        self.prices = oracles.map(\.price)
        self.marketPrices = prices
        self.inflows = Array(repeating: 0, count: tokens.count)
        self.outflows = inflows
        self.escrow = inflows
        self.fixedTerm = try FixedTermBook(tokenCount: tokens.count)
        self.treasury = treasury
    }

    /// Number of accounts.
    public var accountCount: Int { balances.accountCount }

    /// Setup only: opens another lending market, sized for every account and lending tokens of this
    /// state; returns its index in ``markets``.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` when its user count is not the account count,
    ///   ``ProtocolError/unknownIndex(_:)`` for a reserve token the state does not have.
    @discardableResult
    public mutating func addMarket(_ market: LendingPool) throws(ProtocolError) -> Int {
        guard market.userCount == accountCount else {
            throw .invalidAmount("userCount = \(market.userCount), expected accounts = \(accountCount)")
        }
        for c in market.configs where !tokens.indices.contains(c.token) {
            throw .unknownIndex("reserve token \(c.token)")
        }
        markets.append(market)
        badDebtByMarket.append(0)
        return markets.count - 1
    }

    /// The index of `market`, or an error naming it.
    func requireMarket(_ market: Int) throws(ProtocolError) {
        guard markets.indices.contains(market) else {
            throw .unknownIndex("lending market \(market) of \(markets.count)")
        }
    }

    /// Brings `amount` of `token` into `account` from outside the model: setup capital, or an inventory
    /// topped up. Counted in ``inflows``.
    public mutating func mint(account: Int, token: Int, amount: Double) throws(ProtocolError) {
        guard balances.contains(account: account, token: token) else {
            throw .unknownIndex("account \(account), token \(token)")
        }
        try _requireAmount("amount", amount)
        balances[account, token] += amount
        inflows[token] += amount
    }

    /// Sends `amount` of `token` from `account` out of the model (an inventory swept back to its owner's
    /// other books). Counted in ``outflows``.
    public mutating func burn(account: Int, token: Int, amount: Double) throws(ProtocolError) {
        try debit(account, token, amount)
        outflows[token] += amount
    }

    /// Tops `account`'s `token` up to `target` from outside, or sweeps the excess out: a standing
    /// inventory, such as an arbitrageur's, replenished every tick.
    public mutating func resetInventory(account: Int, token: Int, to target: Double) {
        guard balances.contains(account: account, token: token), target.isFinite, target >= 0 else { return }
        let have = balances[account, token]
        if have < target {
            inflows[token] += target - have
        } else {
            outflows[token] += have - target
        }
        balances[account, token] = target
    }

    /// The prices the lending market reads, recomputed from the oracles and the pools (oracle-priced
    /// tokens first, so a pool's quote token is priced before its base).
    mutating func refreshPrices() {
        guard prices.count == tokens.count, priceSources.count == tokens.count else { return }
        for t in prices.indices where priceSources[t] == .oracle { prices[t] = oracles[t].price }
        for t in prices.indices {
            guard case let .pool(k) = priceSources[t], amms.indices.contains(k) else { continue }
            let m = amms[k]
            prices[t] = m.baseToken == t ? m.pool.price * prices[m.quoteToken] : prices[m.baseToken] / m.pool.price
        }
    }

    /// Setup only: opens a position for `account` without the LTV check of a borrow: `collateral` of
    /// `collateralToken` (taken from its balance) supplied, and `debt` of `debtToken` borrowed from that
    /// reserve's cash into its balance. Opening books may start above the LTV a new borrow would need.
    public mutating func openPosition(
        account: Int, collateralToken: Int, collateral: Double, debtToken: Int, debt: Double, market m: Int = 0
    ) throws(ProtocolError) {
        try requireMarket(m)
        guard let c = markets[m].reserveIndex(of: collateralToken), let d = markets[m].reserveIndex(of: debtToken)
        else {
            throw .unknownIndex("no reserve for token \(collateralToken) or \(debtToken)")
        }
        try _requireAmount("debt", debt, positive: false)
        // Loans drawn as shares of the deposits can sum to the whole cash plus a rounding ulp.
        let cash = markets[m].reserves[d].cash
        guard debt <= cash * (1 + 1e-12) else { throw .insufficientLiquidity }
        if collateral > 0 {
            try debit(account, collateralToken, collateral)
            try markets[m].supply(user: account, reserve: c, amount: collateral)
        }
        guard debt > 0 else { return }
        let drawn = min(debt, cash)
        markets[m].setDebt(account, d, markets[m].debt(user: account, reserve: d) + drawn)
        markets[m].reserves[d].cash -= drawn
        credit(account, debtToken, drawn)
    }

    /// Setup only: supplies `amount` of `token` from `account` to market `m` with no cap check.
    public mutating func deposit(account: Int, token: Int, amount: Double, market m: Int = 0) throws(ProtocolError) {
        try requireMarket(m)
        guard let r = markets[m].reserveIndex(of: token) else {
            throw .unknownIndex("no reserve for token \(token)")
        }
        try debit(account, token, amount)
        try markets[m].supply(user: account, reserve: r, amount: amount)
    }

    /// Setup only: moves `amount` of the `token` reserve's cash in market `m` out of the model (see
    /// ``LendingPool/deployOutside(reserve:amount:)``); counted in ``outflows``.
    public mutating func deployOutside(token: Int, amount: Double, market m: Int = 0) throws(ProtocolError) {
        try requireMarket(m)
        guard let r = markets[m].reserveIndex(of: token) else {
            throw .unknownIndex("no reserve for token \(token)")
        }
        try markets[m].deployOutside(reserve: r, amount: amount)
        outflows[token] += amount
    }

    /// Sets the external market's prices (one per token) for this tick.
    public mutating func setMarketPrices(_ p: [Double]) {
        for t in marketPrices.indices where t < p.count { marketPrices[t] = p[t] }
    }

    /// Pays every reserve's withdrawal queue from the cash that arrived, crediting the claimants, then
    /// absorbs the losses written off with it (socialised over what is still owed, or kept as deficit).
    mutating func payQueues() {
        for m in markets.indices {
            for r in markets[m].queues.indices where !markets[m].queues[r].isEmpty {
                let token = markets[m].configs[r].token
                var paid = _scratch.payments
                paid.removeAll(keepingCapacity: true)
                _scratch.payments = []
                markets[m].payQueue(reserve: r) { account, amount in paid.append((account, amount)) }
                for (account, amount) in paid { balances[account, token] += amount }
                _scratch.payments = paid
            }
            markets[m].absorbPendingLosses()
        }
    }

    /// Moves `amount` of `token` from `account` into the insurance fund of market `m`'s reserve.
    public mutating func fundInsurance(account: Int, token: Int, amount: Double, market m: Int = 0)
        throws(ProtocolError)
    {
        try requireMarket(m)
        guard let r = markets[m].reserveIndex(of: token) else {
            throw .unknownIndex("no reserve for token \(token)")
        }
        try requireBalance(account, token, amount)
        try markets[m].fundInsurance(reserve: r, amount: amount)
        balances[account, token] -= amount
    }

    /// Advances the clock, accruing every market's interest for the elapsed ticks.
    public mutating func advance(to newTick: Int) {
        guard newTick > tick else { return }
        for m in markets.indices { markets[m].accrue(ticks: newTick - tick) }
        if locks.isInstalled { for t in (tick + 1)...newTick { locks.expire(at: t) } }
        tick = newTick
    }

    /// Every unit of `token` the model knows of: balances, lending cash and insurance funds, AMM reserves,
    /// StableSwap balances and the stability pool's USD and collateral. Unchanged by ``apply(_:)->Receipt``, except by the external-market legs
    /// of policy intents, which ``inflows`` and ``outflows`` record.
    public func totalHoldings(of token: Int) -> Double {
        var sum = balances.total(of: token) + (escrow.indices.contains(token) ? escrow[token] : 0)
        for market in markets {
            for (r, c) in market.configs.enumerated() where c.token == token {
                sum += market.reserves[r].cash + market.reserves[r].insuranceFund
            }
        }
        for m in amms {
            if m.baseToken == token { sum += m.pool.reserveBase }
            if m.quoteToken == token { sum += m.pool.reserveQuote }
        }
        for s in stablePools {
            for (k, t) in s.tokens.enumerated() where t == token { sum += s.pool.balances[k] }
        }
        if stabilityPool.isInstalled { sum += stabilityPool.holdings(of: token) }
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

/// Where the lending market reads a token's price.
public enum PriceSource: Sendable, Equatable {
    /// The token's ``PriceOracle`` in ``ProtocolState/oracles``.
    case oracle
    /// The spot price of Uniswap v2 pool `k`: the pool is its own oracle (the reference model).
    case pool(Int)
}
