import ProtocolModel

/// One row of a several-market run's `markets.csv` (tidy: one row per tick and lending market), values at
/// the end of the tick. Market 0's values are also the series' own columns.
public struct MarketRow: Sendable, Equatable {
    public var tick: Int
    /// The market's name: `main` for the top-level market, else its key in `markets`.
    public var market: String
    /// The deposit reserve's cash, USD.
    public var reserveUSD: Double
    /// Withdrawal claims waiting in its queue, USD.
    public var queueUSD: Double
    /// The fraction of its D₀ withdrawn or queued so far.
    public var withdrawnFraction: Double
    /// Its θ = A/L − 1 at the end of the tick.
    public var theta: Double
    /// Cumulative debt repaid by liquidators in this market, USD.
    public var liquidatedUSD: Double
    /// Cumulative bad debt written off in this market, USD.
    public var badDebtUSD: Double
    /// Debt ÷ (reserve + debt).
    public var utilisation: Double
    /// Liquidity coverage ratio (``ALMMetrics``); the first market's counts its fixed-term items too.
    public var liquidityCoverage: Double
    /// The USD reserve's borrow rate, per year.
    public var borrowRate: Double
    /// The USD reserve's supply rate, per year.
    public var supplyRate: Double

    public static let csvHeader =
        "tick,market,reserve_usd,queue_usd,withdrawn_fraction,theta,liquidated_usd,bad_debt_usd,utilisation,lcr,"
        + "borrow_rate,supply_rate"

    public var csvLine: String {
        "\(tick),\(market),\(reserveUSD),\(queueUSD),\(withdrawnFraction),\(theta),\(liquidatedUSD),\(badDebtUSD),"
            + "\(utilisation),\(liquidityCoverage),\(borrowRate),\(supplyRate)"
    }

    /// The rows of tick `tick`, one per market of `world`; `names` are the markets' names and `mainLCR`
    /// the first market's LCR as the series records it.
    static func rows(
        tick: Int, _ world: WorldState, names: [String], mainLCR: Double, alm: Scenario.ALM, ticksPerYear: Double,
        into rows: inout [MarketRow]
    ) {
        for m in world.state.markets.indices where m < names.count {
            let r = world.depositReserve(market: m)
            let book = world.state.markets[m].loanBook(prices: world.state.prices)
            let lcr =
                m == 0
                ? mainLCR
                : ALMMetrics.liquidityCoverage(
                    world.balanceSheet(depositRunoff: alm.depositRunoff, book: book, market: m),
                    horizonTicks: alm.horizonTicks)
            let rates = world.ratesPerYear(market: m, ticksPerYear: ticksPerYear)
            rows.append(
                MarketRow(
                    tick: tick, market: names[m], reserveUSD: r.cash, queueUSD: r.queued,
                    withdrawnFraction: world.withdrawnFraction(market: m),
                    theta: world.solvencyMargin(market: m, loans: book.capped),
                    liquidatedUSD: r.liquidated, badDebtUSD: world.state.badDebtByMarket[m],
                    utilisation: WorldState.utilisation(cash: r.cash, debt: book.debt), liquidityCoverage: lcr,
                    borrowRate: rates.borrow, supplyRate: rates.supply))
        }
    }
}
