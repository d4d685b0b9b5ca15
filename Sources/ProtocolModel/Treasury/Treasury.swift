/// The terms on which the treasury can invest: a yield venue outside the lending market (a money-market
/// reserve, a staking position with an unbonding delay, a fixed-term note).
public struct InstrumentTerms: Sendable, Equatable {
    /// Name, for reports.
    public var name: String
    /// Simple rate per tick.
    public var ratePerTick: Double
    /// Ticks after investment before it can be redeemed (an unbonding delay, a lock-up).
    public var lockUp: Int
    /// Ticks after investment at which it pays back principal and interest (`Int.max / 4`: open-ended).
    public var term: Int
    /// Fraction of the accrued value lost when redeemed after the lock-up but before maturity.
    public var earlyExitPenalty: Double
    /// Creates terms; the caller checks `0 ≤ lockUp ≤ term` and `0 ≤ earlyExitPenalty < 1`
    /// (``Treasury/init(cashToken:underlying:pool:menu:volatility:)`` does).
    public init(name: String, ratePerTick: Double, lockUp: Int, term: Int, earlyExitPenalty: Double) {
        self.name = name
        self.ratePerTick = ratePerTick
        self.lockUp = lockUp
        self.term = term
        self.earlyExitPenalty = earlyExitPenalty
    }
    /// The term of an open-ended instrument (a money-market reserve): far beyond any run.
    public static let openEnded = Int.max / 4
}

/// A yield instrument the treasury holds: principal earning a simple rate, locked until `lockedUntil`
/// and repaid at `maturity` (a fixed-term deposit when the two coincide).
public struct YieldInstrument: Sendable, Equatable {
    /// Index of its terms in ``Treasury/menu``.
    public var terms: Int
    /// USD invested.
    public var principal: Double
    /// Simple rate per tick.
    public var ratePerTick: Double
    /// Tick of investment.
    public var startTick: Int
    /// Tick before which it cannot be redeemed.
    public var lockedUntil: Int
    /// Tick at which it pays back principal and interest.
    public var maturity: Int
    /// Fraction of the accrued value lost when redeemed after the lock-up but before maturity.
    public var earlyExitPenalty: Double
    /// Creates an instrument.
    public init(
        terms: Int, principal: Double, ratePerTick: Double, startTick: Int, lockedUntil: Int,
        maturity: Int, earlyExitPenalty: Double = 0
    ) {
        self.terms = terms
        self.principal = principal
        self.ratePerTick = ratePerTick
        self.startTick = startTick
        self.lockedUntil = lockedUntil
        self.maturity = maturity
        self.earlyExitPenalty = earlyExitPenalty
    }
    /// Principal plus simple interest to `tick` (capped at maturity).
    public func accruedValue(at tick: Int) -> Double {
        principal * (1 + ratePerTick * Double(max(0, min(tick, maturity) - startTick)))
    }
    /// What a redemption at `tick` pays: the accrued value, less the early-exit penalty before maturity.
    public func redemptionValue(at tick: Int) -> Double {
        accruedValue(at: tick) * (tick < maturity ? 1 - earlyExitPenalty : 1)
    }
    /// Ticks to maturity from `tick` (0 when matured).
    public func ticksToMaturity(from tick: Int) -> Int { max(0, maturity - tick) }
}

/// The protocol treasury's books outside the lending market: the yield instruments it invested in, its
/// options book with the delta hedge, and the volatility it marks options at.
///
/// The treasury's cash and its hedge's collateral sit in an ordinary account of ``ProtocolState/balances``,
/// so they count in ``ProtocolState/totalHoldings(of:)``. The instruments and the options' counterparties
/// are outside the model: investing and paying a premium are outflows of the cash token, a redemption and
/// a settlement received are inflows (``IntentAction/treasury(_:)``).
public struct Treasury: Sendable, Equatable {
    /// The account holding its cash and its hedge; nil when no treasury manager runs (the default).
    public var account: Int?
    /// The token its cash, instruments and option premiums are in (USD).
    public var cashToken: Int
    /// The options' underlying (the collateral).
    public var underlying: Int
    /// The Uniswap v2 pool its delta hedge trades.
    public var pool: Int
    /// The instruments it may invest in.
    public var menu: [InstrumentTerms]
    /// Invested instruments.
    public var instruments: [YieldInstrument] = []
    /// Options book; its ``OptionsBook/hedgeUnits`` is the underlying the treasury holds.
    public var options = OptionsBook()
    /// The volatility the options are priced and marked at (the surface's level, with a surface).
    public var volatility: EWMAVolatility
    /// The implied-volatility surface the options are priced on; nil: every option at ``volatility``.
    public var surface: VolatilitySurface?
    /// Cumulative premiums paid (negative: received when writing).
    public var premiums = 0.0
    /// Cumulative settlements received at expiry (negative: paid on written options).
    public var settlements = 0.0
    /// Settlements owed on written options that the treasury's cash could not pay.
    public var unpaidSettlements = 0.0
    /// Profit of the options settled so far: payoff less premium, per position.
    public var realisedOptions = 0.0
    /// Cumulative early-exit penalties paid.
    public var penalties = 0.0
    /// Whether the hedge may sell more of the underlying than it holds, borrowing the rest outside the
    /// model (a short sale: needed to delta-hedge written puts).
    public var shortAllowed = false
    /// The underlying borrowed for the hedge's short sales and not yet repaid.
    public var borrowedUnits = 0.0
    /// What the hedge's trades lost against the external price (slippage and fee), USD.
    public var hedgeSlippage = 0.0
    /// The hedge's traded volume at the external price, USD.
    public var hedgeVolume = 0.0
    /// The menu's rate per tick, averaged with the weights the treasury invests by: what its capital would
    /// earn fully invested. The yield it gives up is measured against it (`TreasuryOutcome.yieldGivenUpUSD` in Simulation).
    public var benchmarkRatePerTick = 0.0

