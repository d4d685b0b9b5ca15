/// RiskMetrics' exponentially weighted estimate of realised volatility, annualised:
/// `σ²ₜ = λ·σ²ₜ₋₁ + (1 − λ)·r²ₜ` over the log-returns `rₜ` of the prices it observes (one per tick), and
/// `σ_year = √(σ²ₜ · ticksPerYear)`.
public struct EWMAVolatility: Sendable, Equatable {
    /// Decay λ in [0, 1).
    public let lambda: Double
    /// Ticks in a year (8,760 for hourly ticks).
    public let ticksPerYear: Double
    /// Current variance per tick.
    public private(set) var variancePerTick: Double
    /// The last price observed (0 before the first).
    public private(set) var lastPrice = 0.0

    /// Creates an estimator.
    /// - Parameters:
    ///   - lambda: Decay λ in [0, 1).
    ///   - initialVolatility: Volatility per √year before any return is observed (> 0).
    ///   - ticksPerYear: Ticks in a year (> 0).
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` outside those ranges.
    public init(lambda: Double, initialVolatility: Double, ticksPerYear: Double) throws(ProtocolError) {
        guard lambda >= 0, lambda < 1 else { throw .invalidAmount("lambda = \(lambda), expected [0, 1)") }
        try _requireAmount("initialVolatility", initialVolatility)
        try _requireAmount("ticksPerYear", ticksPerYear)
        self.lambda = lambda
        self.ticksPerYear = ticksPerYear
        self.variancePerTick = initialVolatility * initialVolatility / ticksPerYear
    }

    /// A placeholder that observes nothing (λ = 0, one tick a year, zero variance).
    init(inactive: Void) {
        lambda = 0
        ticksPerYear = 1
        variancePerTick = 0
    }

    /// Volatility per √year.
    public var annualised: Double { (variancePerTick * ticksPerYear).squareRoot() }

    /// Folds in the return from the last price to `price` (the first price only sets the origin; a
    /// non-positive or non-finite price is ignored).
    public mutating func observe(_ price: Double) {
        guard price > 0, price.isFinite else { return }
        if lastPrice > 0 {
            let r = _log(price / lastPrice)
            variancePerTick = lambda * variancePerTick + (1 - lambda) * r * r
        }
        lastPrice = price
    }
}
