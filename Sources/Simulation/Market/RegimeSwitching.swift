import Stochastics

/// A two-state Markov chain (0 calm, 1 stress) that switches between two correlated GBMs.
///
/// Each tick first draws one uniform u: calm → stress when u < p₀₁, stress → calm when u < p₁₀.
/// Then the price step of the new regime runs (see `CorrelatedGBM`), with σ_calm or σ_stress and
/// the calm correlation C or the stress correlation
///
///     C_stress = (1 − b)·C + b·J,   J = the all-ones matrix,  0 <= b < 1,
///
/// so correlations move towards 1 in stress (b = 1 would be singular). Both Cholesky factors are
/// computed once, here. The stationary share of stress ticks is p₀₁ / (p₀₁ + p₁₀) (Hamilton 1989).
///
/// Scenario keys: `assets` (a list of `name`, `initial_price` (> 0), `drift` (μ per tick, default 0),
/// `calm_sigma` (>= 0), `stress_sigma` (>= 0)), `correlation` (calm, as for `CorrelatedGBM`),
/// `stress_correlation_blend` (b in [0, 1)), `calm_to_stress` (p₀₁ per tick, in [0, 1]),
/// `stress_to_calm` (p₁₀ per tick, in [0, 1]), `initial_regime` (0 or 1, default 0).
public struct RegimeSwitching: MarketProcess, Equatable {
    /// One asset's parameters.
    public struct Asset: Sendable, Equatable {
        public var name: String
        public var initialPrice: Double
        public var drift: Double
        public var calmSigma: Double
        public var stressSigma: Double

        public init(name: String, initialPrice: Double, drift: Double = 0, calmSigma: Double, stressSigma: Double) {
            self.name = name
            self.initialPrice = initialPrice
            self.drift = drift
            self.calmSigma = calmSigma
            self.stressSigma = stressSigma
        }
    }

    public let calm: CorrelatedGBM
    public let stress: CorrelatedGBM
    public let calmToStress: Double
    public let stressToCalm: Double
    public let initialRegime: Int

    public var assetNames: [String] { calm.assetNames }

    /// - Throws: `MarketError.invalidParameter` naming the first bad parameter.
    public init(
        assets: [Asset], correlation: [[Double]]? = nil, stressCorrelationBlend: Double,
        calmToStress: Double, stressToCalm: Double, initialRegime: Int = 0
    ) throws(MarketError) {
        try MarketCheck.nonEmpty("assets", assets.count)
        guard stressCorrelationBlend.isFinite, stressCorrelationBlend >= 0, stressCorrelationBlend < 1 else {
            throw .invalidParameter(
                name: "stress_correlation_blend", value: "\(stressCorrelationBlend)",
                expected: "a number in [0, 1) (1 would make every asset identical and the matrix singular)")
        }
        try MarketCheck.probability("calm_to_stress", calmToStress)
        try MarketCheck.probability("stress_to_calm", stressToCalm)
        guard initialRegime == 0 || initialRegime == 1 else {
            throw .invalidParameter(
                name: "initial_regime", value: "\(initialRegime)", expected: "0 (calm) or 1 (stress)")
        }
        for (i, a) in assets.enumerated() {
            try MarketCheck.nonNegative("assets[\(i)].calm_sigma", a.calmSigma)
            try MarketCheck.nonNegative("assets[\(i)].stress_sigma", a.stressSigma)
        }
        let calmAssets = assets.map {
            CorrelatedGBM.Asset(name: $0.name, initialPrice: $0.initialPrice, drift: $0.drift, sigma: $0.calmSigma)
        }
        let stressAssets = assets.map {
            CorrelatedGBM.Asset(name: $0.name, initialPrice: $0.initialPrice, drift: $0.drift, sigma: $0.stressSigma)
        }
        let calmModel = try CorrelatedGBM(assets: calmAssets, correlation: correlation)
        let b = stressCorrelationBlend
        let n = assets.count
        let stressCorrelation = (0..<n).map { i in
            (0..<n).map { j in i == j ? 1.0 : (1 - b) * calmModel.correlation[i][j] + b }
        }
        calm = calmModel
        stress = try CorrelatedGBM(assets: stressAssets, correlation: stressCorrelation)
        self.calmToStress = calmToStress
        self.stressToCalm = stressToCalm
        self.initialRegime = initialRegime
    }

    public func initialState() -> MarketState {
        var s = (initialRegime == 0 ? calm : stress).initialState()
        s.regime = initialRegime
        return s
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        let u = rng.uniform()
        if state.regime == 0 {
            if u < calmToStress { state.regime = 1 }
        } else if u < stressToCalm {
            state.regime = 0
        }
        let model = state.regime == 0 ? calm : stress
        model.advance(&state, tick: tick, rng: &rng)
        for i in 0..<model.sigmas.count { state.variances[i] = model.sigmas[i] * model.sigmas[i] }
    }
}
