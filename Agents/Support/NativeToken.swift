/// The protocol's own token in the world: its token index, its Uniswap v2 pool against USD (its only
/// market) and that pool's opening price. Token holders trade in that pool; the incentive programme pays,
/// mints and buys back in it.
public struct NativeToken: Sendable, Equatable {
    /// The token's index.
    public var token: Int
    /// Its Uniswap v2 pool's index (base: the token, quote: USD).
    public var pool: Int
    /// The pool's price (USD per token) when the world opens.
    public var openingPrice: Double

    /// Creates the description of a native token.
    public init(token: Int, pool: Int, openingPrice: Double) {
        self.token = token
        self.pool = pool
        self.openingPrice = openingPrice
    }
}
