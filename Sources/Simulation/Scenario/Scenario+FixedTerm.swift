import ProtocolModel
import ScenarioSchema

extension Scenario {
    /// A ladder of fixed-term contracts on the lending market's books at tick 0 (`fixed_term` section).
    public struct FixedTerm: Sendable, Equatable {
        /// One fixed-term deposit or loan: USD principal, fixed rate per year, maturity tick.
        public struct Contract: Sendable, Equatable {
            public var amount: Double
            public var ratePerYear: Double
            public var maturityTick: Int
            /// Loans: collateral value over principal at tick 0 (the collateral is the market's asset).
            public var collateralRatio: Double
            /// Where the contract sits in the file, for errors found when the world is built.
            public var keyPath: String
            public var line: Int?
        }

        public var deposits: [Contract] = []
        public var loans: [Contract] = []
        /// The share of a deposit's value kept when it is withdrawn early; nil: locked to maturity.
        public var earlyWithdrawalPenalty: Double?
    }

    static func decodeFixedTerm(_ r: ConfigReader?) throws(ConfigError) -> FixedTerm? {
        guard let r else { return nil }
        var f = FixedTerm()
        if r.has("early_withdrawal_penalty") {
            f.earlyWithdrawalPenalty = try r.double("early_withdrawal_penalty", .probability)
        }
        if r.has("deposits") { f.deposits = try contracts(r, "deposits", loans: false) }
        if r.has("loans") { f.loans = try contracts(r, "loans", loans: true) }
        try r.finish()
        return f
    }

    private static func contracts(_ r: ConfigReader, _ key: String, loans: Bool) throws(ConfigError)
        -> [FixedTerm.Contract]
    {
        var out: [FixedTerm.Contract] = []
        for node in try r.list(key) {
            let c = try ConfigReader(node)
            let amount = try c.double("amount", .positiveAmount)
            // Negative rates are refused: the fixed-term book prices only non-negative coupons.
            let rate = try c.double("rate", .closed(0, 10))
            // A contract maturing at or before tick 0 would never have been open.
            let maturity = try c.int("maturity_tick", .integerAtLeast(1))
            let ratio = loans ? try c.double("collateral_ratio", default: 1.5, .closed(1e-3, 100)) : 0
            try c.finish()
            out.append(
                FixedTerm.Contract(
                    amount: amount, ratePerYear: rate, maturityTick: maturity, collateralRatio: ratio,
                    keyPath: "fixed_term.\(key)[\(out.count)]", line: node.line))
        }
        return out
    }
}
