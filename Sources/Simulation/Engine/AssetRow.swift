import ProtocolModel

/// One row of a multi-asset run's `assets.csv` (tidy: one row per tick and market asset), values at the
/// end of the tick.
public struct AssetRow: Sendable, Equatable {
    public var tick: Int
    /// The market asset's name.
    public var asset: String
    /// Its external price (USD).
    public var price: Double
    /// The price the lending market values it at (its pool's or its oracle's).
    public var lendingPrice: Double
    /// Cumulative value of this collateral seized by liquidators, at the lending price of each seizure.
    public var liquidatedValue: Double
    /// Cumulative bad debt attributed to this collateral (the collateral whose seizure or sale left the
    /// position without collateral).
    public var badDebt: Double

    public static let csvHeader = "tick,asset,price,lending_price,liquidated_value,bad_debt"

    public var csvLine: String { "\(tick),\(asset),\(price),\(lendingPrice),\(liquidatedValue),\(badDebt)" }

    /// The rows of tick `tick`: every token after the numeraire.
    static func rows(tick: Int, _ state: ProtocolState, into rows: inout [AssetRow]) {
        let ledger = state.collateralLedger
        for t in state.tokens.indices.dropFirst() {
            rows.append(
                AssetRow(
                    tick: tick, asset: state.tokens[t].symbol, price: state.marketPrices[t],
                    lendingPrice: state.prices[t], liquidatedValue: ledger.liquidated(t), badDebt: ledger.badDebt(t)))
        }
    }
}
