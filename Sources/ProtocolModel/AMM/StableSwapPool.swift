/// Curve StableSwap pool of `n` coins with amplification `A`, after the Vyper pool templates of
/// `curvefi/curve-contract` (`get_D`, `get_y`, `exchange`), in real arithmetic.
///
/// Amplification conventions (all describe the same curve):
/// - Whitepaper: `A·nⁿ·Σx + D = A·D·nⁿ + Dⁿ⁺¹/(nⁿ·Πx)`. This type's ``amplification`` is this `A`.
/// - curve-contract templates store `amp = A·nⁿ⁻¹` and compute `Ann = amp·n = A·nⁿ`; use
///   ``init(balances:contractAmp:feeFraction:)`` to pass a contract's `A()` value directly.
/// - Newer pools (factory, crypto-era) scale amp by `A_PRECISION = 100` and divide the `Ann` terms by
///   it; divide such a raw value by 100 before passing it as `contractAmp`.
///
/// Balances are taken as already normalised to a common precision (the contracts' `xp` with `RATES`).
public struct StableSwapPool: Sendable, Equatable {
    /// Coin balances (normalised).
    public private(set) var balances: [Double]
    /// Whitepaper amplification `A` (`Ann = A·nⁿ`).
    public let amplification: Double
    /// Swap fee as a fraction of the output (Curve's `fee / 1e10`), kept in the pool.
    public let feeFraction: Double

    /// Creates a pool from whitepaper `A`.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` unless n ≥ 2, every balance > 0, A > 0 and 0 ≤ fee < 1.
    public init(balances: [Double], amplification: Double, feeFraction: Double = 0.0004) throws(ProtocolError) {
        guard balances.count >= 2 else { throw .invalidAmount("balances.count = \(balances.count), expected ≥ 2") }
        for (i, x) in balances.enumerated() { try _requireAmount("balances[\(i)]", x) }
        try _requireAmount("amplification", amplification)
        guard feeFraction >= 0, feeFraction < 1 else {
            throw .invalidAmount("feeFraction = \(feeFraction), expected 0 ≤ fee < 1")
        }
        self.balances = balances
        self.amplification = amplification
        self.feeFraction = feeFraction
    }

    /// Creates a pool from a curve-contract template's stored `amp = A·nⁿ⁻¹`.
    public init(balances: [Double], contractAmp: Double, feeFraction: Double = 0.0004) throws(ProtocolError) {
        let n = Double(balances.count)
        try self.init(
            balances: balances, amplification: contractAmp / _pow(n, balances.count - 1),
            feeFraction: feeFraction)
    }

    /// Number of coins.
    public var coinCount: Int { balances.count }

    /// `Ann = A·nⁿ`.
    public var ann: Double { amplification * _pow(Double(coinCount), coinCount) }

    /// The invariant `D` of the current balances.
    public var invariant: Double { Self.invariantD(balances, ann: ann) }

    /// `get_D`: Newton iteration from `D = S`,
    /// `D ← (Ann·S + n·D_P)·D / ((Ann − 1)·D + (n + 1)·D_P)` with `D_P = Dⁿ⁺¹/(nⁿ·Πx)`,
    /// until successive values agree to 1e-14 relative (the contract stops at 1 wei).
    public static func invariantD(_ xp: [Double], ann: Double) -> Double {
        let n = Double(xp.count)
        var s = 0.0
        for x in xp { s += x }
        guard s > 0 else { return 0 }
        var d = s
        for _ in 0..<255 {
            var dP = d
            for x in xp { dP = dP * d / (x * n) }
            let previous = d
            d = (ann * s + dP * n) * d / ((ann - 1) * d + (n + 1) * dP)
            if abs(d - previous) <= 1e-14 * d { break }
        }
        return d
    }

    /// `get_y`: the balance of coin `j` that keeps `D` when coin `i` holds `x` and the others are
    /// unchanged. Newton on `y² + (b − D)·y = c` with `b = S' + D/Ann`, `c = Dⁿ⁺¹/(nⁿ·Π'x·Ann)`.
    public func getY(i: Int, j: Int, x: Double) -> Double? {
        guard i != j, balances.indices.contains(i), balances.indices.contains(j), x > 0 else { return nil }
        let n = Double(coinCount)
        let a = ann
        let d = invariant
        var c = d
        var s = 0.0
        for k in 0..<coinCount where k != j {
            let xk = k == i ? x : balances[k]
            s += xk
            c = c * d / (xk * n)
        }
        c = c * d / (a * n)
        let b = s + d / a
        var y = d
        for _ in 0..<255 {
            let previous = y
            y = (y * y + c) / (2 * y + b - d)
            if abs(y - previous) <= 1e-14 * y { break }
        }
        return y
    }

    /// Output of coin `j` for `dx` of coin `i`, after the fee: `(x_j − y)·(1 − fee)`; 0 if impossible.
    public func amountOut(i: Int, j: Int, dx: Double) -> Double {
        guard dx > 0, balances.indices.contains(i), let y = getY(i: i, j: j, x: balances[i] + dx) else { return 0 }
        return max(0, (balances[j] - y) * (1 - feeFraction))
    }

    /// `exchange`: swaps `dx` of coin `i` for coin `j`, the fee staying in the pool (admin fee 0).
    /// - Throws: ``ProtocolError/invalidAmount(_:)``, ``ProtocolError/unknownIndex(_:)`` or
    ///   ``ProtocolError/slippage(minOut:got:)``; the pool is then unchanged.
    @discardableResult
    public mutating func exchange(i: Int, j: Int, dx: Double, minOut: Double = 0) throws(ProtocolError) -> Double {
        guard i != j, balances.indices.contains(i), balances.indices.contains(j) else {
            throw .unknownIndex("coins i = \(i), j = \(j) in a pool of \(coinCount)")
        }
        try _requireAmount("dx", dx)
        let dy = amountOut(i: i, j: j, dx: dx)
        guard dy < balances[j] else { throw .insufficientLiquidity }
        guard dy >= minOut else { throw .slippage(minOut: minOut, got: dy) }
        balances[i] += dx
        balances[j] -= dy
        return dy
    }
}

/// `base^exponent` for a small non-negative integer exponent, without Foundation.
@inline(__always)
func _pow(_ base: Double, _ exponent: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, exponent) { r *= base }
    return r
}
