/// Uniswap v2 pair of a base token (e.g. ETH) and a quote token (e.g. USD). Prices are quote per base.
///
/// Real-valued transcription of `UniswapV2Library.getAmountOut/getAmountIn` (v2-periphery) with the fee
/// taken on the input and kept in the pool, as in v2-core. Differences from the contract, on purpose:
/// - amounts are `Double`, so there is no integer rounding and no `+1` in `getAmountIn`;
/// - `MINIMUM_LIQUIDITY` (1,000 wei of shares burned at the first mint) is **not** burned: the creator
///   receives the full `sqrt(x·y)`, so burning every share empties the pool exactly;
/// - an empty pool keeps its last price, and the next ``addLiquidity(base:quote:)`` re-seeds it.
public struct UniswapV2Pool: Sendable, Equatable {
    /// Base-token reserve.
    public private(set) var reserveBase: Double
    /// Quote-token reserve.
    public private(set) var reserveQuote: Double
    /// LP shares outstanding.
    public private(set) var totalShares: Double
    /// Swap fee in basis points of the input: 30 = 0.30%. The fee stays in the pool (v2).
    public let feeBps: Double
    /// Price kept when the pool is empty: the last quote-per-base price of a non-empty pool.
    public private(set) var lastPrice: Double

    /// Creates a pool and mints `sqrt(reserveBase·reserveQuote)` shares to its creator.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` unless both reserves are > 0 and 0 ≤ feeBps < 10,000.
    public init(reserveBase: Double, reserveQuote: Double, feeBps: Double = 30) throws(ProtocolError) {
        try _requireAmount("reserveBase", reserveBase)
        try _requireAmount("reserveQuote", reserveQuote)
        guard feeBps.isFinite, feeBps >= 0, feeBps < 10_000 else {
            throw .invalidAmount("feeBps = \(feeBps), expected 0 ≤ feeBps < 10000")
        }
        self.reserveBase = reserveBase
        self.reserveQuote = reserveQuote
        self.feeBps = feeBps
        self.totalShares = (reserveBase * reserveQuote).squareRoot()
        self.lastPrice = reserveQuote / reserveBase
    }

    /// The share of the input that reaches the invariant, γ = 1 − fee.
    @inlinable public var gamma: Double { 1 - feeBps / 10_000 }

    /// True when no liquidity is left (no shares, or a reserve at 0).
    public var isEmpty: Bool { totalShares <= 0 || reserveBase <= 0 || reserveQuote <= 0 }

    /// Spot price, quote per base: `reserveQuote / reserveBase`, or ``lastPrice`` when empty.
    public var price: Double { isEmpty ? lastPrice : reserveQuote / reserveBase }

    /// Value of the pool in quote units at its own price: 2 · reserveQuote (or 0 when empty).
    public var valueInQuote: Double { isEmpty ? 0 : reserveQuote + reserveBase * price }

    /// `getAmountOut`: `out = γ·in·R_out / (R_in + γ·in)`. Returns 0 when empty or `amountIn` ≤ 0.
    public func amountOut(amountIn: Double, baseIn: Bool) -> Double {
        guard !isEmpty, amountIn > 0, amountIn.isFinite else { return 0 }
        let (rIn, rOut) = baseIn ? (reserveBase, reserveQuote) : (reserveQuote, reserveBase)
        let effective = amountIn * gamma
        return effective * rOut / (rIn + effective)
    }

    /// `getAmountIn`: `in = R_in·out / ((R_out − out)·γ)`; nil when empty or `amountOut` ∉ (0, R_out).
    public func amountIn(amountOut: Double, baseIn: Bool) -> Double? {
        guard !isEmpty, amountOut > 0, amountOut.isFinite else { return nil }
        let (rIn, rOut) = baseIn ? (reserveBase, reserveQuote) : (reserveQuote, reserveBase)
        guard amountOut < rOut else { return nil }
        return rIn * amountOut / ((rOut - amountOut) * gamma)
    }

    /// Swaps `amountIn` of base (when `baseIn`) or quote for the other token and returns the output.
    /// - Throws: ``ProtocolError/emptyPool``, ``ProtocolError/invalidAmount(_:)``, or
    ///   ``ProtocolError/slippage(minOut:got:)`` when the output is below `minOut`; the pool is then unchanged.
    @discardableResult
    public mutating func swap(amountIn: Double, baseIn: Bool, minOut: Double = 0) throws(ProtocolError) -> Double {
        guard !isEmpty else { throw .emptyPool }
        try _requireAmount("amountIn", amountIn)
        let out = amountOut(amountIn: amountIn, baseIn: baseIn)
        guard out >= minOut else { throw .slippage(minOut: minOut, got: out) }
        if baseIn {
            reserveBase += amountIn
            reserveQuote -= out
        } else {
            reserveQuote += amountIn
            reserveBase -= out
        }
        lastPrice = reserveQuote / reserveBase
        return out
    }

