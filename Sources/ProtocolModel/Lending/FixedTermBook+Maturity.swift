/// What one roll-off settled: the matured contracts and, per token, the cash due each way.
///
/// Every per-token array has the book's ``FixedTermBook/tokenCount`` entries. For each debt token,
/// ``loansDue`` = ``repaid`` + ``recovered`` + ``shortfall``. Reuse one value across ticks with
/// ``FixedTermBook/rollOff(at:prices:into:)`` so settling allocates nothing once the buffers have grown.
public struct RollOff: Sendable, Equatable {
    /// The tick of the roll-off.
    public private(set) var tick: Int
    /// The deposits that matured, earliest maturity first; each owner is owed its ``FixedTermDeposit/amountDue``.
    public private(set) var deposits: [FixedTermDeposit]
    /// The loans that matured, earliest maturity first, with how each ended.
    public private(set) var loans: [MaturedLoan]
    /// Per token: principal plus interest the protocol must pay the matured deposits.
    public private(set) var depositsDue: [Double]
    /// Per debt token: principal plus interest the matured loans owed.
    public private(set) var loansDue: [Double]
    /// Per debt token: what the borrowers of loans covered by their collateral repay in cash.
    public private(set) var repaid: [Double]
    /// Per debt token: the value, in debt-token units, of the collateral seized from defaulted loans.
    public private(set) var recovered: [Double]
    /// Per debt token: what defaulted loans owed beyond their seized collateral (a loss to the protocol).
    public private(set) var shortfall: [Double]
    /// Per collateral token: collateral handed back to the borrowers who repaid.
    public private(set) var collateralReleased: [Double]
    /// Per collateral token: collateral the protocol keeps from defaulted loans.
    public private(set) var collateralSeized: [Double]

    /// Creates an empty roll-off for `tokenCount` tokens (tick −1, nothing settled).
    public init(tokenCount: Int) {
        let zeros = [Double](repeating: 0, count: max(0, tokenCount))
        tick = -1
        deposits = []
        loans = []
        depositsDue = zeros
        loansDue = zeros
        repaid = zeros
        recovered = zeros
        shortfall = zeros
        collateralReleased = zeros
        collateralSeized = zeros
    }

    /// True when no contract matured.
    public var isEmpty: Bool { deposits.isEmpty && loans.isEmpty }

    /// Clears every list and total in place for a roll-off at `tick`.
    mutating func reset(tick: Int, tokenCount: Int) {
        self.tick = tick
        deposits.removeAll(keepingCapacity: true)
        loans.removeAll(keepingCapacity: true)
        if depositsDue.count != tokenCount {
            self = RollOff(tokenCount: tokenCount)
            self.tick = tick
            return
        }
        for k in 0..<tokenCount {
            depositsDue[k] = 0
            loansDue[k] = 0
            repaid[k] = 0
            recovered[k] = 0
            shortfall[k] = 0
            collateralReleased[k] = 0
            collateralSeized[k] = 0
        }
    }

    mutating func record(_ d: FixedTermDeposit) {
        deposits.append(d)
        depositsDue[d.token] += d.amountDue
    }

    mutating func record(_ l: FixedTermLoan, prices: [Double]) {
        let due = l.amountDue
        loansDue[l.debtToken] += due
        guard l.isUndercollateralised(prices: prices) else {
            repaid[l.debtToken] += due
            collateralReleased[l.collateralToken] += l.collateral
            loans.append(MaturedLoan(loan: l, defaulted: false, recovered: 0, shortfall: 0))
            return
        }
        // Undercollateralised implies a positive debt price, so the division is safe.
        let value = min(due, l.collateral * tokenPrice(l.collateralToken, prices) / tokenPrice(l.debtToken, prices))
        let loss = due - value
        recovered[l.debtToken] += value
        shortfall[l.debtToken] += loss
        collateralSeized[l.collateralToken] += l.collateral
        loans.append(MaturedLoan(loan: l, defaulted: true, recovered: value, shortfall: loss))
    }
}

extension FixedTermBook {
    /// Settles every contract maturing at or before `tick` into `out` (cleared first) and removes them.
    ///
    /// A matured deposit is owed its principal plus interest. A matured loan whose collateral at `prices`
    /// is worth at least its amount due is repaid in full and its collateral released; otherwise it
    /// defaults: the protocol seizes all its collateral and records the rest of the debt as shortfall.
    /// Costs O(matured + tokenCount).
    /// - Parameters:
    ///   - tick: The current tick.
    ///   - prices: USD price per unit of each token (at least `tokenCount` finite values ≥ 0).
    ///   - out: Receives the settlement; its buffers are reused.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for a missing or bad price; the book and `out` are
    ///   then unchanged.
    public mutating func rollOff(at tick: Int, prices: [Double], into out: inout RollOff) throws(ProtocolError) {
        try requirePrices(prices)
        out.reset(tick: tick, tokenCount: tokenCount)
        while let d = depositQueue.popMatured(through: tick) { out.record(d) }
        while let l = loanQueue.popMatured(through: tick) { out.record(l, prices: prices) }
    }

    /// Settles every contract maturing at or before `tick` into a new ``RollOff``; see
    /// ``rollOff(at:prices:into:)``, which reuses its buffers.
    /// - Parameters:
    ///   - tick: The current tick.
    ///   - prices: USD price per unit of each token.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for a missing or bad price.
    public mutating func rollOff(at tick: Int, prices: [Double]) throws(ProtocolError) -> RollOff {
        var out = RollOff(tokenCount: tokenCount)
        try rollOff(at: tick, prices: prices, into: &out)
        return out
    }

    /// Throws ``ProtocolError/invalidAmount(_:)`` unless `prices` has a finite price ≥ 0 for every token.
    func requirePrices(_ prices: [Double]) throws(ProtocolError) {
        guard prices.count >= tokenCount else {
            throw .invalidAmount("prices has \(prices.count) entries, expected ≥ \(tokenCount)")
        }
        // The name is built only on failure, so a roll-off allocates nothing for the check.
        for k in 0..<tokenCount where !(prices[k].isFinite && prices[k] >= 0) {
            try _requireAmount("prices[\(k)]", prices[k], positive: false)
        }
    }
}
