import Foundation
import ProtocolModel

/// The treasury manager's one agent (see ``TreasuryManager``).
public actor TreasuryPopulation: PolicyReporter {
    public nonisolated let kind = TreasuryManager.key
    public nonisolated let shard = 0
    public nonisolated let count = 1
    /// The forecast's columns in `policies.csv` (none for a reactive treasury).
    public nonisolated let policyColumns: [String]
    let config: TreasuryManager.Config
    let account: Int
    let yearsPerTick: Double
    /// The instruments' weights, normalised.
    let weights: [Double]
    /// Whether the first options series was traded.
    var traded = false
    /// The predictive treasury's forecast (nil: reactive), the last price it saw, and the extra buffer it
    /// asked for this tick.
    var forecaster: OutflowForecaster?
    var lastPrice = 0.0
    var extraBuffer = 0.0
    var initialDeposits = 0.0

    init(config: TreasuryManager.Config, account: Int, ticksPerYear: Double) {
        self.config = config
        self.account = account
        self.yearsPerTick = 1 / ticksPerYear
        let total = config.instruments.reduce(0) { $0 + $1.weight }
        weights = config.instruments.map { total > 0 ? $0.weight / total : 0 }
        forecaster = config.forecast.map { OutflowForecaster(horizon: $0.horizon, window: $0.window) }
        policyColumns =
            config.forecast == nil ? [] : ["forecast_outflow_usd", "forecast_error_usd", "forecast_mae_usd"]
    }

    public func propose(_ s: Snapshot, population: Int32) -> [Proposal] {
        var plan = TreasuryPlan(s, account: account, yearsPerTick: yearsPerTick)
        if let o = config.options {
            plan.options(o, tradeNew: !traded || o.roll)
            if plan.tradedSeries { traded = true }
        }
        if let f = config.forecast { extraBuffer = f.cover * forecast(s) }
        if config.manageReserve {
            plan.liquidity(
                bufferTarget: config.bufferTarget, keepLiquid: config.keepLiquid, weights: weights, extra: extraBuffer,
                grant: config.grantTopUps)
        }
        return plan.actions.map {
            Proposal(population: population, agent: 0, intent: Intent(account: account, action: $0))
        }
    }
}

extension TreasuryPopulation {
    /// Folds this tick's signals into the forecaster; returns the forecast outflow over its horizon in USD.
    func forecast(_ s: Snapshot) -> Double {
        guard var f = forecaster else { return 0 }
        let reserve = s.state.lending.reserves[s.layout.depositReserve]
        let d0 = s.initialDeposits
        let price = s.externalPrice
        let signals = OutflowForecaster.Signals(
            lastOutflow: s.recentOutflowFraction, queue: d0 > 0 ? reserve.queued / d0 : 0,
            logReturn: lastPrice > 0 && price > 0 ? log(price / lastPrice) : 0,
            volatility: s.state.treasury.volatility.annualised, utilisation: reserve.utilisation)
        lastPrice = price
        initialDeposits = d0
        let fraction = f.observe(signals)
        forecaster = f
        return fraction * d0
    }

    public func policyValues() -> [Double] {
        guard let f = forecaster else { return [] }
        let mae = f.errorCount > 0 ? f.absoluteErrorSum / Double(f.errorCount) : 0
        return [extraBuffer, f.lastError * initialDeposits, mae * initialDeposits]
    }
}

/// One tick's decisions of the treasury manager, spending at most the cash held at the snapshot.
struct TreasuryPlan {
    let s: Snapshot
    let account: Int
    let treasury: Treasury
    let market: MarketInputs
    /// Cash not yet committed this tick.
    var budget: Double
    var actions: [IntentAction] = []
    var tradedSeries = false

    init(_ s: Snapshot, account: Int, yearsPerTick: Double) {
        self.s = s
        self.account = account
        treasury = s.state.treasury
        market = treasury.market(spot: s.externalPrice, tick: s.tick, yearsPerTick: yearsPerTick)
        budget = s.state.balances[account, s.layout.usd]
    }