    /// The exact fee-inclusive input that leaves the pool price exactly at `target`; nil if the price is
    /// already there, the target is not positive, or the pool is empty.
    ///
    /// Selling `a` base: `B' = B + a`, `Q' = Q·B/(B + γa)` (the fee stays in), so `Q'/B' = target` gives
    /// `γa² + B(1+γ)a + B² − Q·B/target = 0`. Buying base with `a` quote gives, symmetrically,
    /// `γa² + Q(1+γ)a + Q² − target·B·Q = 0`. The positive root is taken in the cancellation-free form
    /// `2c' / (b + sqrt(b² + 4γc'))` with `c' = −c > 0`.
    public func inputToReachPrice(_ target: Double) -> (amountIn: Double, baseIn: Bool)? {
        guard !isEmpty, target > 0, target.isFinite else { return nil }
        let b0 = reserveBase
        let q0 = reserveQuote
        let g = gamma
        let p = q0 / b0
        if target == p { return nil }
        let baseIn = target < p
        let r = baseIn ? b0 : q0
        let cNeg = baseIn ? (q0 * b0 / target - b0 * b0) : (target * b0 * q0 - q0 * q0)
        guard cNeg > 0 else { return nil }
        let b = r * (1 + g)
        let a = 2 * cNeg / (b + (b * b + 4 * g * cNeg).squareRoot())
        return a > 0 ? (a, baseIn) : nil
    }

    /// `UniswapV2LiquidityMathLibrary.computeProfitMaximizingTrade` against an external price (quote per
    /// base): the input whose marginal output price equals the external price. Selling base when the pool
    /// overprices it: `a = sqrt(k/(P·γ)) − B/γ`; buying base: `a = sqrt(k·P/γ) − Q/γ`. Nil when no trade
    /// is profitable (the pool price is within the fee band) or the pool is empty.
    public func profitMaximizingTrade(externalPrice: Double) -> (amountIn: Double, baseIn: Bool)? {
        guard !isEmpty, externalPrice > 0, externalPrice.isFinite else { return nil }
        let k = reserveBase * reserveQuote
        let g = gamma
        let baseIn = price > externalPrice
        let amount =
            baseIn
            ? (k / (externalPrice * g)).squareRoot() - reserveBase / g
            : (k * externalPrice / g).squareRoot() - reserveQuote / g
        return amount > 0 ? (amount, baseIn) : nil
    }

    /// The shares ``addLiquidity(base:quote:)`` would mint, without changing the pool.
    public func sharesMinted(base: Double, quote: Double) -> Double {
        isEmpty ? (base * quote).squareRoot() : min(base / reserveBase, quote / reserveQuote) * totalShares
    }

    /// The reserves ``removeLiquidity(shares:)`` would pay out for `shares`, without changing the pool.
    public func amountsForBurning(shares: Double) -> (base: Double, quote: Double) {
        if shares >= totalShares { return (reserveBase, reserveQuote) }
        let f = shares / totalShares
        return (reserveBase * f, reserveQuote * f)
    }

    /// Adds liquidity and returns the shares minted: `min(base/B, quote/Q)·S` as v2 (the excess of the
    /// other token is donated to the pool). An empty pool is re-seeded at the given amounts with
    /// `sqrt(base·quote)` shares.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` unless both amounts are > 0.
    @discardableResult
    public mutating func addLiquidity(base: Double, quote: Double) throws(ProtocolError) -> Double {
        try _requireAmount("base", base)
        try _requireAmount("quote", quote)
        let minted: Double
        if isEmpty {
            minted = (base * quote).squareRoot()
            reserveBase = base
            reserveQuote = quote
            totalShares = minted
        } else {
            minted = min(base / reserveBase, quote / reserveQuote) * totalShares
            reserveBase += base
            reserveQuote += quote
            totalShares += minted
        }
        lastPrice = reserveQuote / reserveBase
        return minted
    }

    /// Burns `shares` and returns the pro-rata reserves. Burning all shares empties the pool and keeps
    /// ``lastPrice``.
    /// - Throws: ``ProtocolError/emptyPool`` or ``ProtocolError/invalidAmount(_:)`` unless
    ///   0 < shares ≤ totalShares.
    @discardableResult
    public mutating func removeLiquidity(shares: Double) throws(ProtocolError) -> (base: Double, quote: Double) {
        guard !isEmpty else { throw .emptyPool }
        try _requireAmount("shares", shares)
        guard shares <= totalShares * (1 + 1e-12) else {
            throw .invalidAmount("shares = \(shares), expected ≤ totalShares \(totalShares)")
        }
        if shares >= totalShares {
            let out = (reserveBase, reserveQuote)
            lastPrice = reserveQuote / reserveBase
            reserveBase = 0
            reserveQuote = 0
            totalShares = 0
            return out
        }
        let f = shares / totalShares
        let out = (reserveBase * f, reserveQuote * f)
        reserveBase -= out.0
        reserveQuote -= out.1
        totalShares -= shares
        return out
    }
}
