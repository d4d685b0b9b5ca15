import Foundation
import Stochastics

/// Ornstein–Uhlenbeck processes for pegged assets (stablecoins), independent per asset, stepped with
/// the exact discretisation (no Euler error at any step length Δ):
///
///     x_t = μ + (x_t−1 − μ)·e^(−κΔ) + σ·√((1 − e^(−2κΔ)) / (2κ)) · Z_t,   Z_t = rng.standardNormal()
///
/// The stationary law is N(μ, σ²/(2κ)); after a depeg the gap to μ shrinks by e^(−κΔ) per tick on
/// average (half-life ln 2 / κ). The price is Gaussian, so it is not bounded below by 0: keep σ²/(2κ)
/// small next to μ², as it is for a working peg.
///
/// Scenario keys: `assets` (a list of `name`, `peg` (μ > 0, default 1), `initial_price` (> 0, default μ),
/// `speed` (κ per tick, > 0), `sigma` (σ per √tick, >= 0)) and `tick_length` (Δ in ticks, > 0, default 1).
public struct OrnsteinUhlenbeckPeg: MarketProcess, Equatable {
    /// One pegged asset's parameters.
    public struct Asset: Sendable, Equatable {
        public var name: String
        public var peg: Double
        public var initialPrice: Double?
        public var speed: Double
        public var sigma: Double

        public init(name: String, peg: Double = 1, initialPrice: Double? = nil, speed: Double, sigma: Double) {
            self.name = name
            self.peg = peg
            self.initialPrice = initialPrice
            self.speed = speed
            self.sigma = sigma
        }

        /// σ² / (2κ), the stationary variance.
        public var stationaryVariance: Double { sigma * sigma / (2 * speed) }
    }

    public let assets: [Asset]
    public let tickLength: Double
    /// Per asset: e^(−κΔ) and σ·√((1 − e^(−2κΔ)) / (2κ)).
    let decay: [Double]
    let noise: [Double]

    public var assetNames: [String] { assets.map(\.name) }

    /// - Throws: `MarketError.invalidParameter` naming the first bad parameter.
    public init(assets: [Asset], tickLength: Double = 1) throws(MarketError) {
        try MarketCheck.nonEmpty("assets", assets.count)
        try MarketCheck.uniqueNames(assets.map(\.name))
        try MarketCheck.positive("tick_length", tickLength)
        for (i, a) in assets.enumerated() {
            try MarketCheck.positive("assets[\(i)].peg", a.peg)
            if let x0 = a.initialPrice { try MarketCheck.positive("assets[\(i)].initial_price", x0) }
            try MarketCheck.positive("assets[\(i)].speed", a.speed)
            try MarketCheck.nonNegative("assets[\(i)].sigma", a.sigma)
        }
        self.assets = assets
        self.tickLength = tickLength
        decay = assets.map { exp(-$0.speed * tickLength) }
        // −expm1(−2κΔ) = 1 − e^(−2κΔ) without cancellation when κΔ is small.
        noise = assets.map { $0.sigma * (-expm1(-2 * $0.speed * tickLength) / (2 * $0.speed)).squareRoot() }
    }

    public func initialState() -> MarketState {
        MarketState(
            prices: assets.map { $0.initialPrice ?? $0.peg },
            frozen: [Bool](repeating: false, count: assets.count),
            regime: 0,
            variances: noise.map { $0 * $0 })
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        for i in 0..<assets.count {
            let mu = assets[i].peg
            state.prices[i] = mu + (state.prices[i] - mu) * decay[i] + noise[i] * rng.standardNormal()
        }
    }
}