    /// Settles what expired, trades the next series, and rebalances the hedge outside its band.
    mutating func options(_ o: TreasuryManager.Options, tradeNew: Bool) {
        var book = treasury.options
        var live = 0
        for p in book.positions {
            if p.expiryTick <= s.tick {
                // A written option's payoff is paid from this tick's cash: set it aside.
                let intrinsic = p.kind == .put ? max(p.strike - s.externalPrice, 0) : max(s.externalPrice - p.strike, 0)
                budget -= max(0, -p.quantity * intrinsic)
            } else {
                live += 1
            }
        }
        if live < book.positions.count { actions.append(.treasury(.settleOptions)) }
        book.positions.removeAll { $0.expiryTick <= s.tick }
        if live == 0, tradeNew, s.externalPrice > 0 {
            let strike = o.strike * s.externalPrice
            let years = Double(o.tenor) * market.yearsPerTick
            let premium = BlackScholes.price(
                kind: o.kind, spot: s.externalPrice, strike: strike, years: years,
                volatility: market.impliedVolatility(strike: strike, years: years))
            let quantity = o.write ? -o.units : o.units
            if quantity * premium <= budget {
                budget -= max(0, quantity * premium)
                let expiry = s.tick + o.tenor
                actions.append(
                    .treasury(
                        .tradeOption(
                            kind: o.kind, strike: strike, expiryTick: expiry, quantity: quantity, premium: premium)))
                book.positions.append(
                    OptionPosition(
                        kind: o.kind, strike: strike, expiryTick: expiry, quantity: quantity, premium: premium))
                tradedSeries = true
                if let g = o.gammaHedge, o.write {
                    gammaHedge(g, kind: o.kind, written: strike, quantity: quantity, expiry: expiry, book: &book)
                }
            }
        }
        guard let band = o.hedgeBand, !s.amm.isEmpty else { return }
        let trade = book.hedgeTrade(market, band: band * o.units)
        if trade > 0 {
            let spend = min(trade * s.ammPrice, max(0, budget))
            if spend > 0 {
                budget -= spend
                actions.append(.treasury(.hedge(amountIn: spend, baseIn: false)))
            }
        } else if trade < 0 {
            // Without a short, the hedge sells only the collateral it holds.
            let sell = o.hedgeShort ? -trade : min(-trade, book.hedgeUnits)
            if sell > 0 { actions.append(.treasury(.hedge(amountIn: sell, baseIn: true))) }
        }
    }

    /// Tops the reserve up to the buffer (plus `extra`, the predictive treasury's forecast outflow), pulls
    /// capital back when short, invests the excess. With `grant` the top-up is given to the reserve, not supplied.
    mutating func liquidity(
        bufferTarget: Double, keepLiquid: Double, weights: [Double], extra: Double = 0, grant: Bool = false
    ) {
        let reserve = s.state.lending.reserves[s.layout.depositReserve]
        let shortfall = bufferTarget * reserve.totalSupply + reserve.queued + extra - reserve.cash
        let invested = treasury.investedValue(at: s.tick)
        let cash = max(0, budget)
        let keep = keepLiquid * (cash + invested)
        var raise = 0.0
        if shortfall > 0 {
            let topUp = min(shortfall, cash)
            if topUp > 0 {
                actions.append(grant ? .treasury(.grant(amount: topUp)) : .supply(token: s.layout.usd, amount: topUp))
            }
            budget -= topUp
            raise = shortfall - topUp + max(0, keep - (cash - topUp))
        } else if cash < 0.9 * keep {
            raise = keep - cash
        }
        let matured = treasury.instruments.contains { $0.maturity <= s.tick }
        if raise > 0, treasury.redeemableValue(at: s.tick) > 0 {
            actions.append(.treasury(.redeem(amount: raise)))
        } else if matured {
            actions.append(.treasury(.redeem(amount: 0)))
        }
        // Invest only with the reserve at its buffer and more than 1% of the treasury above what it keeps.
        let excess = max(0, budget) - keep
        guard shortfall <= 0, raise == 0, excess > 0.01 * (cash + invested) else { return }
        for (k, w) in weights.enumerated() where w > 0 {
            actions.append(.treasury(.invest(instrument: k, amount: excess * w)))
        }
    }
}
