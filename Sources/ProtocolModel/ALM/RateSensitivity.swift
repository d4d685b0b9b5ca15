/// A balance sheet kept as fixed cash flows, so it can be revalued at shifted yields: the maturity ladder,
/// the duration of each side, the duration gap and the equity change for a parallel rate move, both by
/// full revaluation and to first order.
///
/// Values are present values at each flow's own yield (see ``FixedCashFlow``). With `A`, `L` the present
/// values of the assets and liabilities and `D_A`, `D_L` their value-weighted modified durations, the
/// duration gap is `D_A − (L/A)·D_L` and the first-order equity change for a shift `Δy` is
/// `ΔE ≈ −(D_A·A − D_L·L)·Δy = −gap·A·Δy`. A book funded short and lent long has a positive gap and
/// loses equity when rates rise.
public struct CashFlowSheet: Sendable, Equatable {
    /// What the protocol will receive.
    public private(set) var assets: [FixedCashFlow]
    /// What it will pay.
    public private(set) var liabilities: [FixedCashFlow]
    /// Ticks per year, converting ticks to the years of the yields and durations.
    public let ticksPerYear: Double

    /// Creates a sheet.
    /// - Parameters:
    ///   - assets: Cash flows the protocol receives.
    ///   - liabilities: Cash flows it pays.
    ///   - ticksPerYear: Ticks per year (finite, > 0).
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for a bad `ticksPerYear` or a cash flow with a negative
    ///   or non-finite amount, a negative `ticksToDue`, or a yield not above −100%.
    public init(assets: [FixedCashFlow], liabilities: [FixedCashFlow], ticksPerYear: Double) throws(ProtocolError) {
        try _requireAmount("ticksPerYear", ticksPerYear)
        for (k, f) in assets.enumerated() { try f.validate("assets", k) }
        for (k, f) in liabilities.enumerated() { try f.validate("liabilities", k) }
        self.assets = assets
        self.liabilities = liabilities
        self.ticksPerYear = ticksPerYear
    }

    /// The same sheet with `other`'s cash flows added to each side (the ticks per year stay this sheet's).
    public func merging(_ other: CashFlowSheet) -> CashFlowSheet {
        var s = self
        s.assets += other.assets
        s.liabilities += other.liabilities
        return s
    }

    /// Present value of the assets, every yield moved by `yieldShift` (a fraction).
    public func assetValue(yieldShift: Double = 0) -> Double { presentValue(assets, yieldShift) }
    /// Present value of the liabilities, every yield moved by `yieldShift` (a fraction).
    public func liabilityValue(yieldShift: Double = 0) -> Double { presentValue(liabilities, yieldShift) }
    /// Equity = assets − liabilities at present value, every yield moved by `yieldShift` (a fraction).
    public func equity(yieldShift: Double = 0) -> Double {
        assetValue(yieldShift: yieldShift) - liabilityValue(yieldShift: yieldShift)
    }

    /// Value-weighted Macaulay duration of the assets, in years.
    public var assetMacaulayDuration: Double { weighted(assets) { $0.macaulayDuration(ticksPerYear: ticksPerYear) } }
    /// Value-weighted Macaulay duration of the liabilities, in years.
    public var liabilityMacaulayDuration: Double {
        weighted(liabilities) { $0.macaulayDuration(ticksPerYear: ticksPerYear) }
    }
    /// Value-weighted modified duration `D_A` of the assets, in years.
    public var assetDuration: Double { weighted(assets) { $0.modifiedDuration(ticksPerYear: ticksPerYear) } }
    /// Value-weighted modified duration `D_L` of the liabilities, in years.
    public var liabilityDuration: Double {
        weighted(liabilities) { $0.modifiedDuration(ticksPerYear: ticksPerYear) }
    }

    /// Duration gap `D_A − (L/A)·D_L` in years (0 without assets).
    public var durationGap: Double {
        let a = assetValue()
        return a > 0 ? assetDuration - liabilityValue() / a * liabilityDuration : 0
    }

    /// Equity change for a parallel move of every yield by `basisPoints`, by full revaluation: each cash
    /// flow is discounted again at its yield plus the shift.
    public func equityChange(basisPoints: Double) -> Double {
        equity(yieldShift: basisPoints / 10_000) - equity()
    }

    /// First-order equity change for a parallel move of `basisPoints`: `−durationGap·A·Δy`.
    public func firstOrderEquityChange(basisPoints: Double) -> Double {
        -durationGap * assetValue() * basisPoints / 10_000
    }

    /// The sheet as a ``BalanceSheet`` (one line per cash flow, at present value with its maturity and
    /// modified duration), for the LCR and the tiers.
    /// - Parameter badDebt: Memo line of debt written off so far.
    public func balanceSheet(badDebt: Double = 0) -> BalanceSheet {
        var a: [BalanceSheetItem] = []
        a.reserveCapacity(assets.count)
        for f in assets { a.append(f.item(ticksPerYear: ticksPerYear)) }
        var l: [BalanceSheetItem] = []
        l.reserveCapacity(liabilities.count)
        for f in liabilities { l.append(f.item(ticksPerYear: ticksPerYear)) }
        return BalanceSheet(assets: a, liabilities: l, badDebt: badDebt)
    }

    /// Maturity ladder at present value: buckets `[0, e₁), [e₁, e₂), …, [e_last, ∞)` of ticks to due
    /// (on-demand flows in the first), with the gap and cumulative gap of each, as
    /// ``BalanceSheet/maturityLadder(edges:)``.
    public func maturityLadder(edges: [Int]) -> [MaturityBucket] { balanceSheet().maturityLadder(edges: edges) }

    private func presentValue(_ flows: [FixedCashFlow], _ shift: Double) -> Double {
        var v = 0.0
        for f in flows { v += f.presentValue(ticksPerYear: ticksPerYear, yieldShift: shift) }
        return v
    }

    private func weighted(_ flows: [FixedCashFlow], _ duration: (FixedCashFlow) -> Double) -> Double {
        var v = 0.0
        var dv = 0.0
        for f in flows {
            let pv = f.presentValue(ticksPerYear: ticksPerYear)
            v += pv
            dv += pv * duration(f)
        }
        return v > 0 ? dv / v : 0
    }
}
