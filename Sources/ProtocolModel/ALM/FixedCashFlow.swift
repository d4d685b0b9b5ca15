/// One cash flow of a balance sheet, fixed in amount and date, with the yield it is discounted at.
///
/// Its present value `t` years ahead is `amount / (1 + yield)^t` (the yield is per year, compounded
/// yearly, `t = ticksToDue / ticksPerYear`). Its Macaulay duration is `t` and its modified duration
/// `t / (1 + yield)`, so a small parallel move `Δy` of every yield changes its value by about
/// `−modifiedDuration·value·Δy`. A flow due now (`ticksToDue == 0`, on demand) is worth its amount at
/// any yield and has duration 0.
public struct FixedCashFlow: Sendable, Equatable {
    /// Label, for reports.
    public var name: String
    /// USD paid (asset) or owed (liability) when the flow falls due.
    public var amount: Double
    /// Ticks from now until it falls due; 0 = now or on demand.
    public var ticksToDue: Int
    /// The yield per year it is discounted at, compounded yearly.
    public var yield: Double
    /// Liquidity tier of the ``BalanceSheetItem`` built from it.
    public var tier: LiquidityTier
    /// Assets: haircut on sale within the LCR horizon. Liabilities: fraction that runs off under stress.
    public var stressFactor: Double

    /// Creates a cash flow.
    /// - Parameters:
    ///   - name: Label, for reports.
    ///   - amount: USD at due (finite, ≥ 0).
    ///   - ticksToDue: Ticks until due (≥ 0; 0 = on demand).
    ///   - yield: Yield per year it is discounted at (> −1).
    ///   - tier: Liquidity tier.
    ///   - stressFactor: LCR haircut (assets) or run-off fraction (liabilities).
    public init(
        name: String, amount: Double, ticksToDue: Int, yield: Double = 0, tier: LiquidityTier,
        stressFactor: Double = 0
    ) {
        self.name = name
        self.amount = amount
        self.ticksToDue = ticksToDue
        self.yield = yield
        self.tier = tier
        self.stressFactor = stressFactor
    }

    /// Years until due: `ticksToDue / ticksPerYear`.
    public func years(ticksPerYear: Double) -> Double { Double(ticksToDue) / ticksPerYear }

    /// `amount / (1 + yield + yieldShift)^years`: the value today with every yield moved by `yieldShift`
    /// (a fraction: 0.01 = 100 bp). NaN when the shifted yield is −100% or below.
    public func presentValue(ticksPerYear: Double, yieldShift: Double = 0) -> Double {
        discounted(amount, yield: yield + yieldShift, years: years(ticksPerYear: ticksPerYear))
    }

    /// Macaulay duration in years: the time to the single payment.
    public func macaulayDuration(ticksPerYear: Double) -> Double { years(ticksPerYear: ticksPerYear) }

    /// Modified duration in years, `−(1/V)·∂V/∂y = years / (1 + yield)`.
    public func modifiedDuration(ticksPerYear: Double) -> Double { years(ticksPerYear: ticksPerYear) / (1 + yield) }

    /// The balance-sheet line: present value, maturity in ticks, modified duration, tier and stress factor.
    public func item(ticksPerYear: Double) -> BalanceSheetItem {
        BalanceSheetItem(
            name: name, value: presentValue(ticksPerYear: ticksPerYear), tier: tier, maturityTicks: ticksToDue,
            duration: modifiedDuration(ticksPerYear: ticksPerYear), stressFactor: stressFactor)
    }

    /// Throws ``ProtocolError/invalidAmount(_:)`` unless the amount is finite and ≥ 0, the date not in the
    /// past and the yield finite and above −100%.
    func validate(_ side: String, _ k: Int) throws(ProtocolError) {
        try _requireAmount("\(side)[\(k)].amount", amount, positive: false)
        guard ticksToDue >= 0 else { throw .invalidAmount("\(side)[\(k)].ticksToDue = \(ticksToDue), expected ≥ 0") }
        guard yield.isFinite, yield > -1 else {
            throw .invalidAmount("\(side)[\(k)].yield = \(yield), expected a finite yield > −1")
        }
    }
}
