import ProtocolModel

extension Arbitrageurs {
    /// The standing inventory of every token: `inventory_usd` of USD, `inventory_collateral` of the first
    /// asset, and of every further asset the value of `inventory_collateral` at tick-0 prices.
    static func inventoryAmounts(_ c: Config, _ setup: SetupContext) -> [Double] {
        var amounts = [Double](repeating: 0, count: max(2, setup.tokenPrices.count))
        amounts[setup.layout.usd] = c.inventoryUSD
        amounts[setup.layout.collateral] = c.inventoryCollateral
        let value = c.inventoryCollateral * setup.initialPrice
        for t in setup.tokenPrices.indices where t != setup.layout.usd && t != setup.layout.collateral {
            if t == setup.native?.token { continue }
            amounts[t] = setup.tokenPrices[t] > 0 ? value / setup.tokenPrices[t] : 0
        }
        return amounts
    }

    /// The rule for Uniswap v2 pool `k` beyond the first: trade when its price leaves the band around the
    /// ratio of its tokens' external prices, capped by the inventories.
    public static func decide(pool k: Int, _ state: ProtocolState, inventories: [Double], _ c: Config)
        -> IntentAction?
    {
        let m = state.amms[k]
        guard !m.pool.isEmpty, state.marketPrices[m.quoteToken] > 0 else { return nil }
        // A native token has no market outside its pool: there is nothing to arbitrage against.
        guard state.tokens[m.baseToken].kind != .nativeToken else { return nil }
        let pe = state.marketPrices[m.baseToken] / state.marketPrices[m.quoteToken]
        let p = m.pool.price
        guard p < c.gamma * pe || p > pe / c.gamma else { return nil }
        func cap(_ t: Int) -> Double { t < inventories.count ? inventories[t] : 0 }
        return .arbitrage(
            pool: k, gamma: c.gamma, maxBaseIn: cap(m.baseToken), maxQuoteIn: cap(m.quoteToken), gasCost: c.gasCostUSD)
    }

    /// The rule for StableSwap pool `k`: trade when some coin pair's fee-inclusive marginal output beats
    /// the external price ratio by more than 1 − γ; at most `inventory_usd` of value.
    public static func decide(stablePool k: Int, _ state: ProtocolState, _ c: Config) -> IntentAction? {
        let m = state.stablePools[k]
        for i in m.tokens.indices {
            for j in m.tokens.indices where j != i {
                let pi = state.marketPrices[m.tokens[i]]
                let pj = state.marketPrices[m.tokens[j]]
                guard pi > 0, pj > 0 else { continue }
                if m.pool.marginalOutput(i: i, j: j, dx: 0) * pj / pi > 1 / c.gamma {
                    return .stableArbitrage(pool: k, maxValueIn: c.inventoryUSD, gasCost: c.gasCostUSD)
                }
            }
        }
        return nil
    }
}
