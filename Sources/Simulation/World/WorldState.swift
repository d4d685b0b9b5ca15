import Agents
import ProtocolModel

/// The mutable state of one replicate: the protocol state, and what the engine tracks around it.
///
/// A value type: the engine snapshots it for agents (copy-on-write) and mutates it only while
/// applying ordered intents. Every token movement happens inside ``state`` through its one apply
/// path; what crosses the model's boundary is in the state's inflows and outflows.
public struct WorldState: Sendable {
    public var tick = 0
    public var externalPrice: Double
    public var oracleFrozen = false
    /// The protocol: balances, the lending pool, the pool, the oracles and prices.
    public var state: ProtocolState
    /// Where the numeraire, the collateral, the pool and the reserves sit in ``state``.
    public let layout: WorldLayout
    /// D₀ of each lending market (index: the market's in ``/ProtocolModel/ProtocolState/markets``).
    public let initialDepositsByMarket: [Double]
    /// D₀ of the first (top-level) market.
    public var initialDeposits: Double { initialDepositsByMarket[0] }
    public var history: PriceHistory
    /// √(x·y)/shares of the AMM at the end of each tick: one share's claim in constant-product units.
    public var shareValues = PriceHistory(openingPrice: 1)
    /// The same two histories for every Uniswap v2 pool after the first, in pool order.
    public var otherPoolHistories: [(prices: PriceHistory, shareValues: PriceHistory)] = []
    /// Per market: deposits withdrawn or queued last tick, USD (for herding).
    public internal(set) var lastTickOutflowByMarket: [Double]
    /// The first market's deposits withdrawn or queued last tick, USD.
    public var lastTickOutflow: Double { lastTickOutflowByMarket[0] }
    /// Per market: the deposit reserve's cumulative withdrawals at the start of this tick.
    var withdrawnAtTickStart: [Double]
    /// Standing inventories (arbitrageurs' and liquidators'), reset at the start of every tick.
    let inventories: [(account: Int, token: Int, amount: Double)]

    init(
        externalPrice: Double, state: ProtocolState, layout: WorldLayout, initialDeposits: [Double],
        inventories: [(account: Int, token: Int, amount: Double)]
    ) {
        self.externalPrice = externalPrice
        self.state = state
        self.layout = layout
        self.initialDepositsByMarket = initialDeposits
        self.lastTickOutflowByMarket = Array(repeating: 0, count: initialDeposits.count)
        self.withdrawnAtTickStart = lastTickOutflowByMarket
        self.inventories = inventories
        history = PriceHistory(openingPrice: state.amms[layout.pool].pool.price)
        otherPoolHistories = state.amms.indices.dropFirst().map { k in
            (PriceHistory(openingPrice: state.amms[k].pool.price), PriceHistory(openingPrice: 1))
        }
    }

    /// The collateral/USD pool.
    public var amm: UniswapV2Pool { state.amms[layout.pool].pool }
    /// The deposit (USD) reserve of the first market.
    public var depositReserve: ReserveState { state.lending.reserves[layout.depositReserve] }
    /// The deposit (USD) reserve of market `m`.
    public func depositReserve(market m: Int) -> ReserveState { state.markets[m].reserves[layout.depositReserve] }
    /// The price at which the lending pool values collateral: its oracle's, or the live AMM price
    /// (the reference model, where the pool is its own oracle).
    public var lendingPrice: Double { state.prices[layout.collateral] }
    /// The liquid USD reserve: the deposit reserve's cash.
    public var reserveUSD: Double { depositReserve.cash }
    /// Withdrawal claims waiting in the queue, USD.
    public var queueUSD: Double { depositReserve.queued }
    /// D_t: deposits neither withdrawn nor queued.
    public var outstandingDeposits: Double { depositReserve.totalSupply }
    /// Cumulative debt repaid by liquidators, USD.
    public var liquidatedUSD: Double { depositReserve.liquidated }
    /// Cumulative debt written off, USD.
    public var badDebtUSD: Double { state.badDebtByMarket[0] }

    /// θ_t = A/L − 1 with A = reserve + insurance + Σ min(debt, collateral·p) and L = D_t + queue,
    /// where p is the lending price (p_AMM in the reference model). Fixed-term loans and deposits, when
    /// the market has them, count at their accrued values on each side.
    public var solvencyMargin: Double { solvencyMargin(market: 0) }

    /// θ of market `m` (only market 0 holds the fixed-term book).
    public func solvencyMargin(market m: Int) -> Double {
        solvencyMargin(market: m, loans: state.markets[m].loanBook(prices: state.prices).capped)
    }

