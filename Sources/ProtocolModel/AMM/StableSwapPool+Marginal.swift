extension StableSwapPool {
    /// The fee-inclusive marginal output of coin `j` per unit of coin `i` after `dx` of coin `i` has
    /// been sold into the pool: `d amountOut(i:j:dx:) / d dx`, exact on the curve.
    ///
    /// Along the invariant `F(x) = Ann·Σx + D − Ann·D − Dⁿ⁺¹/(nⁿ·Πx) = 0` with `D` fixed, the partial
    /// derivatives are `∂F/∂x_k = Ann + K/x_k` with `K = Dⁿ⁺¹/(nⁿ·Πx)`, so coin `j` leaves at
    /// `(Ann + K/x_i)/(Ann + K/x_j)` per unit of coin `i`, less the fee. Returns 0 for an impossible trade.
    public func marginalOutput(i: Int, j: Int, dx: Double) -> Double {
        guard i != j, balances.indices.contains(i), balances.indices.contains(j), dx >= 0 else { return 0 }
        let xi = balances[i] + dx
        guard let y = getY(i: i, j: j, x: xi), y > 0 else { return 0 }
        let n = Double(coinCount)
        let d = invariant
        var k = d
        for c in 0..<coinCount {
            let x = c == i ? xi : (c == j ? y : balances[c])
            k = k * d / (x * n)
        }
        let a = ann
        return (1 - feeFraction) * (a + k / xi) / (a + k / y)
    }

    /// The pool's spot price of coin `i` in units of coin `j`, before the fee.
    public func spotPrice(i: Int, j: Int) -> Double {
        guard feeFraction < 1 else { return 0 }
        return marginalOutput(i: i, j: j, dx: 0) / (1 - feeFraction)
    }
}
