import Stochastics

/// Any of Ballast's market models, as one concrete value: the engine holds a `MarketModel` and
/// each tick costs one `switch`, with no existential boxes in the hot loop.
///
/// Scenario keys: `model`, one of `gbm`, `jump_diffusion`, `garch`, `regime_switching`, `ou_peg`,
/// `replay` (one asset); or `assets` (`.multiAsset`). With shocks present the model is wrapped in `.shocked`.
public indirect enum MarketModel: MarketProcess, Equatable {
    case gbm(CorrelatedGBM)
    case jumpDiffusion(JumpDiffusion)
    case garch(GARCHVolatility)
    case regimeSwitching(RegimeSwitching)
    case ouPeg(OrnsteinUhlenbeckPeg)
    case replay(HistoricalReplay)
    case multiAsset(MultiAssetMarket)
    case shocked(ShockedMarket<MarketModel>)

    /// Wraps `model` with `shocks` (returns `model` unchanged when there are none).
    public static func with(_ model: MarketModel, shocks: [Shock]) throws(MarketError) -> MarketModel {
        shocks.isEmpty ? model : .shocked(try ShockedMarket(base: model, shocks: shocks))
    }

    public var assetNames: [String] {
        switch self {
        case let .gbm(m): m.assetNames
        case let .jumpDiffusion(m): m.assetNames
        case let .garch(m): m.assetNames
        case let .regimeSwitching(m): m.assetNames
        case let .ouPeg(m): m.assetNames
        case let .replay(m): m.assetNames
        case let .multiAsset(m): m.assetNames
        case let .shocked(m): m.assetNames
        }
    }

    public func initialState() -> MarketState {
        switch self {
        case let .gbm(m): m.initialState()
        case let .jumpDiffusion(m): m.initialState()
        case let .garch(m): m.initialState()
        case let .regimeSwitching(m): m.initialState()
        case let .ouPeg(m): m.initialState()
        case let .replay(m): m.initialState()
        case let .multiAsset(m): m.initialState()
        case let .shocked(m): m.initialState()
        }
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        switch self {
        case let .gbm(m): m.advance(&state, tick: tick, rng: &rng)
        case let .jumpDiffusion(m): m.advance(&state, tick: tick, rng: &rng)
        case let .garch(m): m.advance(&state, tick: tick, rng: &rng)
        case let .regimeSwitching(m): m.advance(&state, tick: tick, rng: &rng)
        case let .ouPeg(m): m.advance(&state, tick: tick, rng: &rng)
        case let .replay(m): m.advance(&state, tick: tick, rng: &rng)
        case let .multiAsset(m): m.advance(&state, tick: tick, rng: &rng)
        case let .shocked(m): m.advance(&state, tick: tick, rng: &rng)
        }
    }

    /// The replayed price series, one per replayed asset in asset order (empty when nothing is
    /// replayed): part of what a scenario is.
    public var replayedSeries: [[Double]] {
        switch self {
        case let .replay(m): return [m.prices]
        case let .multiAsset(m): return m.replayedSeries
        case let .shocked(m): return m.base.replayedSeries
        default: return []
        }
    }

    /// Whether some shock freezes the oracle (which only a price feed can honour).
    public var hasOracleFreeze: Bool {
        guard case let .shocked(m) = self else { return false }
        return m.shocks.contains { if case .freezeOracle = $0 { return true } else { return false } }
    }

    public func validate(tickCount: Int) throws(MarketError) {
        switch self {
        case .gbm, .jumpDiffusion, .garch, .regimeSwitching, .ouPeg: return
        case let .replay(m): try m.validate(tickCount: tickCount)
        case let .multiAsset(m): try m.validate(tickCount: tickCount)
        case let .shocked(m): try m.validate(tickCount: tickCount)
        }
    }
}
