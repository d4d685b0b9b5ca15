import ProtocolModel

extension Liquidators {
    /// Every collateral reserve's token with the first Uniswap v2 pool selling it for USD: where a
    /// liquidator can turn seized collateral back into the debt it repaid.
    static func venues(_ s: Snapshot) -> [CollateralVenue] {
        let usd = s.layout.usd
        var out: [CollateralVenue] = []
        for c in s.state.lending.configs where c.token != usd {
            if let k = s.state.amms.firstIndex(where: { $0.baseToken == c.token && $0.quoteToken == usd }) {
                out.append(CollateralVenue(token: c.token, pool: k))
            }
        }
        return out
    }
}
