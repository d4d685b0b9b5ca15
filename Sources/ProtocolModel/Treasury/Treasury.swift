/// A yield instrument the treasury holds: principal earning a simple rate, locked until `lockedUntil`
/// and repaid at `maturity` (a fixed-term deposit when the two coincide).
public struct YieldInstrument: Sendable, Equatable {
    /// Name, for reports.
    public var name: String
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
        name: String, principal: Double, ratePerTick: Double, startTick: Int, lockedUntil: Int,
        maturity: Int, earlyExitPenalty: Double = 0
    ) {
        self.name = name
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
    /// Ticks to maturity from `tick` (0 when matured).
    public func ticksToMaturity(from tick: Int) -> Int { max(0, maturity - tick) }
}

/// The protocol treasury: idle USD, yield instruments with lock-ups and maturities, the native token's
/// holdings and emissions budget, and an options book with its hedge.
public struct Treasury: Sendable, Equatable {
    /// Idle USD.
    public var idleUSD: Double
    /// Invested instruments.
    public var instruments: [YieldInstrument]
    /// Native tokens held.
    public var nativeHoldings: Double
    /// Native tokens still available for emissions.
    public var emissionsBudget: Double
    /// Native tokens emitted per tick while the budget lasts.
    public var emissionsPerTick: Double
    /// Options book (hedges, written covered calls, ...).
    public var options: OptionsBook

    /// Creates a treasury.
    public init(
        idleUSD: Double, instruments: [YieldInstrument] = [], nativeHoldings: Double = 0,
        emissionsBudget: Double = 0, emissionsPerTick: Double = 0, options: OptionsBook = OptionsBook()
    ) {
        self.idleUSD = idleUSD
        self.instruments = instruments
        self.nativeHoldings = nativeHoldings
        self.emissionsBudget = emissionsBudget
        self.emissionsPerTick = emissionsPerTick
        self.options = options
    }

    /// Moves `amount` of idle USD into a new instrument.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` or ``ProtocolError/insufficientLiquidity``.
    public mutating func invest(
        _ amount: Double, name: String, ratePerTick: Double, tick: Int,
        lockUp: Int, term: Int, earlyExitPenalty: Double = 0
    ) throws(ProtocolError) {
        try _requireAmount("amount", amount)
        guard lockUp >= 0, term >= lockUp else {
            throw .invalidAmount("lockUp = \(lockUp), term = \(term), expected 0 ≤ lockUp ≤ term")
        }
        guard amount <= idleUSD else { throw .insufficientLiquidity }
        idleUSD -= amount
        instruments.append(
            YieldInstrument(
                name: name, principal: amount, ratePerTick: ratePerTick, startTick: tick,
                lockedUntil: tick + lockUp, maturity: tick + term,
                earlyExitPenalty: earlyExitPenalty))
    }

    /// Redeems instrument `index` at `tick` into idle USD and returns the USD received.
    /// - Throws: ``ProtocolError/locked(untilTick:)`` during the lock-up, ``ProtocolError/unknownIndex(_:)``.
    @discardableResult
    public mutating func redeem(_ index: Int, tick: Int) throws(ProtocolError) -> Double {
        guard instruments.indices.contains(index) else { throw .unknownIndex("instrument \(index)") }
        let ins = instruments[index]
        guard tick >= ins.lockedUntil else { throw .locked(untilTick: ins.lockedUntil) }
        let value = ins.accruedValue(at: tick) * (tick < ins.maturity ? 1 - ins.earlyExitPenalty : 1)
        instruments.remove(at: index)
        idleUSD += value
        return value
    }

    /// Emits this tick's native tokens from the budget; returns the amount emitted.
    @discardableResult
    public mutating func emit() -> Double {
        let e = min(emissionsPerTick, emissionsBudget)
        emissionsBudget -= e
        return e
    }

    /// Idle USD + accrued instruments + native holdings at `nativePrice` + options book marked to market.
    public func value(at tick: Int, nativePrice: Double, market: MarketInputs) -> Double {
        var v = idleUSD + nativeHoldings * nativePrice + options.markToMarket(market)
        for ins in instruments { v += ins.accruedValue(at: tick) }
        return v
    }
}
