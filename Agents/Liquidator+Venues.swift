import ProtocolModel

extension Liquidators {
    /// Every collateral reserve's token that some Uniswap v2 pool sells for USD: where a liquidator can
    /// turn seized collateral back into the debt it repaid (in lending market `market`).
    static func collaterals(_ s: Snapshot, market: Int) -> TokenSet {
        let usd = s.layout.usd
        var out = TokenSet()
        for c in s.state.markets[market].configs where c.token != usd {
            if s.state.amms.contains(where: { $0.baseToken == c.token && $0.quoteToken == usd }) { out.insert(c.token) }
        }
        return out
    }
}
