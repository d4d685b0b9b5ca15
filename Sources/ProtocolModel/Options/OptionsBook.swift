/// One option position: `quantity` units (negative = written) of a European option.
public struct OptionPosition: Sendable, Equatable {
    /// Call or put.
    public var kind: OptionKind
    /// Strike, quote per base.
    public var strike: Double
    /// Tick at which it expires.
    public var expiryTick: Int
    /// Units of underlying; negative when the protocol wrote (sold) the option.
    public var quantity: Double
    /// Premium paid per unit (received, when written), for P&L.
    public var premium: Double
    /// Creates a position.
    public init(kind: OptionKind, strike: Double, expiryTick: Int, quantity: Double, premium: Double) {
        self.kind = kind
        self.strike = strike
        self.expiryTick = expiryTick
        self.quantity = quantity
        self.premium = premium
    }
}

/// Market inputs for marking options: spot, volatility (per √year), rate, the tick length, and optionally
/// a volatility surface.
public struct MarketInputs: Sendable, Equatable {
    /// Spot price of the underlying.
    public var spot: Double
    /// Volatility per √year: the implied volatility of every option without a surface, the realised
    /// volatility that sets the surface's level with one.
    public var volatility: Double
    /// Continuously compounded rate per year.
    public var rate: Double
    /// Current tick.
    public var tick: Int
    /// Length of one tick in years (1 hour = 1/8760).
    public var yearsPerTick: Double
    /// The surface options are priced on (nil: every option at ``volatility``).
    public var surface: VolatilitySurface?
    /// Creates inputs.
    public init(
        spot: Double, volatility: Double, rate: Double = 0, tick: Int, yearsPerTick: Double = 1.0 / 8760,
        surface: VolatilitySurface? = nil
    ) {
        self.spot = spot
        self.volatility = volatility
        self.rate = rate
        self.tick = tick
        self.yearsPerTick = yearsPerTick
        self.surface = surface
    }

    /// The implied volatility of an option of `strike` with `years` to expiry: the surface's at the
    /// level of ``volatility``, or ``volatility`` itself without a surface.
    public func impliedVolatility(strike: Double, years: Double) -> Double {
        guard let surface else { return volatility }
        return surface.impliedVolatility(strike: strike, spot: spot, years: years, realised: volatility)
    }
}

/// A book of option positions plus a linear hedge in the underlying. It marks to market and reports
/// its net Greeks; its value and P&L feed the ALM balance sheet.
public struct OptionsBook: Sendable, Equatable {
    /// Option positions.
    public var positions: [OptionPosition]
    /// Units of the underlying held as a delta hedge (negative = short).
    public var hedgeUnits: Double
    /// Cash spent on the hedge so far (cost basis, in quote units).
    public var hedgeCost: Double

    /// Creates a book.
    public init(positions: [OptionPosition] = [], hedgeUnits: Double = 0, hedgeCost: Double = 0) {
        self.positions = positions
        self.hedgeUnits = hedgeUnits
        self.hedgeCost = hedgeCost
    }

    /// Net Greeks of options and hedge (the hedge adds `hedgeUnits` to delta and its value to price).
    public func exposure(_ m: MarketInputs) -> OptionGreeks {
        var total = OptionGreeks(price: hedgeUnits * m.spot, delta: hedgeUnits, gamma: 0, theta: 0, vega: 0)
        for p in positions {
            let years = Double(p.expiryTick - m.tick) * m.yearsPerTick
            let g = BlackScholes.greeks(
                kind: p.kind, spot: m.spot, strike: p.strike, years: years,
                volatility: m.impliedVolatility(strike: p.strike, years: years), rate: m.rate)
            total.price += p.quantity * g.price
            total.delta += p.quantity * g.delta
            total.gamma += p.quantity * g.gamma
            total.theta += p.quantity * g.theta
            total.vega += p.quantity * g.vega
        }
        return total
    }

    /// Mark-to-market value (options + hedge), quote units.
    public func markToMarket(_ m: MarketInputs) -> Double { exposure(m).price }

    /// P&L since inception: value now − premiums paid (+ received) − hedge cost.
    public func profitAndLoss(_ m: MarketInputs) -> Double {
        var paid = hedgeCost
        for p in positions { paid += p.quantity * p.premium }
        return markToMarket(m) - paid
    }

    /// The units of the underlying to buy (negative: sell) to bring the net delta back to zero, when it
    /// has left the band `[−band, band]`; 0 inside the band.
    public func hedgeTrade(_ m: MarketInputs, band: Double) -> Double {
        let delta = exposure(m).delta
        return abs(delta) > band ? -delta : 0
    }
}
