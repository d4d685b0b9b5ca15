import Stochastics

/// A base market model with scripted shocks applied after each of its steps.
///
/// Per tick: the base step, then every shock of that tick in list order, then the oracle freeze
/// flags are recomputed (true exactly inside a `freezeOracle` window). Draws no random numbers
/// itself, so adding shocks never changes the base model's draws.
///
/// Scenario keys: the base model's keys, plus `shocks` (a list of `Shock`s).
public struct ShockedMarket<Base: MarketProcess>: MarketProcess {
    public let base: Base
    public let shocks: [Shock]
    /// True when some shock must hold a price level, which needs the pre-step prices.
    let holdsLevels: Bool

    public var assetNames: [String] { base.assetNames }

    /// - Throws: `MarketError.invalidParameter` for a shock with a bad asset index, tick, window or size.
    public init(base: Base, shocks: [Shock]) throws(MarketError) {
        let n = base.assetNames.count
        for (i, shock) in shocks.enumerated() { try shock.validate(assetCount: n, name: "shocks[\(i)]") }
        self.base = base
        self.shocks = shocks
        holdsLevels = shocks.contains {
            if case let .depegByFactor(_, from, to, _) = $0 { return to > from }
            return false
        }
    }

    public func initialState() -> MarketState {
        var s = base.initialState()
        applyFreezes(&s, tick: 0)
        return s
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        guard holdsLevels else {
            base.advance(&state, tick: tick, rng: &rng)
            applyShocks(&state, tick: tick, before: nil)
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: state.prices.count) { before in
            for i in 0..<before.count { before[i] = state.prices[i] }
            base.advance(&state, tick: tick, rng: &rng)
            applyShocks(&state, tick: tick, before: UnsafeBufferPointer(before))
        }
    }

    public func validate(tickCount: Int) throws(MarketError) {
        try base.validate(tickCount: tickCount)
    }

    private func applyShocks(_ state: inout MarketState, tick: Int, before: UnsafeBufferPointer<Double>?) {
        for shock in shocks {
            switch shock {
            case let .multiply(asset, t, factor) where t == tick:
                state.prices[asset] *= factor
            case let .depeg(asset, from, to, price) where from <= tick && tick <= to:
                state.prices[asset] = price
            case let .depegByFactor(asset, from, to, factor) where from <= tick && tick <= to:
                if tick == from {
                    state.prices[asset] *= factor
                } else if let before {
                    state.prices[asset] = before[asset]  // the level set at `from`, undoing this tick's step
                }
            default:
                break
            }
        }
        applyFreezes(&state, tick: tick)
    }

    private func applyFreezes(_ state: inout MarketState, tick: Int) {
        for i in 0..<state.frozen.count { state.frozen[i] = false }
        for shock in shocks {
            if case let .freezeOracle(asset, from, to) = shock, from <= tick, tick <= to {
                state.frozen[asset] = true
            }
        }
    }
}

extension ShockedMarket: Equatable where Base: Equatable {}
