import ProtocolModel

extension WorldBuilder {
    /// USD, then one token per market asset (the reference model: USD and its collateral).
    func tokens() -> [Token] {
        let assets = scenario.world.assets
        guard !assets.isEmpty else {
            return [
                Token(symbol: "USD", kind: .numeraire),
                Token(symbol: scenario.market.assetNames.first ?? "ETH", kind: .volatileCollateral),
            ]
        }
        return [Token(symbol: "USD", kind: .numeraire)]
            + assets.map { Token(symbol: $0.name, kind: $0.kind, bridge: $0.bridge) }
    }

    /// `lending.reserves`' entry for the first asset, which replaces the legacy keys' reserve.
    var firstCollateral: WorldSpec.CollateralReserve? {
        scenario.world.reserves.first { $0.token == layout.collateral }
    }

    /// The oracles of tokens 2...N at their opening prices: a push oracle with the scenario's oracle
    /// keys for a collateral priced by oracle, else a feed that publishes every move.
    func extraOracles() throws(ProtocolError) -> [PriceOracle] {
        let spec = scenario.lending.oracle ?? Scenario.OracleSpec()
        var out: [PriceOracle] = []
        for k in openingPrices.indices.dropFirst() where k < scenario.world.assets.count {
            let collateral = scenario.world.reserves.contains { $0.token == k + 1 && !$0.priceFromPool }
            out.append(
                collateral
                    ? try PriceOracle(
                        price: openingPrices[k], deviationThreshold: spec.deviation, heartbeat: spec.heartbeat,
                        updateDelay: spec.delay)
                    : try PriceOracle(
                        price: openingPrices[k], deviationThreshold: 0, heartbeat: Int.max, updateDelay: 0))
        }
        return out
    }

    /// A collateral reserve of `lending.reserves`: no borrowing, no interest.
    func reserveConfig(_ r: WorldSpec.CollateralReserve, rateModel: InterestRateModel) -> ReserveConfig {
        ReserveConfig(
            token: r.token, ltv: r.ltv, liquidation: r.liquidation, reserveFactor: 0, supplyCap: r.supplyCap,
            borrowingEnabled: false, rateModel: rateModel)
    }

    /// The pools of `pools`, seeded by the protocol account (which keeps their LP shares).
    func addPools(_ state: inout ProtocolState, creator: Int) throws(ProtocolError) {
        for pool in scenario.world.pools {
            switch pool {
            case let .uniswapV2(base, quote, reserveBase, reserveQuote, feeBps):
                try state.mint(account: creator, token: base, amount: reserveBase)
                try state.mint(account: creator, token: quote, amount: reserveQuote)
                try state.createAMM(
                    baseToken: base, quoteToken: quote, reserveBase: reserveBase, reserveQuote: reserveQuote,
                    feeBps: feeBps, creator: creator)
            case let .stableSwap(coins, balances, amplification, fee):
                for (t, x) in zip(coins, balances) { try state.mint(account: creator, token: t, amount: x) }
                try state.createStablePool(
                    tokens: coins, balances: balances, amplification: amplification, feeFraction: fee, creator: creator)
            }
        }
    }
}
