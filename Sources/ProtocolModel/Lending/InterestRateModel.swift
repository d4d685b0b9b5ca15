/// Utilisation as Compound's `utilizationRate`: `borrows / (cash + borrows − reserves)`, 0 without borrows.
@inlinable public func utilisation(cash: Double, borrows: Double, reserves: Double) -> Double {
    guard borrows > 0 else { return 0 }
    let base = cash + borrows - reserves
    return base > 0 ? min(1, borrows / base) : 1
}

/// An interest rate model: per-period borrow and supply rates as functions of utilisation.
public enum InterestRateModel: Sendable, Equatable {
    /// Compound v2 `JumpRateModelV2` / Aave's two-slope model.
    case jumpRate(JumpRateModel)
    /// Compound v3 (Comet): separate supply and borrow kinked curves.
    case comet(CometRateModel)

    /// Borrow rate at utilisation `u`.
    public func borrowRate(utilisation u: Double) -> Double {
        switch self {
        case let .jumpRate(m): m.borrowRate(utilisation: u)
        case let .comet(m): m.borrowRate(utilisation: u)
        }
    }

    /// Supply rate at utilisation `u` with reserve factor `reserveFactor` (ignored by Comet, whose
    /// supply curve already prices the protocol's cut).
    public func supplyRate(utilisation u: Double, reserveFactor: Double) -> Double {
        switch self {
        case let .jumpRate(m): m.supplyRate(utilisation: u, reserveFactor: reserveFactor)
        case let .comet(m): m.supplyRate(utilisation: u)
        }
    }
}

/// The kinked (jump-rate) model of `BaseJumpRateModelV2.sol`:
/// `borrow = base + multiplier·U` for `U ≤ kink`, else
/// `base + multiplier·kink + jumpMultiplier·(U − kink)`; `supply = U·borrow·(1 − reserveFactor)`.
/// Rates are per period (the caller picks the period: per year, per tick).
public struct JumpRateModel: Sendable, Equatable {
    /// `baseRatePerBlock` scaled to the period.
    public var baseRate: Double
    /// Slope below the kink: the stored `multiplierPerBlock` scaled to the period. This is the
    /// constructor's `multiplierPerYear / kink`; use ``compoundV2(baseRatePerYear:multiplierPerYear:jumpMultiplierPerYear:kink:)``
    /// to build the model from a deployment's published arguments.
    public var multiplier: Double
    /// Slope above the kink.
    public var jumpMultiplier: Double
    /// Utilisation at which the slope jumps.
    public var kink: Double
    /// Creates a model.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` unless rates ≥ 0 and 0 < kink ≤ 1.
    public init(baseRate: Double, multiplier: Double, jumpMultiplier: Double, kink: Double) throws(ProtocolError) {
        try _requireAmount("baseRate", baseRate, positive: false)
        try _requireAmount("multiplier", multiplier, positive: false)
        try _requireAmount("jumpMultiplier", jumpMultiplier, positive: false)
        guard kink > 0, kink <= 1 else { throw .invalidAmount("kink = \(kink), expected 0 < kink ≤ 1") }
        self.baseRate = baseRate
        self.multiplier = multiplier
        self.jumpMultiplier = jumpMultiplier
        self.kink = kink
    }

    /// The model from the constructor arguments of a deployed `BaseJumpRateModelV2` (per year):
    /// its constructor stores `multiplierPerBlock = multiplierPerYear / (blocksPerYear · kink)`, so
    /// `multiplierPerYear` is the rate added between 0 and the kink, not the slope. The slope here is
    /// therefore `multiplierPerYear / kink`, and published deployment parameters give the deployed curve.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` as ``init(baseRate:multiplier:jumpMultiplier:kink:)``.
    public static func compoundV2(
        baseRatePerYear: Double, multiplierPerYear: Double, jumpMultiplierPerYear: Double,
        kink: Double
    ) throws(ProtocolError) -> JumpRateModel {
        guard kink > 0, kink <= 1 else { throw .invalidAmount("kink = \(kink), expected 0 < kink ≤ 1") }
        return try JumpRateModel(
            baseRate: baseRatePerYear, multiplier: multiplierPerYear / kink,
            jumpMultiplier: jumpMultiplierPerYear, kink: kink)
    }

    /// `getBorrowRate`.
    public func borrowRate(utilisation u: Double) -> Double {
        if u <= kink { return baseRate + multiplier * u }
        return baseRate + multiplier * kink + jumpMultiplier * (u - kink)
    }

    /// `getSupplyRate`: `U · borrowRate · (1 − reserveFactor)`.
    public func supplyRate(utilisation u: Double, reserveFactor: Double) -> Double {
        u * borrowRate(utilisation: u) * (1 - reserveFactor)
    }
}

/// One kinked curve of Comet: `base + slopeLow·U` up to `kink`, then
/// `base + slopeLow·kink + slopeHigh·(U − kink)` (`CometCore.getSupplyRate` / `getBorrowRate`).
public struct KinkedCurve: Sendable, Equatable {
    /// Rate at zero utilisation.
    public var base: Double
    /// Slope below the kink.
    public var slopeLow: Double
    /// Slope above the kink.
    public var slopeHigh: Double
    /// Kink utilisation.
    public var kink: Double
    /// Creates a curve.
    public init(base: Double, slopeLow: Double, slopeHigh: Double, kink: Double) {
        self.base = base
        self.slopeLow = slopeLow
        self.slopeHigh = slopeHigh
        self.kink = kink
    }
    /// The rate at utilisation `u`.
    public func rate(_ u: Double) -> Double {
        u <= kink ? base + slopeLow * u : base + slopeLow * kink + slopeHigh * (u - kink)
    }
}

/// Compound v3 (Comet) rates: independent supply and borrow curves. Comet's utilisation is
/// `totalBorrow / totalSupply`; with no reserves that equals ``utilisation(cash:borrows:reserves:)``.
public struct CometRateModel: Sendable, Equatable {
    /// Supply curve (Comet's `supplyKink`, `supplyPerSecondInterestRateSlopeLow/High`, `...Base`).
    public var supply: KinkedCurve
    /// Borrow curve (`borrowKink`, `borrowPerSecondInterestRateSlopeLow/High`, `...Base`).
    public var borrow: KinkedCurve
    /// Creates a model.
    public init(supply: KinkedCurve, borrow: KinkedCurve) {
        self.supply = supply
        self.borrow = borrow
    }
    /// Borrow rate.
    public func borrowRate(utilisation u: Double) -> Double { borrow.rate(u) }
    /// Supply rate.
    public func supplyRate(utilisation u: Double) -> Double { supply.rate(u) }
}
