/// Where the pieces of the world sit in the protocol state: which token index is the numeraire and
/// which the collateral, which Uniswap v2 pool the agents trade, and which lending reserves hold the
/// deposits and the collateral. The engine fixes it when it builds the world; agents read it to name
/// what their intents act on.
public struct WorldLayout: Sendable, Equatable {
    /// The numeraire's token index (USD): deposits and debt.
    public let usd: Int
    /// The collateral's token index (ETH in the reference model).
    public let collateral: Int
    /// The collateral/USD Uniswap v2 pool's index in ``/ProtocolModel/ProtocolState/amms``.
    public let pool: Int
    /// The USD reserve's index in the lending pool.
    public let depositReserve: Int
    /// The collateral reserve's index in the lending pool.
    public let collateralReserve: Int

    /// Creates a layout.
    public init(usd: Int, collateral: Int, pool: Int, depositReserve: Int, collateralReserve: Int) {
        self.usd = usd
        self.collateral = collateral
        self.pool = pool
        self.depositReserve = depositReserve
        self.collateralReserve = collateralReserve
    }

    /// The reference model's layout: USD is token 0 and reserve 0, the collateral token 1 and reserve 1,
    /// one pool.
    public static let reference = WorldLayout(usd: 0, collateral: 1, pool: 0, depositReserve: 0, collateralReserve: 1)
}
