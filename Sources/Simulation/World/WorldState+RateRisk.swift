import ProtocolModel

/// The rate-risk metrics of one tick: duration gap, economic value of equity and its sensitivity, and the
/// maturity gap within the LCR's horizon.
struct RateRisk: Sendable, Equatable {
    /// `D_A − (L/A)·D_L`, in years.
    var durationGap = 0.0
    /// The economic value of equity: assets less liabilities, every fixed cash flow discounted at its own
    /// yield moved by the scenario's rate shock in force.
    var equityValue = 0.0
    /// The change in that value if every yield rose by another 100 bp (full revaluation).
    var equityChangeUp100bp = 0.0
    /// Assets less liabilities falling due within the LCR's horizon (cumulative gap of the ladder).
    var maturityGap = 0.0
}

extension WorldState {
    /// Whether the world carries anything a rate moves: fixed-term contracts or interest.
    func hasRateRisk(_ rates: Scenario.Rates?) -> Bool {
        rates != nil || !state.fixedTerm.deposits.isEmpty || !state.fixedTerm.loans.isEmpty
    }

    /// The lending market's cash flows: on-demand items due now, the fixed-term book's at their maturities.
    func cashFlows(_ rates: Scenario.Rates?, depositRunoff: Double) throws(ProtocolError) -> CashFlowSheet {
        try onDemandCashFlows(rates, depositRunoff: depositRunoff).merging(termCashFlows(rates))
    }

    /// This tick's rate-risk metrics; all zero for a world without rate risk (the reference model). The
    /// fixed-term book's items, with their maturities, are added to `lcrSheet` from the same cash flows,
    /// for the LCR over `alm.horizonTicks`.
    func rateRisk(_ rates: Scenario.Rates?, alm: Scenario.ALM, lcrSheet: inout BalanceSheet) throws(ProtocolError)
        -> RateRisk
    {
        guard hasRateRisk(rates) else { return RateRisk() }
        let term = try termCashFlows(rates)
        let termItems = term.balanceSheet()
        lcrSheet.assets += termItems.assets
        lcrSheet.liabilities += termItems.liabilities
        let sheet = try onDemandCashFlows(rates, depositRunoff: alm.depositRunoff).merging(term)
        let shift = rates?.yieldShift(at: tick) ?? 0
        let equity = sheet.equity(yieldShift: shift)
        let ladder = sheet.maturityLadder(edges: [alm.horizonTicks + 1])
        return RateRisk(
            durationGap: sheet.durationGap, equityValue: equity,
            equityChangeUp100bp: sheet.equity(yieldShift: shift + 0.01) - equity,
            maturityGap: ladder.first?.cumulativeGap ?? 0)
    }

    private func onDemandCashFlows(_ rates: Scenario.Rates?, depositRunoff: Double) throws(ProtocolError)
        -> CashFlowSheet
    {
        try CashFlowSheet(
            onDemand: state.lending, prices: state.prices,
            ticksPerYear: rates?.ticksPerYear ?? Scenario.Rates.defaultTicksPerYear, depositRunOff: depositRunoff)
    }

    private func termCashFlows(_ rates: Scenario.Rates?) throws(ProtocolError) -> CashFlowSheet {
        try state.fixedTerm.cashFlows(
            at: tick, prices: state.prices, ticksPerYear: rates?.ticksPerYear ?? Scenario.Rates.defaultTicksPerYear)
    }
}
