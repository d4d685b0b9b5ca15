import Foundation
import Stochastics

/// N assets, each with its own price process (`AssetProcess`: GBM, Merton jumps, GARCH(1,1), OU peg or
/// replay), whose Gaussian innovations are correlated through one correlation matrix C, optionally with
/// calm/stress regimes (`MarketRegimes`).
///
/// When liquidity dries up, correlations approach unity: in stress the innovations use
/// (1 − λ)·C + λ·J (J all ones), and stress can be entered by a Markov draw or forced by the
/// protocol's liquidity through `MarketState.stressSignal` (`StressTrigger`).
///
/// Draw order per tick: with regimes, one uniform (always); then n standard normals in asset order,
/// turned into X = L·Z with the factor of the tick's regime (a replay asset's X is unused); then, per
/// jump-diffusion asset in asset order, its jump count and, if it jumped, one normal. Both Cholesky
/// factors are computed once, here, and `advance` does not allocate. With one asset and no regimes the
/// arithmetic is that of the one-asset model of the same process, so the paths are identical.
///
/// Scenario keys: `market.assets` (a list; per asset `name`, `model` and the model's keys),
/// `market.correlation` (n×n, positive semi-definite, default the identity), `market.regimes`.
public struct MultiAssetMarket: MarketProcess, Equatable {
    /// One asset: its name, opening price and process.
    public struct Asset: Sendable, Equatable {
        public var name: String
        /// The price at tick 0: required for `gbm`, `jumpDiffusion` and `garch`; nil means the peg for
        /// `ouPeg`; must be nil for `replay`, which opens at its first row (rescale the replay instead).
        public var initialPrice: Double?
        public var process: AssetProcess

        /// An asset called `name`.
        public init(name: String, initialPrice: Double? = nil, process: AssetProcess) {
            self.name = name
            self.initialPrice = initialPrice
            self.process = process
        }
    }

    public let assets: [Asset]
    /// The calm correlation C (the identity when none was given).
    public let correlation: [[Double]]
    public let regimes: MarketRegimes?
    let calmFactor: CorrelationFactor
    /// The factor of (1 − λ)·C + λ·J; the calm factor when there are no regimes.
    let stressFactor: CorrelationFactor
    let steps: [AssetStep]
    let openingPrices: [Double]

    public var assetNames: [String] { assets.map(\.name) }

