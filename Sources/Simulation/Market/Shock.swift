/// A scripted event applied after the base model's step of a tick. Assets are indices into the
/// model's `assetNames`; tick windows are inclusive. Shocks of the same tick apply in list order.
///
/// Scenario keys: `kind` (`multiply`, `depeg`, `depeg_by_factor`, `freeze_oracle`), `asset`, and
/// `tick` + `factor`, or `from` + `to` + `price` / `factor`, as in the cases below.
public enum Shock: Sendable, Equatable {
    /// At `tick` (>= 1), after that tick's step, the price is multiplied by `factor` (> 0); the model
    /// continues from the shocked price. The reference model's crash is `.multiply(asset: 0, tick: 200, factor: 0.7)`.
    case multiply(asset: Int, tick: Int, factor: Double)
    /// From tick `from` (>= 1) to tick `to` (>= from), after each step, the price is set to `price` (> 0).
    /// The model resumes from `price` at tick `to` + 1 (an OU peg then reverts towards its peg).
    case depeg(asset: Int, from: Int, to: Int, price: Double)
    /// At tick `from` (>= 1) the stepped price is multiplied by `factor` (> 0) and that level is held
    /// through tick `to` (>= from); the model resumes from it at `to` + 1.
    case depegByFactor(asset: Int, from: Int, to: Int, factor: Double)
    /// The oracle of `asset` is frozen from tick `from` (>= 0) to tick `to` (>= from): `MarketState.frozen`
    /// is true in the window. The external price itself keeps moving.
    case freezeOracle(asset: Int, from: Int, to: Int)

    /// The asset index the shock refers to.
    public var asset: Int {
        switch self {
        case let .multiply(asset, _, _), let .depeg(asset, _, _, _), let .depegByFactor(asset, _, _, _),
            let .freezeOracle(asset, _, _):
            return asset
        }
    }

    /// Checks the shock against a model with `assetCount` assets; `name` is its scenario key path.
    func validate(assetCount: Int, name: String) throws(MarketError) {
        guard asset >= 0, asset < assetCount else {
            throw .invalidParameter(
                name: "\(name).asset", value: "\(asset)", expected: "an asset index in 0..<\(assetCount)")
        }
        switch self {
        case let .multiply(_, tick, factor):
            try Self.tick("\(name).tick", tick, minimum: 1)
            try MarketCheck.positive("\(name).factor", factor)
        case let .depeg(_, from, to, price):
            try Self.window(name, from, to, minimum: 1)
            try MarketCheck.positive("\(name).price", price)
        case let .depegByFactor(_, from, to, factor):
            try Self.window(name, from, to, minimum: 1)
            try MarketCheck.positive("\(name).factor", factor)
        case let .freezeOracle(_, from, to):
            try Self.window(name, from, to, minimum: 0)
        }
    }

    private static func tick(_ name: String, _ t: Int, minimum: Int) throws(MarketError) {
        guard t >= minimum else {
            throw .invalidParameter(name: name, value: "\(t)", expected: "a tick >= \(minimum)")
        }
    }

    private static func window(_ name: String, _ from: Int, _ to: Int, minimum: Int) throws(MarketError) {
        try tick("\(name).from", from, minimum: minimum)
        guard to >= from else {
            throw .invalidParameter(name: "\(name).to", value: "\(to)", expected: "a tick >= from (\(from))")
        }
    }
}