    /// θ of market `m` from a loan-book pass already made (its loans valued as θ values them).
    func solvencyMargin(market m: Int, loans: Double) -> Double {
        let r = depositReserve(market: m)
        var assets = r.cash + r.insuranceFund + loans
        var liabilities = r.totalSupply + r.queued
        let book = state.fixedTerm
        if m == 0, !book.loans.isEmpty || !book.deposits.isEmpty {
            assets += book.loanValue(debtToken: layout.usd, at: tick)
            liabilities += book.depositValue(token: layout.usd, at: tick)
        }
        return liabilities > 0 ? assets / liabilities - 1 : 0
    }

    /// w_t: the fraction of D₀ withdrawn or queued so far (a socialised haircut is not a withdrawal).
    /// Capped at 1: the withdrawals are summed in another order than D₀ was, so "everything" can
    /// round to 1 + 1e-16.
    public var withdrawnFraction: Double { withdrawnFraction(market: 0) }

    /// w_t of market `m`.
    public func withdrawnFraction(market m: Int) -> Double {
        let d0 = initialDepositsByMarket[m]
        return d0 > 0 ? min(1, depositReserve(market: m).withdrawn / d0) : 0
    }

    /// √(x·y)/shares now, or 0 when the pool is empty (the history then repeats its last value).
    var shareValue: Double { Self.shareValue(amm) }

    static func shareValue(_ amm: UniswapV2Pool) -> Double {
        amm.isEmpty ? 0 : (amm.reserveBase * amm.reserveQuote).squareRoot() / amm.totalShares
    }

    /// Opens the tick: the clock (interest accrues), every token's external price (market asset `k` is
    /// token `k + 1`), the oracles of the tokens priced by oracle, the inventories.
    mutating func open(tick t: Int, externalPrices: [Double], frozen: [Bool]) {
        tick = t
        externalPrice = externalPrices[0]
        oracleFrozen = frozen.first ?? false
        state.advance(to: t)
        let native = state.incentives.isInstalled ? state.incentives.token : -1
        for k in externalPrices.indices where k + 1 < state.tokens.count {
            let token = k + 1
            // The native token has no market outside its own pool: its price is the pool's.
            let price = token == native ? state.nativePrice : externalPrices[k]
            state.marketPrices[token] = price
            if state.priceSources[token] == .oracle {
                state.oracles[token].halted = k < frozen.count ? frozen[k] : false
                state.oracles[token].observe(sourcePrice: price, tick: t)
            }
        }
        for i in inventories { state.resetInventory(account: i.account, token: i.token, to: i.amount) }
        if state.treasury.account != nil { state.treasury.volatility.observe(externalPrices[0]) }
        for m in withdrawnAtTickStart.indices { withdrawnAtTickStart[m] = depositReserve(market: m).withdrawn }
    }

    /// Closes the tick: the price and share-value histories, and the tick's outflow for herding.
    mutating func close() {
        history.append(amm.price)
        shareValues.append(shareValue)
        for k in otherPoolHistories.indices where k + 1 < state.amms.count {
            let pool = state.amms[k + 1].pool
            otherPoolHistories[k].prices.append(pool.price)
            otherPoolHistories[k].shareValues.append(Self.shareValue(pool))
        }
        for m in lastTickOutflowByMarket.indices {
            lastTickOutflowByMarket[m] = depositReserve(market: m).withdrawn - withdrawnAtTickStart[m]
        }
    }

    public func snapshot(includeSolvency: Bool) -> Snapshot {
        Snapshot(
            tick: tick, externalPrice: externalPrice, oracleFrozen: oracleFrozen, state: state, layout: layout,
            ammHistory: history, shareValueHistory: shareValues, initialDeposits: initialDeposits,
            solvencyMargin: includeSolvency ? solvencyMargin : .nan,
            withdrawnFraction: withdrawnFraction,
            recentOutflowFraction: initialDeposits > 0 ? lastTickOutflow / initialDeposits : 0,
            otherMarkets: otherMarketViews(includeSolvency: includeSolvency), otherPoolHistories: otherPoolHistories)
    }

    /// What depositors see of every market after the first (empty in a one-market world).
    private func otherMarketViews(includeSolvency: Bool) -> [MarketView] {
        guard initialDepositsByMarket.count > 1 else { return [] }
        return (1..<initialDepositsByMarket.count).map { m in
            let d0 = initialDepositsByMarket[m]
            return MarketView(
                initialDeposits: d0, solvencyMargin: includeSolvency ? solvencyMargin(market: m) : .nan,
                withdrawnFraction: withdrawnFraction(market: m),
                recentOutflowFraction: d0 > 0 ? lastTickOutflowByMarket[m] / d0 : 0)
        }
    }
}
