import Agents
import ProtocolModel
import ScenarioSchema

extension WorldDecoder {
    /// One entry of `lending.reserves`: `asset`, `ltv`, `liquidation_threshold` (≥ ltv),
    /// `liquidation_bonus`, `protocol_fee`, `supply_cap`, `price: oracle|pool`. Liquidators sell the
    /// collateral in the first Uniswap v2 pool trading it against USD, which must exist.
    static func decodeReserve(_ node: ConfigNode, _ spec: WorldSpec, _ lending: Scenario.Lending)
        throws(ConfigError) -> WorldSpec.CollateralReserve
    {
        let r = try ConfigReader(node)
        let t = try token(r, "asset", spec)
        guard t != 0 else {
            throw r.semanticError("asset", "expected a collateral asset, got USD (the deposits' reserve)")
        }
        let ltv = try r.double("ltv", .unitOpen)
        var liq = lending.liquidation
        liq.liquidationThreshold = try r.double("liquidation_threshold", .unitOpen)
        guard liq.liquidationThreshold >= ltv else {
            throw r.semanticError(
                "liquidation_threshold",
                "expected liquidation_threshold >= ltv (\(ValueRange.describe(ltv))), got "
                    + ValueRange.describe(liq.liquidationThreshold))
        }
        liq.liquidationBonus = try r.double("liquidation_bonus", default: liq.liquidationBonus, .closed(0, 1))
        liq.protocolFee = try r.double("protocol_fee", default: liq.protocolFee, .probability)
        let cap = r.has("supply_cap") ? try r.double("supply_cap", .closed(0, 1e15)) : .infinity
        let priceFromPool = try r.string("price", default: "oracle", oneOf: ["oracle", "pool"]) == "pool"
        guard let sell = sellPool(for: t, spec) else {
            throw r.semanticError(
                "asset",
                "expected a uniswap_v2 pool with base \(spec.assets[t - 1].name) and quote USD in pools "
                    + "(liquidators sell the collateral there), got none")
        }
        try r.finish()
        return WorldSpec.CollateralReserve(
            token: t, ltv: ltv, liquidation: liq, supplyCap: cap, priceFromPool: priceFromPool, sellPool: sell)
    }

    /// The state index of the first Uniswap v2 pool selling `token` for USD: the legacy pool 0 for the
    /// first asset, else the first such entry of `pools`.
    static func sellPool(for token: Int, _ spec: WorldSpec) -> Int? {
        if token == 1 { return 0 }
        let indices = spec.poolIndices
        for (k, p) in spec.pools.enumerated() {
            if case let .uniswapV2(base, quote, _, _, _) = p, base == token, quote == 0 { return indices[k] }
        }
        return nil
    }
}

extension WorldDecoder {
    /// Every asset of `borrowers.collateral` must have a collateral reserve: the first asset (the legacy
    /// keys) or an entry of `lending.reserves`.
    static func checkBaskets(_ root: ConfigReader, _ sections: [AgentSection], _ spec: WorldSpec) throws(ConfigError) {
        guard let config = sections.lazy.compactMap({ $0.config(as: Borrowers.self) }).first,
            !config.basket.isEmpty
        else { return }
        var entries: [(key: String, node: ConfigNode)] = []
        if let b = root.node("borrowers"), case let .mapping(items) = b.value,
            let c = items.first(where: { $0.key == "collateral" })?.node, case let .mapping(e) = c.value
        {
            entries = e
        }
        let collateral =
            [spec.assets.first?.name].compactMap { $0 } + spec.reserves.map { spec.assets[$0.token - 1].name }
        for w in config.basket where !collateral.contains(w.asset) {
            let node = entries.first { $0.key == w.asset }?.node ?? root.mappingNode
            throw ConfigError.semantic(
                node,
                "expected an asset with a collateral reserve (\(collateral.joined(separator: ", "))), got \(w.asset)")
        }
    }
}
