/// An implied-volatility surface: one ``SVISlice`` per maturity, total variance interpolated linearly
/// in maturity at fixed log-moneyness, and a level that follows realised volatility.
///
/// Between two slices `w(k, T) = w₁(k) + (T − T₁)/(T₂ − T₁)·(w₂(k) − w₁(k))`, which keeps w non-decreasing
/// in T when the slices are (no calendar arbitrage, Gatheral and Jacquier 2014, §2); before the first and
/// after the last slice the implied volatility of the nearest slice is held. The level multiplies every
/// implied volatility by `σ_EWMA / referenceVolatility`, so the whole surface rises with realised
/// volatility in a crash and is as calibrated when the estimate is at its reference.
public struct VolatilitySurface: Sendable, Equatable {
    /// Slice maturities in years, strictly increasing.
    public let years: [Double]
    /// The slices, one per maturity.
    public let slices: [SVISlice]
    /// The realised volatility at which the surface holds as calibrated.
    public let referenceVolatility: Double

    /// Creates a surface after checking every slice (``SVISlice/check(grid:)``) and the calendar
    /// condition w_{i+1}(k) ≥ w_i(k) on `grid`.
    /// - Throws: ``SurfaceError`` naming the slice and the parameter at fault.
    public init(
        years: [Double], slices: [SVISlice], referenceVolatility: Double, grid: [Double] = SVISlice.grid
    ) throws(SurfaceError) {
        guard !slices.isEmpty, years.count == slices.count else {
            throw SurfaceError(slice: 0, defect: SurfaceDefect(key: "slices", message: "expected at least one slice"))
        }
        guard referenceVolatility.isFinite, referenceVolatility > 0 else {
            throw SurfaceError(
                slice: nil,
                defect: SurfaceDefect(
                    key: "reference_volatility", message: "expected a number > 0, got \(referenceVolatility)"))
        }
        for (i, s) in slices.enumerated() {
            guard years[i].isFinite, years[i] > 0, i == 0 || years[i] > years[i - 1] else {
                throw SurfaceError(
                    slice: i,
                    defect: SurfaceDefect(key: "tenor", message: "expected tenors > 0 in strictly increasing order"))
            }
            if let d = s.check(grid: grid) { throw SurfaceError(slice: i, defect: d) }
            guard i > 0 else { continue }
            for k in grid where s.totalVariance(k) < slices[i - 1].totalVariance(k) {
                throw SurfaceError(
                    slice: i,
                    defect: SurfaceDefect(
                        key: "tenor",
                        message: "expected total variance no lower than the previous slice's (no calendar "
                            + "arbitrage), got \(s.totalVariance(k)) < \(slices[i - 1].totalVariance(k)) at k = \(k)"))
            }
        }
        self.years = years
        self.slices = slices
        self.referenceVolatility = referenceVolatility
    }

    /// Total implied variance at log-moneyness k and maturity T years, at the calibrated level.
    public func totalVariance(k: Double, years t: Double) -> Double {
        guard t > 0 else { return 0 }
        let n = years.count
        if t <= years[0] { return slices[0].totalVariance(k) * t / years[0] }
        if t >= years[n - 1] { return slices[n - 1].totalVariance(k) * t / years[n - 1] }
        var i = 1
        while years[i] < t { i += 1 }
        let f = (t - years[i - 1]) / (years[i] - years[i - 1])
        let w1 = slices[i - 1].totalVariance(k)
        return w1 + f * (slices[i].totalVariance(k) - w1)
    }

    /// Implied volatility of strike K on spot S (the forward at zero rate) at T years, scaled by the
    /// level `realised / referenceVolatility`.
    public func impliedVolatility(strike: Double, spot: Double, years t: Double, realised: Double) -> Double {
        guard strike > 0, spot > 0, t > 0 else { return 0 }
        let w = max(totalVariance(k: _log(strike / spot), years: t), 0)
        return (w / t).squareRoot() * level(realised)
    }

    /// The multiplier on every implied volatility for realised volatility `realised`.
    public func level(_ realised: Double) -> Double {
        realised > 0 && realised.isFinite ? realised / referenceVolatility : 1
    }
}

/// A surface refused by its checks: which slice (nil: the surface as a whole) and what failed.
public struct SurfaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Index of the offending slice.
    public var slice: Int?
    /// The parameter at fault and why.
    public var defect: SurfaceDefect

    public var description: String {
        (slice.map { "slices[\($0)]." } ?? "") + "\(defect.key): \(defect.message)"
    }
}