    /// Creates a treasury.
    /// - Parameters:
    ///   - cashToken: Token of its cash (USD).
    ///   - underlying: The options' underlying token.
    ///   - pool: Uniswap v2 pool the hedge trades.
    ///   - menu: Instruments it may invest in.
    ///   - volatility: Volatility estimator the options are priced at.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` unless every term has `0 ≤ lockUp ≤ term`, a rate ≥ 0
    ///   and a penalty in [0, 1).
    public init(
        cashToken: Int, underlying: Int, pool: Int, menu: [InstrumentTerms], volatility: EWMAVolatility
    ) throws(ProtocolError) {
        for (k, t) in menu.enumerated() {
            guard t.lockUp >= 0, t.term >= t.lockUp else {
                throw .invalidAmount("menu[\(k)]: lockUp = \(t.lockUp), term = \(t.term), expected 0 ≤ lockUp ≤ term")
            }
            try _requireAmount("menu[\(k)].ratePerTick", t.ratePerTick, positive: false)
            guard t.earlyExitPenalty >= 0, t.earlyExitPenalty < 1 else {
                throw .invalidAmount("menu[\(k)].earlyExitPenalty = \(t.earlyExitPenalty), expected [0, 1)")
            }
        }
        self.init(cashToken: cashToken, underlying: underlying, pool: pool, menu: menu, checked: volatility)
    }

    private init(cashToken: Int, underlying: Int, pool: Int, menu: [InstrumentTerms], checked: EWMAVolatility) {
        self.cashToken = cashToken
        self.underlying = underlying
        self.pool = pool
        self.menu = menu
        self.volatility = checked
    }

    /// No treasury: no account, nothing to invest in, nothing held.
    public static let inactive = Treasury(
        cashToken: 0, underlying: 0, pool: 0, menu: [], checked: EWMAVolatility(inactive: ()))

    /// The inputs the options are marked at on `tick`: the external price `spot`, the EWMA volatility,
    /// and the surface.
    public func market(spot: Double, tick: Int, yearsPerTick: Double) -> MarketInputs {
        MarketInputs(
            spot: spot, volatility: volatility.annualised, tick: tick, yearsPerTick: yearsPerTick, surface: surface)
    }

    /// Profit of the options book since the first trade: the open positions and the hedge marked at `m`
    /// (``OptionsBook/profitAndLoss(_:)``, the hedge against its cost basis) plus what settled.
    public func optionsProfit(_ m: MarketInputs) -> Double { options.profitAndLoss(m) + realisedOptions }

    /// Accrued value of the instruments at `tick`.
    public func investedValue(at tick: Int) -> Double {
        var v = 0.0
        for ins in instruments { v += ins.accruedValue(at: tick) }
        return v
    }

    /// What the instruments would pay if every redeemable one were redeemed at `tick` (penalties paid).
    public func redeemableValue(at tick: Int) -> Double {
        var v = 0.0
        for ins in instruments where tick >= ins.lockedUntil { v += ins.redemptionValue(at: tick) }
        return v
    }

    /// Books a new instrument on `terms` for `amount` at `tick` (the caller moves the cash).
    mutating func book(_ amount: Double, terms k: Int, tick: Int) throws(ProtocolError) {
        guard menu.indices.contains(k) else { throw .unknownIndex("instrument \(k)") }
        try _requireAmount("amount", amount)
        let t = menu[k]
        instruments.append(
            YieldInstrument(
                terms: k, principal: amount, ratePerTick: t.ratePerTick, startTick: tick,
                lockedUntil: tick &+ t.lockUp, maturity: tick &+ t.term, earlyExitPenalty: t.earlyExitPenalty))
    }

    /// Redeems what matured, then, while less than `amount` has been raised, the redeemable instruments
    /// with the smallest penalty first (the earliest booked among equals), the last one only in part.
    /// Returns the cash raised.
    mutating func redeem(atLeast amount: Double, tick: Int) -> Double {
        var raised = 0.0
        var k = 0
        while k < instruments.count {
            if instruments[k].maturity <= tick {
                raised += instruments[k].accruedValue(at: tick)
                instruments.remove(at: k)
            } else {
                k += 1
            }
        }
        while raised < amount {
            var best: Int?
            for (i, ins) in instruments.enumerated() where tick >= ins.lockedUntil {
                if best.map({ ins.earlyExitPenalty < instruments[$0].earlyExitPenalty }) ?? true { best = i }
            }
            guard let b = best else { break }
            let paid = instruments[b].redemptionValue(at: tick)
            // The fraction of the instrument that raises what is still missing.
            let fraction = paid > amount - raised ? (amount - raised) / paid : 1
            penalties += (instruments[b].accruedValue(at: tick) - paid) * fraction
            raised += paid * fraction
            if fraction < 1 {
                instruments[b].principal *= 1 - fraction
                break
            }
            instruments.remove(at: b)
        }
        return raised
    }
}
