import Stochastics

/// Call or put.
public enum OptionKind: String, Sendable, Equatable, Codable {
    /// The right to buy at the strike.
    case call
    /// The right to sell at the strike.
    case put
}

/// Price and Greeks of a European option.
public struct OptionGreeks: Sendable, Equatable {
    /// Price per unit of underlying.
    public var price: Double
    /// ∂V/∂S.
    public var delta: Double
    /// ∂²V/∂S².
    public var gamma: Double
    /// ∂V/∂t per year of calendar time (negative of ∂V/∂T).
    public var theta: Double
    /// ∂V/∂σ per unit (1.00 = 100 vol points) of volatility.
    public var vega: Double
    /// The zero value (expired or empty).
    public static let zero = OptionGreeks(price: 0, delta: 0, gamma: 0, theta: 0, vega: 0)
}

/// Black–Scholes–Merton for European options on an asset with continuous yield `q`, through GSL's
/// gaussian CDF and density (``/Stochastics/StandardNormal``).
///
/// `d1 = (ln(S/K) + (r − q + σ²/2)T)/(σ√T)`, `d2 = d1 − σ√T`;
/// call `= S·e^{−qT}Φ(d1) − K·e^{−rT}Φ(d2)`, put `= K·e^{−rT}Φ(−d2) − S·e^{−qT}Φ(−d1)`.
public enum BlackScholes {
    /// Price and Greeks. At or after expiry (T ≤ 0) or with σ ≤ 0, returns intrinsic value of the
    /// forward with the step-function delta and zero gamma, theta and vega.
    /// - Parameters: spot S > 0, strike K > 0, years to expiry T, volatility σ per √year, rate r, yield q.
    public static func greeks(
        kind: OptionKind, spot s: Double, strike k: Double, years t: Double,
        volatility sigma: Double, rate r: Double = 0, yield q: Double = 0
    ) -> OptionGreeks {
        guard s > 0, k > 0 else { return .zero }
        let dfR = _exp(-r * max(t, 0))
        let dfQ = _exp(-q * max(t, 0))
        guard t > 0, sigma > 0 else {
            let fwd = s * dfQ - k * dfR
            switch kind {
            case .call: return OptionGreeks(price: max(fwd, 0), delta: fwd > 0 ? dfQ : 0, gamma: 0, theta: 0, vega: 0)
            case .put: return OptionGreeks(price: max(-fwd, 0), delta: fwd < 0 ? -dfQ : 0, gamma: 0, theta: 0, vega: 0)
            }
        }
        let sqrtT = t.squareRoot()
        let d1 = (_log(s / k) + (r - q + sigma * sigma / 2) * t) / (sigma * sqrtT)
        let d2 = d1 - sigma * sqrtT
        let pdf1 = StandardNormal.pdf(d1)
        let gamma = dfQ * pdf1 / (s * sigma * sqrtT)
        let vega = s * dfQ * pdf1 * sqrtT
        let decay = -s * dfQ * pdf1 * sigma / (2 * sqrtT)
        switch kind {
        case .call:
            let n1 = StandardNormal.cdf(d1)
            let n2 = StandardNormal.cdf(d2)
            return OptionGreeks(
                price: s * dfQ * n1 - k * dfR * n2, delta: dfQ * n1, gamma: gamma,
                theta: decay - r * k * dfR * n2 + q * s * dfQ * n1, vega: vega)
        case .put:
            let m1 = StandardNormal.cdf(-d1)
            let m2 = StandardNormal.cdf(-d2)
            return OptionGreeks(
                price: k * dfR * m2 - s * dfQ * m1, delta: -dfQ * m1, gamma: gamma,
                theta: decay + r * k * dfR * m2 - q * s * dfQ * m1, vega: vega)
        }
    }

    /// Price only.
    public static func price(
        kind: OptionKind, spot: Double, strike: Double, years: Double,
        volatility: Double, rate: Double = 0, yield: Double = 0
    ) -> Double {
        greeks(kind: kind, spot: spot, strike: strike, years: years, volatility: volatility, rate: rate, yield: yield)
            .price
    }
}
