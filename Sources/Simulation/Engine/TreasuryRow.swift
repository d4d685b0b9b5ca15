import ProtocolModel

/// One row of `treasury.csv`, written when the scenario has a `treasury` section: the treasury's books
/// and its options book's Greeks at the end of the tick, marked at the external price and the treasury's
/// EWMA volatility.
public struct TreasuryRow: Sendable, Equatable {
    public var tick: Int
    /// The external price of the collateral the options are on.
    public var spot: Double
    /// The EWMA volatility per √year the options are marked at.
    public var volatility: Double
    /// The treasury's cash.
    public var cashUSD: Double
    /// Its instruments at accrued value.
    public var investedUSD: Double
    /// Its supply claim on the lending pool's USD reserve (what it topped the reserve up with, plus interest).
    public var suppliedUSD: Double
    /// Collateral it holds (the delta hedge, with the opening holding).
    public var hedgeUnits: Double
    /// The open options at market (positive: owned).
    public var optionsValue: Double
    /// Net delta of the options and the collateral held, in collateral units.
    public var delta: Double
    /// Net gamma, per collateral unit of spot move.
    public var gamma: Double
    /// Net theta, USD per year.
    public var theta: Double
    /// Net vega, USD per unit of volatility.
    public var vega: Double
    /// Profit of the options book and the collateral held since tick 0 (``/ProtocolModel/Treasury/optionsProfit(_:)``).
    public var optionsProfit: Double
    /// Everything: cash, instruments, supply claim, options and collateral held at market.
    public var value: Double
    /// Net premiums received so far (positive: the treasury wrote more than it bought).
    public var premiumsUSD = 0.0
    /// The collateral held at market less its cost basis: the delta hedge's profit.
    public var hedgeProfit = 0.0
    /// Cumulative loss of the hedge's trades against the external price (slippage and fee).
    public var hedgeSlippageUSD = 0.0
    /// Cumulative volume of the hedge's trades at the external price.
    public var hedgeVolumeUSD = 0.0

    public static let csvHeader =
        "tick,spot,volatility,cash_usd,invested_usd,supplied_usd,hedge_units,options_value,delta,gamma,theta,vega,"
        + "options_pnl,value,premiums_usd,hedge_pnl,hedge_slippage_usd,hedge_volume_usd"

    public var csvLine: String {
        "\(tick),\(spot),\(volatility),\(cashUSD),\(investedUSD),\(suppliedUSD),\(hedgeUnits),\(optionsValue),"
            + "\(delta),\(gamma),\(theta),\(vega),\(optionsProfit),\(value),\(premiumsUSD),\(hedgeProfit),"
            + "\(hedgeSlippageUSD),\(hedgeVolumeUSD)"
    }

    /// The row of `world` at the end of its tick, nil without a treasury manager.
    static func row(_ world: WorldState, yearsPerTick: Double) -> TreasuryRow? {
        let t = world.state.treasury
        guard let account = t.account else { return nil }
        let spot = world.state.marketPrices[t.underlying]
        let m = t.market(spot: spot, tick: world.tick, yearsPerTick: yearsPerTick)
        let g = t.options.exposure(m)
        let cash = world.state.balances[account, t.cashToken]
        let invested = t.investedValue(at: world.tick)
        let supplied = world.state.lending.supplied(user: account, reserve: world.layout.depositReserve)
        var row = TreasuryRow(
            tick: world.tick, spot: spot, volatility: m.volatility, cashUSD: cash, investedUSD: invested,
            suppliedUSD: supplied, hedgeUnits: t.options.hedgeUnits,
            optionsValue: g.price - t.options.hedgeUnits * spot,
            delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, optionsProfit: t.optionsProfit(m),
            value: cash + invested + supplied + g.price)
        row.premiumsUSD = -t.premiums
        row.hedgeProfit = t.options.hedgeUnits * spot - t.options.hedgeCost
        row.hedgeSlippageUSD = t.hedgeSlippage
        row.hedgeVolumeUSD = t.hedgeVolume
        return row
    }

    /// The first non-finite column, with its value.
    func firstNonFinite() -> (column: String, value: Double)? {
        let values = [
            spot, volatility, cashUSD, investedUSD, suppliedUSD, hedgeUnits, optionsValue, delta, gamma, theta, vega,
            optionsProfit, value, premiumsUSD, hedgeProfit, hedgeSlippageUSD, hedgeVolumeUSD,
        ]
        let names = Self.csvHeader.split(separator: ",").dropFirst()
        for (name, v) in zip(names, values) where !v.isFinite { return ("treasury." + name, v) }
        return nil
    }
}