    /// - Parameters:
    ///   - assets: the assets, in the order of the price vector.
    ///   - correlation: n×n, positive semi-definite; nil means independent innovations.
    ///   - regimes: calm/stress switching; nil means always calm.
    /// - Throws: `MarketError.invalidParameter` naming the first bad parameter (`assets[i].sigma`, `correlation`, …).
    public init(assets: [Asset], correlation: [[Double]]? = nil, regimes: MarketRegimes? = nil) throws(MarketError) {
        try MarketCheck.nonEmpty("assets", assets.count)
        try MarketCheck.uniqueNames(assets.map(\.name))
        try regimes?.validate()
        let m = regimes?.stressSigmaMultiplier ?? 1
        var steps: [AssetStep] = []
        var opening: [Double] = []
        for (i, a) in assets.enumerated() {
            steps.append(try AssetStep(a.process, stressMultiplier: m, name: "assets[\(i)]"))
            opening.append(try Self.openingPrice(a, name: "assets[\(i)].initial_price"))
        }
        let n = assets.count
        let c = correlation ?? (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        if correlation == nil {
            calmFactor = CorrelationFactor(identity: n)
        } else {
            calmFactor = try CorrelationFactor(c, dimension: n, name: "correlation")
        }
        if let lambda = regimes?.stressCorrelationBlend, lambda > 0 {
            stressFactor = try CorrelationFactor(
                CorrelationCheck.blend(c, towardsOne: lambda), dimension: n, name: "regimes.stress_correlation")
        } else {
            stressFactor = calmFactor
        }
        self.assets = assets
        self.correlation = c
        self.regimes = regimes
        self.steps = steps
        openingPrices = opening
    }

    private static func openingPrice(_ a: Asset, name: String) throws(MarketError) -> Double {
        switch a.process {
        case let .replay(r):
            guard a.initialPrice == nil else {
                throw .invalidParameter(
                    name: name, value: "\(a.initialPrice ?? 0)", expected: "absent for a replay (rescale the replay)")
            }
            return r.prices[0]
        case let .ouPeg(peg, _, _):
            let p = a.initialPrice ?? peg
            try MarketCheck.positive(name, p)
            return p
        default:
            guard let p = a.initialPrice else {
                throw .invalidParameter(name: name, value: "nothing", expected: "a finite number > 0")
            }
            try MarketCheck.positive(name, p)
            return p
        }
    }

    public func initialState() -> MarketState {
        let stressed = regimes?.initialRegime == 1
        let variances = assets.indices.map { i -> Double in
            switch (assets[i].process, steps[i]) {
            case let (.garch(_, omega, alpha, beta, h0), _): return h0 ?? omega / (1 - alpha - beta)
            case let (_, .diffusion(calm, stress, _)): return stressed ? stress.1 * stress.1 : calm.1 * calm.1
            case let (_, .peg(_, _, calm, stress)): return stressed ? stress * stress : calm * calm
            default: return 0
            }
        }
        return MarketState(
            prices: openingPrices, frozen: [Bool](repeating: false, count: assets.count),
            regime: regimes?.initialRegime ?? 0, variances: variances)
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        if let regimes {
            let u = rng.uniform()
            state.regime = regimes.next(from: state.regime, uniform: u, signal: state.stressSignal)
        }
        let stressed = state.regime == 1
        (stressed ? stressFactor : calmFactor).withDraws(&rng) { x in
            for i in 0..<x.count { Self.diffuse(steps[i], &state, i, x[i], stressed: stressed, tick: tick) }
        }
        for i in 0..<steps.count {
            guard case let .diffusion(_, _, jumps?) = steps[i] else { continue }
            var logJump = jumps.compensator
            let n = jumps.count.sample(&rng)
            if n > 0 {
                let count = Double(n)
                logJump +=
                    count * jumps.logMean + jumps.logStandardDeviation * count.squareRoot() * rng.standardNormal()
            }
            state.prices[i] *= exp(logJump)
        }
    }

    /// The Gaussian part of asset `i`'s step, with its correlated normal `x`.
    @inline(__always)
    private static func diffuse(
        _ step: AssetStep, _ state: inout MarketState, _ i: Int, _ x: Double, stressed: Bool, tick: Int
    ) {
        switch step {
        case let .diffusion(calm, stress, _):
            let (logDrift, sigma) = stressed ? stress : calm
            state.prices[i] *= exp(logDrift + sigma * x)
            state.variances[i] = sigma * sigma
        case let .garch(drift, omega, alpha, beta, m2):
            let h = state.variances[i]
            let v = stressed ? m2 * h : h
            let eps = v.squareRoot() * x
            state.prices[i] *= exp(drift - v / 2 + eps)
            state.variances[i] = omega + alpha * eps * eps + beta * h
        case let .peg(mu, decay, calmNoise, stressNoise):
            let noise = stressed ? stressNoise : calmNoise
            state.prices[i] = mu + (state.prices[i] - mu) * decay + noise * x
            state.variances[i] = noise * noise
        case let .replay(prices):
            state.prices[i] = prices[min(max(tick, 0), prices.count - 1)]
        }
    }

    /// - Throws: `MarketError.seriesTooShort` when a replay asset with `after_end: error` is shorter than the run.
    public func validate(tickCount: Int) throws(MarketError) {
        for a in assets { if case let .replay(r) = a.process { try r.validate(tickCount: tickCount) } }
    }

    /// Each replay asset's series, in asset order.
    public var replayedSeries: [[Double]] {
        assets.compactMap { asset -> [Double]? in
            guard case let .replay(r) = asset.process else { return nil }
            return r.prices
        }
    }

    /// Equal parameters; the factors and precomputed steps follow from them.
    public static func == (lhs: MultiAssetMarket, rhs: MultiAssetMarket) -> Bool {
        lhs.assets == rhs.assets && lhs.correlation == rhs.correlation && lhs.regimes == rhs.regimes
    }
}
