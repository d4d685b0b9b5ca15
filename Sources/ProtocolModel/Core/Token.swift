/// What kind of asset a token is. The kind drives default liquidity tiers and how agents value it.
public enum TokenKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// The numeraire (USD), worth exactly 1.
    case numeraire
    /// Volatile collateral such as ETH or BTC.
    case volatileCollateral
    /// A stablecoin meant to trade at 1 USD, which can depeg.
    case stablecoin
    /// The protocol's own governance or emissions token.
    case nativeToken
    /// A token bridged from another chain, carrying bridge risk.
    case bridged
    /// A liquid-staking receipt (such as stETH), redeemable for the staked asset after a delay.
    case liquidStaking
}

/// A token of the model: a symbol and a kind. Tokens are referred to by their index in ``ProtocolState/tokens``.
public struct Token: Sendable, Equatable, Codable {
    /// Ticker, e.g. "ETH".
    public var symbol: String
    /// What kind of asset it is.
    public var kind: TokenKind
    /// The bridge or staking protocol a bridged or liquid-staking token depends on, if named.
    public var bridge: String?
    /// Creates a token.
    public init(symbol: String, kind: TokenKind, bridge: String? = nil) {
        self.symbol = symbol
        self.kind = kind
        self.bridge = bridge
    }
}

/// Balances of every account in every token, as a flat row-major array (`accounts × tokens`), so a
/// lookup is one multiply-add and the whole table is a single allocation.
public struct Balances: Sendable, Equatable {
    /// Number of accounts.
    public let accountCount: Int
    /// Number of tokens.
    public let tokenCount: Int
    private var storage: [Double]

    /// Creates a table of zero balances.
    public init(accounts: Int, tokens: Int) {
        accountCount = max(0, accounts)
        tokenCount = max(0, tokens)
        storage = Array(repeating: 0, count: accountCount * tokenCount)
    }

    /// The balance of `account` in `token`; reading out of range gives 0.
    public subscript(account: Int, token: Int) -> Double {
        get { contains(account: account, token: token) ? storage[account * tokenCount + token] : 0 }
        set { if contains(account: account, token: token) { storage[account * tokenCount + token] = newValue } }
    }

    /// The address of the balances' buffer: tests use it to show that an intent writes in place
    /// (a copy-on-write copy would move the balances to a new buffer).
    var _bufferAddress: UInt { storage.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }

    /// Whether both indices exist.
    public func contains(account: Int, token: Int) -> Bool {
        account >= 0 && account < accountCount && token >= 0 && token < tokenCount
    }

    /// Σ over accounts of the balance in `token`.
    public func total(of token: Int) -> Double {
        guard token >= 0 && token < tokenCount else { return 0 }
        var sum = 0.0
        for a in 0..<accountCount { sum += storage[a * tokenCount + token] }
        return sum
    }

    /// The smallest balance in the table (0 for an empty table).
    public var minimum: Double { storage.min() ?? 0 }
}
