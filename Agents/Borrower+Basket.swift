import ProtocolModel
import ScenarioSchema

extension Borrowers {
    /// `collateral`: a mapping from asset name to a positive value weight; the weights are scaled to sum
    /// to 1. The names are checked against the world's collateral reserves when the scenario is decoded.
    static func decodeBasket(_ r: ConfigReader) throws(ConfigError) -> [BasketWeight] {
        guard let node = r.node("collateral") else { return [] }
        guard case let .mapping(entries) = node.value, !entries.isEmpty else {
            throw ConfigError.semantic(
                node,
                "expected a mapping from asset name to value weight, e.g. {ETH: 0.6, WBTC: 0.4}, "
                    + "got \(node.foundDescription)")
        }
        var basket: [BasketWeight] = []
        for (name, value) in entries {
            guard !value.isQuoted, let text = value.scalarText, let w = Double(text), w.isFinite, w > 0, w <= 1e6
            else {
                throw ConfigError.semantic(value, "expected a value weight > 0, got \(value.foundDescription)")
            }
            basket.append(BasketWeight(asset: name, weight: w))
        }
        let total = basket.reduce(0) { $0 + $1.weight }
        return basket.map { BasketWeight(asset: $0.asset, weight: $0.weight / total) }
    }

    /// Opens one borrower's basket position: `value` of collateral at tick-0 prices, split by weight,
    /// against `debt`. The first asset's share is the position's collateral; the others are supplied beside it.
    static func addBasket(
        _ basket: [BasketWeight], account: Int, value: Double, debt: Double, setup: inout SetupContext
    ) {
        var main = 0.0
        for b in basket {
            guard let t = setup.tokenSymbols.firstIndex(of: b.asset), setup.tokenPrices[t] > 0 else { continue }
            let amount = b.weight * value / setup.tokenPrices[t]
            if t == setup.layout.collateral {
                main = amount
            } else {
                setup.collateralSupplies.append((account, t, amount))
            }
        }
        setup.positions.append((account, main, debt))
    }

    /// The rule for one active borrower holding a basket, from its whole account: the LT-weighted collateral
    /// value `thresholdCollateral` (the health factor's numerator) and its USD `debt`. Below `trigger_hf` it
    /// repays from its spare USD `capital` towards `target_hf` (repaying r moves HF to T/(d − r), so the
    /// target needs d − T/target); with no capital left and HF below `panic_hf` it sells a fraction of its
    /// first collateral, `firstCollateral` units, into pool 0 to repay.
    public static func decideBasket(
        thresholdCollateral: Double, debt: Double, capital: Double, firstCollateral: Double, layout: WorldLayout,
        _ c: Config
    ) -> IntentAction? {
        guard c.behaviour == .active, debt > 0 else { return nil }
        let hf = thresholdCollateral / debt
        guard hf < c.triggerHF else { return nil }
        if capital > 0 {
            let r = min(max(0, debt - thresholdCollateral / c.targetHF), capital)
            return r > 0 ? .repay(token: layout.usd, amount: r) : nil
        }
        guard hf < c.panicHF, firstCollateral > 0 else { return nil }
        return .repayWithCollateral(
            collateralToken: layout.collateral, debtToken: layout.usd,
            collateral: firstCollateral * c.panicSellFraction,
            sellPool: layout.pool)
    }
}

extension BorrowerPopulation {
    /// Account `a`'s basket rule at snapshot `s`.
    func basketAction(_ a: Int, _ s: Snapshot) -> IntentAction? {
        let l = s.layout
        let lending = s.state.markets[market]
        let data = lending.accountData(user: a, prices: s.state.prices)
        return Borrowers.decideBasket(
            thresholdCollateral: data.thresholdCollateral, debt: data.debt, capital: s.state.balances[a, l.usd],
            firstCollateral: lending.supplied(user: a, reserve: l.collateralReserve), layout: l, config)
    }
}
