import Agents
import ProtocolModel

/// What the world holds beyond the reference model's one collateral, one pool and one lending market:
/// a token per market asset, the `pools` list and the collateral reserves of `lending.reserves`.
///
/// Token 0 is the numeraire (USD); market asset `k` is token `k + 1`. The legacy `amm` section is
/// always Uniswap v2 pool 0 (the first asset against USD) and the legacy `lending` keys the first
/// asset's collateral reserve; the pools listed here come after it, in order.
public struct WorldSpec: Sendable, Equatable {
    /// One market asset as a token.
    public struct Asset: Sendable, Equatable {
        /// The market asset's name, also the token's symbol.
        public var name: String
        /// What kind of token it is (`kind`).
        public var kind: TokenKind
        /// The bridge or staking protocol it depends on (`bridge`).
        public var bridge: String?
    }

    /// A pool of the `pools` list. Coins are token indices.
    public enum Pool: Sendable, Equatable {
        /// A Uniswap v2 pair (`type: uniswap_v2`).
        case uniswapV2(base: Int, quote: Int, reserveBase: Double, reserveQuote: Double, feeBps: Double)
        /// A Curve StableSwap pool (`type: stableswap`), `amplification` the whitepaper's A.
        case stableSwap(coins: [Int], balances: [Double], amplification: Double, fee: Double)
    }

    /// A collateral reserve of `lending.reserves`.
    public struct CollateralReserve: Sendable, Equatable {
        /// The collateral's token index.
        public var token: Int
        /// Maximum loan-to-value for new borrowing.
        public var ltv: Double
        /// Threshold, bonus and protocol fee (the close factor and dust come from the legacy keys).
        public var liquidation: LiquidationParameters
        /// Cap on supply, token units (+∞: none).
        public var supplyCap: Double
        /// Priced by its Uniswap v2 pool against USD (`price: pool`), else by a push oracle on its
        /// external price (`price: oracle`).
        public var priceFromPool: Bool
        /// The Uniswap v2 pool (base: this token, quote: USD) where liquidators sell it.
        public var sellPool: Int
    }

    /// The market's assets as tokens 1...N.
    public var assets: [Asset] = []
    /// Pools after the legacy pool 0, in the order listed.
    public var pools: [Pool] = []
    /// Collateral reserves beyond the first asset's (which the legacy keys configure unless listed here).
    public var reserves: [CollateralReserve] = []

    /// Creates an empty spec (the reference model's world).
    public init() {}

    /// The native token (the first asset of kind `native`) and its Uniswap v2 pool against USD (the first
    /// `pools` entry with it as base and USD as quote), with that pool's opening price; nil when there is none.
    public var native: NativeToken? {
        guard let k = assets.firstIndex(where: { $0.kind == .nativeToken }) else { return nil }
        for (i, p) in pools.enumerated() {
            if case let .uniswapV2(base, quote, reserveBase, reserveQuote, _) = p, base == k + 1, quote == 0 {
                return NativeToken(token: k + 1, pool: poolIndices[i], openingPrice: reserveQuote / reserveBase)
            }
        }
        return nil
    }

    /// The token index of `name`: 0 for USD, `k + 1` for market asset `k`.
    public func token(named name: String) -> Int? {
        if name == "USD" { return 0 }
        return assets.firstIndex { $0.name == name }.map { $0 + 1 }
    }

    /// The Uniswap v2 pools' index in the state for each entry of ``pools`` that is one (pool 0 is the
    /// legacy `amm`), and the StableSwap pools' index for each that is one.
    public var poolIndices: [Int] {
        var amm = 1
        var stable = 0
        return pools.map { p in
            switch p {
            case .uniswapV2:
                defer { amm += 1 }
                return amm
            case .stableSwap:
                defer { stable += 1 }
                return stable
            }
        }
    }
}
