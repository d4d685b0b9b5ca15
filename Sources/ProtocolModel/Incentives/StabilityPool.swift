/// A Liquity-style stability pool (backstop): USD deposited by providers that repays the debt of
/// liquidatable positions and keeps the collateral they give up, at the lending pool's liquidation bonus.
///
/// Providers own shares of the pool's whole value: its USD and every collateral it has seized. A deposit
/// mints shares at the pool's value per share, with collateral valued at the lending market's prices of
/// that moment; a withdrawal pays out the shares' exact fraction of the USD and of each collateral. Liquity
/// tracks the same claims with its product/sum scheme because it cannot price collateral on chain cheaply;
/// with the lending prices at hand, share accounting gives every provider the same pro-rata claim.
///
/// The seized collateral is held, not sold: that is the point of a backstop. The pool's holdings count in
/// ``ProtocolState/totalHoldings(of:)``.
public struct StabilityPool: Sendable, Equatable {
    /// The token the pool holds and repays debt in (the numeraire, USD).
    public var token: Int
    /// The lending market whose positions it liquidates.
    public var market: Int
    /// USD held.
    public var usd: Double = 0
    /// Collateral held, by token index (empty until something is seized).
    public var collateral: [Double] = []
    /// Shares outstanding, and each provider's.
    public var totalShares: Double = 0
    public var shares: [Int: Double] = [:]
    /// Cumulative debt repaid from the pool, collateral seized (tokens of every kind, and their value at
    /// the lending prices when seized), liquidations absorbed, USD deposited and USD withdrawn.
    public var debtAbsorbed: Double = 0
    public var collateralSeized: Double = 0
    public var collateralSeizedValue: Double = 0
    public var liquidations: Int = 0
    public var deposited: Double = 0
    public var withdrawnUSD: Double = 0
    /// Whether a pool is installed.
    public var isInstalled: Bool

    /// No stability pool.
    public static let inactive = StabilityPool(token: 0, market: 0, installed: false)

    /// An empty pool holding `token` that liquidates in lending market `market`.
    public init(token: Int, market: Int = 0) { self.init(token: token, market: market, installed: true) }

    private init(token: Int, market: Int, installed: Bool) {
        self.token = token
        self.market = market
        self.isInstalled = installed
    }

    /// The pool's holdings of `token`.
    public func holdings(of t: Int) -> Double {
        (t == token ? usd : 0) + (collateral.indices.contains(t) ? collateral[t] : 0)
    }

    /// The pool's value at `prices` (numeraire): its USD and its collateral.
    public func value(prices: [Double]) -> Double {
        var v = usd * (prices.indices.contains(token) ? prices[token] : 1)
        for (t, x) in collateral.enumerated() where x > 0 && t != token { v += x * prices[t] }
        return v
    }

    /// The value of one share at `prices` (1 when the pool has no shares).
    public func valuePerShare(prices: [Double]) -> Double {
        totalShares > 0 ? value(prices: prices) / totalShares : 1
    }

    /// The shares held by `account`.
    public func shares(of account: Int) -> Double { shares[account] ?? 0 }
}

/// What a stability pool's providers and keepers can do, as the payload of ``IntentAction/stabilityPool(_:)``.
public enum StabilityPoolOperation: Sendable, Equatable {
    /// Deposit `usd` of the account's USD, minting shares at the pool's value per share.
    case deposit(usd: Double)
    /// Burn `shares` of the account's shares for their fraction of the pool's USD and collateral.
    case withdraw(shares: Double)
    /// Liquidate debtors below health factor 1, lowest first, repaying their USD debt from the pool's USD
    /// (at most `budget`) with the lending pool's close factor and bonus, and keeping the seized collateral.
    /// Anyone may trigger it (Liquity's keepers); the acting account receives nothing.
    case absorb(budget: Double)
}