/// The treasury's part of the outcome: its worst values over the run, each with its first tick.
public struct TreasuryOutcome: Sendable, Equatable, Codable {
    /// The treasury's value at tick 0 and at the end.
    public var openingValue = 0.0
    public var finalValue = 0.0
    /// Its lowest value, and the loss from the opening value to it.
    public var minValue = Double.infinity
    public var minValueTick = 0
    public var maxLoss = 0.0
    /// The options book's lowest profit.
    public var minOptionsProfit = Double.infinity
    public var minOptionsProfitTick = 0
    /// The largest net delta in absolute value (with its sign).
    public var maxAbsDelta = 0.0
    public var maxAbsDeltaTick = 0
    /// The most negative theta (USD per year) and the largest vega.
    public var minTheta = 0.0
    public var minThetaTick = 0
    public var maxVega = 0.0
    public var maxVegaTick = 0
    /// The largest supply claim on the reserve (how far the treasury topped it up).
    public var maxSuppliedUSD = 0.0
    public var maxSuppliedTick = 0
    /// Early-exit penalties paid and written options' settlements the cash could not pay.
    public var penaltiesUSD = 0.0
    public var unpaidSettlementsUSD = 0.0
    /// At the end of the run: net premiums received, the hedge's cumulative slippage and traded volume.
    public var premiumsUSD = 0.0
    public var hedgeSlippageUSD = 0.0
    public var hedgeVolumeUSD = 0.0
    /// The yield given up against the treasury fully invested in its menu, USD (see `TreasuryYield`); nil (and
    /// absent from the JSON) without `instruments`.
    public var yieldGivenUpUSD: Double?
    /// The mean share of its capital in instruments; nil (and absent) without `instruments`.
    public var investedShare: Double?
    /// The running sums behind the two, not encoded.
    var yield: TreasuryYield?

    enum CodingKeys: String, CodingKey {
        case openingValue = "opening_value"
        case finalValue = "final_value"
        case minValue = "min_value"
        case minValueTick = "min_value_tick"
        case maxLoss = "max_loss"
        case minOptionsProfit = "min_options_pnl"
        case minOptionsProfitTick = "min_options_pnl_tick"
        case maxAbsDelta = "max_abs_delta"
        case maxAbsDeltaTick = "max_abs_delta_tick"
        case minTheta = "min_theta"
        case minThetaTick = "min_theta_tick"
        case maxVega = "max_vega"
        case maxVegaTick = "max_vega_tick"
        case maxSuppliedUSD = "max_supplied_usd"
        case maxSuppliedTick = "max_supplied_tick"
        case penaltiesUSD = "penalties_usd"
        case unpaidSettlementsUSD = "unpaid_settlements_usd"
        case premiumsUSD = "premiums_usd"
        case hedgeSlippageUSD = "hedge_slippage_usd"
        case hedgeVolumeUSD = "hedge_volume_usd"
        case yieldGivenUpUSD = "yield_given_up_usd"
        case investedShare = "invested_share"
    }

    public init() {}

    /// A treasury outcome that measures the yield given up against `benchmarkRatePerTick` (nil: no menu).
    init(benchmarkRatePerTick: Double?) {
        yield = benchmarkRatePerTick.map { TreasuryYield(benchmarkPerTick: $0) }
    }

    /// Folds in one tick's row and the reserve's supply rate per tick in force after it.
    mutating func record(_ r: TreasuryRow, supplyRatePerTick: Double) {
        record(r)
        guard var y = yield else { return }
        y.record(r, supplyRatePerTick: supplyRatePerTick)
        yield = y
        yieldGivenUpUSD = y.givenUpUSD  // the engine adds the penalties at the end of the run
        investedShare = y.investedShare
    }

    /// Folds in one tick's row.
    mutating func record(_ r: TreasuryRow) {
        if r.tick == 0 { openingValue = r.value }
        finalValue = r.value
        if r.value < minValue { (minValue, minValueTick) = (r.value, r.tick) }
        maxLoss = max(maxLoss, openingValue - r.value)
        if r.optionsProfit < minOptionsProfit { (minOptionsProfit, minOptionsProfitTick) = (r.optionsProfit, r.tick) }
        if abs(r.delta) > abs(maxAbsDelta) { (maxAbsDelta, maxAbsDeltaTick) = (r.delta, r.tick) }
        if r.theta < minTheta { (minTheta, minThetaTick) = (r.theta, r.tick) }
        if r.vega > maxVega { (maxVega, maxVegaTick) = (r.vega, r.tick) }
        if r.suppliedUSD > maxSuppliedUSD { (maxSuppliedUSD, maxSuppliedTick) = (r.suppliedUSD, r.tick) }
        (premiumsUSD, hedgeSlippageUSD, hedgeVolumeUSD) = (r.premiumsUSD, r.hedgeSlippageUSD, r.hedgeVolumeUSD)
    }
}
