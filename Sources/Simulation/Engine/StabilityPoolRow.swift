import ProtocolModel

/// One row of `stability_pool.csv`, written when stability providers fund a pool: its holdings and its
/// cumulative flows at the end of the tick.
public struct StabilityPoolRow: Sendable, Equatable {
    public var tick: Int
    /// USD held, and the collateral held valued at the lending market's prices.
    public var usd: Double
    public var collateralValue: Double
    /// The pool's value per share (USD plus collateral, per share; 1 before any deposit).
    public var valuePerShare: Double
    /// Debt repaid from the pool, collateral seized (tokens, and their value when seized), liquidations.
    public var debtAbsorbed: Double
    public var collateralSeized: Double
    public var collateralSeizedValue: Double
    public var liquidations: Int
    /// USD deposited and withdrawn (cumulative).
    public var deposited: Double
    public var withdrawnUSD: Double

    static let csvHeader =
        "tick,usd,collateral_value,value_per_share,debt_absorbed,collateral_seized,collateral_seized_value,"
        + "liquidations,deposited,withdrawn_usd"

    /// The row of the tick that just closed; nil in a world without a stability pool.
    static func row(_ world: WorldState) -> StabilityPoolRow? {
        let p = world.state.stabilityPool
        guard p.isInstalled else { return nil }
        let prices = world.state.prices
        return StabilityPoolRow(
            tick: world.tick, usd: p.usd, collateralValue: p.value(prices: prices) - p.usd,
            valuePerShare: p.valuePerShare(prices: prices), debtAbsorbed: p.debtAbsorbed,
            collateralSeized: p.collateralSeized, collateralSeizedValue: p.collateralSeizedValue,
            liquidations: p.liquidations, deposited: p.deposited, withdrawnUSD: p.withdrawnUSD)
    }

    var values: [Double] {
        [
            usd, collateralValue, valuePerShare, debtAbsorbed, collateralSeized, collateralSeizedValue,
            Double(liquidations), deposited, withdrawnUSD,
        ]
    }

    var csvLine: String {
        let v = values.enumerated().map { $0.offset == 6 ? String(liquidations) : $0.element.description }
        return ([String(tick)] + v).joined(separator: ",")
    }

    func firstNonFinite() -> (column: String, value: Double)? {
        let names = Self.csvHeader.split(separator: ",").dropFirst()
        for (name, v) in zip(names, values) where !v.isFinite { return ("stability_pool." + name, v) }
        return nil
    }
}

/// The stability pool's part of the outcome.
public struct StabilityPoolOutcome: Sendable, Equatable, Codable {
    /// Debt the pool repaid, the collateral's value when seized, and the liquidations it absorbed.
    public var debtAbsorbedUSD = 0.0
    public var collateralSeizedValueUSD = 0.0
    public var liquidations = 0
    /// USD deposited in all; USD and collateral value held at the end.
    public var depositedUSD = 0.0
    public var finalUSD = 0.0
    public var finalCollateralValueUSD = 0.0
    /// The lowest value per share (and its first tick): the providers' worst loss is 1 minus it.
    public var minValuePerShare = Double.infinity
    public var minValuePerShareTick = 0

    enum CodingKeys: String, CodingKey {
        case debtAbsorbedUSD = "debt_absorbed_usd"
        case collateralSeizedValueUSD = "collateral_seized_value_usd"
        case liquidations
        case depositedUSD = "deposited_usd"
        case finalUSD = "final_usd"
        case finalCollateralValueUSD = "final_collateral_value_usd"
        case minValuePerShare = "min_value_per_share"
        case minValuePerShareTick = "min_value_per_share_tick"
    }

    public init() {}

    /// Folds in a tick's row.
    mutating func record(_ r: StabilityPoolRow) {
        if r.valuePerShare < minValuePerShare {
            minValuePerShare = r.valuePerShare
            minValuePerShareTick = r.tick
        }
        debtAbsorbedUSD = r.debtAbsorbed
        collateralSeizedValueUSD = r.collateralSeizedValue
        liquidations = r.liquidations
        depositedUSD = r.deposited
        finalUSD = r.usd
        finalCollateralValueUSD = r.collateralValue
    }

    func firstNonFinite() -> (field: String, value: Double)? {
        let fields: [(String, Double)] = [
            ("debt_absorbed_usd", debtAbsorbedUSD), ("collateral_seized_value_usd", collateralSeizedValueUSD),
            ("deposited_usd", depositedUSD), ("final_usd", finalUSD),
            ("final_collateral_value_usd", finalCollateralValueUSD), ("min_value_per_share", minValuePerShare),
        ]
        return fields.first { !$0.1.isFinite }
    }
}
