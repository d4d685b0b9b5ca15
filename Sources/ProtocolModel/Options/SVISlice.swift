import Stochastics

/// One maturity of a volatility surface in Gatheral's raw SVI ("stochastic volatility inspired")
/// parametrisation of total implied variance against log-moneyness k = ln(K/F):
///
/// `w(k) = a + b·(ρ·(k − m) + √((k − m)² + σ²))`, implied volatility `√(w(k)/T)`
///
/// (J. Gatheral, "A parsimonious arbitrage-free implied volatility parameterization", 2004; conditions
/// from Gatheral and Jacquier, "Arbitrage-free SVI volatility surfaces", Quantitative Finance 14, 2014).
public struct SVISlice: Sendable, Equatable {
    /// Level of total variance.
    public var a: Double
    /// Slope of the wings (b ≥ 0).
    public var b: Double
    /// Skew, the rotation of the smile (|ρ| < 1).
    public var rho: Double
    /// Horizontal shift of the smile's minimum.
    public var m: Double
    /// Curvature at the minimum (σ > 0).
    public var sigma: Double

    /// Creates a slice; ``check(grid:)`` says whether it is admissible.
    public init(a: Double, b: Double, rho: Double, m: Double, sigma: Double) {
        self.a = a
        self.b = b
        self.rho = rho
        self.m = m
        self.sigma = sigma
    }

    /// Total implied variance w(k).
    public func totalVariance(_ k: Double) -> Double {
        let x = k - m
        return a + b * (rho * x + (x * x + sigma * sigma).squareRoot())
    }

    /// Gatheral's butterfly density factor
    /// `g(k) = (1 − k·w′/(2w))² − (w′²/4)·(1/w + 1/4) + w″/2`: the risk-neutral density of the slice is
    /// non-negative (no butterfly arbitrage) where g(k) ≥ 0.
    public func butterflyDensity(_ k: Double) -> Double {
        let x = k - m
        let root = (x * x + sigma * sigma).squareRoot()
        let w = a + b * (rho * x + root)
        let w1 = b * (rho + x / root)
        let w2 = b * sigma * sigma / (root * root * root)
        let first = 1 - k * w1 / (2 * w)
        return first * first - w1 * w1 / 4 * (1 / w + 0.25) + w2 / 2
    }

    /// Why the slice is not admissible, or nil: b ≥ 0, |ρ| < 1, σ > 0, a non-negative minimum
    /// `a + b·σ·√(1 − ρ²) ≥ 0`, Lee's moment bound on the wings `b·(1 + |ρ|) ≤ 2`, and g(k) ≥ 0 on
    /// `grid` (no butterfly arbitrage).
    public func check(grid: [Double] = SVISlice.grid) -> SurfaceDefect? {
        for (name, v) in [("a", a), ("b", b), ("rho", rho), ("m", m), ("sigma", sigma)] where !v.isFinite {
            return SurfaceDefect(key: name, message: "expected a finite number, got \(v)")
        }
        guard b >= 0 else { return SurfaceDefect(key: "b", message: "expected b >= 0, got \(b)") }
        guard abs(rho) < 1 else { return SurfaceDefect(key: "rho", message: "expected |rho| < 1, got \(rho)") }
        guard sigma > 0 else { return SurfaceDefect(key: "sigma", message: "expected sigma > 0, got \(sigma)") }
        let floor = a + b * sigma * (1 - rho * rho).squareRoot()
        guard floor >= 0 else {
            return SurfaceDefect(
                key: "a", message: "expected a + b·sigma·√(1 − rho²) >= 0 (non-negative variance), got \(floor)")
        }
        guard b * (1 + abs(rho)) <= 2 else {
            return SurfaceDefect(
                key: "b", message: "expected b·(1 + |rho|) <= 2 (Lee's moment bound), got \(b * (1 + abs(rho)))")
        }
        for k in grid {
            let g = butterflyDensity(k)
            guard g >= 0, totalVariance(k) > 0 else {
                return SurfaceDefect(
                    key: "b",
                    message: "expected no butterfly arbitrage (Gatheral's g(k) >= 0), got g(k) = \(g) "
                        + "at log-moneyness k = \(k)")
            }
        }
        return nil
    }

    /// Log-moneyness from −1.5 to 1.5 in steps of 0.01: strikes from 22% to 450% of the forward.
    public static let grid = (-150...150).map { Double($0) / 100 }

    /// Calibrates a slice of maturity `years` to quotes (log-moneyness k, implied volatility) by nonlinear
    /// least squares on the volatility residuals (``/Stochastics/NonlinearLeastSquares``), in coordinates
    /// that keep b > 0, |ρ| < 1 and σ > 0: b = eᵘ, ρ = tanh v, σ = eˢ. Of a few deterministic starts, the
    /// best fit is kept.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for fewer than five quotes, a non-positive volatility,
    ///   or no start converging.
    public static func calibrate(quotes: [(k: Double, volatility: Double)], years: Double) throws(ProtocolError)
        -> SVISlice
    {
        guard quotes.count >= 5 else {
            throw .invalidAmount("\(quotes.count) quotes: expected at least 5 for the 5 SVI parameters")
        }
        try _requireAmount("years", years)
        for q in quotes {
            guard q.k.isFinite, q.volatility.isFinite, q.volatility > 0 else {
                throw .invalidAmount("quote (\(q.k), \(q.volatility)): expected finite k and volatility > 0")
            }
        }
        let atm = quotes.min { abs($0.k) < abs($1.k) }?.volatility ?? 0.5
        let w0 = atm * atm * years
        let model: ([Double]) -> SVISlice = { x in
            SVISlice(a: x[0], b: _exp(x[1]), rho: tanhValue(x[2]), m: x[3], sigma: _exp(x[4]))
        }
        var best: (fit: NonlinearLeastSquares.Fit, slice: SVISlice)?
        for (rho, sigma) in [(-0.3, 0.1), (0.0, 0.3), (-0.7, 0.05), (0.3, 0.2)] {
            let start = [w0 / 2, _log(max(w0, 1e-6)), atanhValue(rho), 0, _log(sigma)]
            guard
                let fit = try? NonlinearLeastSquares.fit(
                    start: start, count: quotes.count,
                    { x in
                        let s = model(x)
                        return quotes.map { q in (max(s.totalVariance(q.k), 0) / years).squareRoot() - q.volatility }
                    })
            else { continue }
            if best.map({ fit.residualSumOfSquares < $0.fit.residualSumOfSquares }) ?? true {
                best = (fit, model(fit.parameters))
            }
        }
        guard let best else { throw .invalidAmount("SVI calibration did not converge from any start") }
        return best.slice
    }
}

/// Where a slice or surface fails its checks: the parameter (or `tenor`) at fault and why.
public struct SurfaceDefect: Sendable, Equatable, Error {
    /// The offending key: a slice parameter, or `tenor` for a calendar-spread violation.
    public var key: String
    /// What was expected.
    public var message: String
}

func tanhValue(_ x: Double) -> Double {
    let e = _exp(2 * x)
    return e.isFinite ? (e - 1) / (e + 1) : 1
}

func atanhValue(_ y: Double) -> Double { 0.5 * _log((1 + y) / (1 - y)) }
