/// The outcome of one lending market after the first (the first's is the ``Outcome`` itself), read at the
/// end of each tick from its ``MarketRow``: an entry of `outcome.json`'s `markets` list.
public struct MarketOutcome: Sendable, Equatable, Codable {
    /// The market's name (its key in `markets`).
    public var name: String
    /// Whether the scenario's run rule (`run_definition`) was met in this market, and the first tick.
    public var run = false
    public var runTick: Int?
    /// Cumulative liquidations and bad debt at the end.
    public var liquidatedUSD = 0.0
    public var badDebtUSD = 0.0
    public var finalWithdrawnFraction = 0.0
    /// The lowest θ, the lowest LCR and the highest utilisation, each with its first tick.
    public var worstTheta = Double.infinity
    public var worstTick = 0
    public var minLiquidityCoverage = ALMMetrics.coverageCap
    public var minLiquidityCoverageTick = 0
    public var maxUtilisation = 0.0
    public var maxUtilisationTick = 0

    enum CodingKeys: String, CodingKey {
        case name, run
        case runTick = "run_tick"
        case liquidatedUSD = "liquidated_usd"
        case badDebtUSD = "bad_debt_usd"
        case finalWithdrawnFraction = "final_withdrawn_fraction"
        case worstTheta = "worst_theta"
        case worstTick = "worst_tick"
        case minLiquidityCoverage = "min_lcr"
        case minLiquidityCoverageTick = "min_lcr_tick"
        case maxUtilisation = "max_utilisation"
        case maxUtilisationTick = "max_utilisation_tick"
    }

    /// An empty record for market `name`.
    public init(name: String) { self.name = name }

    /// Folds one row in. `threshold` is the run threshold on w, or nil when a run is the reserve's
    /// exhaustion (the queue forms or the reserve falls to 10⁻⁹ · D₀), as for the first market.
    mutating func record(_ row: MarketRow, rule threshold: Double?, initialDeposits: Double) {
        let ran = Outcome.ran(
            withdrawnFraction: row.withdrawnFraction, queueUSD: row.queueUSD, reserveUSD: row.reserveUSD,
            rule: threshold, initialDeposits: initialDeposits)
        if !run && ran {
            run = true
            runTick = row.tick
        }
        liquidatedUSD = row.liquidatedUSD
        badDebtUSD = row.badDebtUSD
        finalWithdrawnFraction = row.withdrawnFraction
        if row.theta < worstTheta {
            worstTheta = row.theta
            worstTick = row.tick
        }
        if row.liquidityCoverage < minLiquidityCoverage {
            minLiquidityCoverage = row.liquidityCoverage
            minLiquidityCoverageTick = row.tick
        }
        if row.utilisation > maxUtilisation {
            maxUtilisation = row.utilisation
            maxUtilisationTick = row.tick
        }
    }

    /// The first field that is NaN or infinite, by its JSON name.
    func firstNonFinite() -> (field: String, value: Double)? {
        let fields: [(String, Double)] = [
            ("liquidated_usd", liquidatedUSD), ("bad_debt_usd", badDebtUSD),
            ("final_withdrawn_fraction", finalWithdrawnFraction), ("worst_theta", worstTheta),
            ("min_lcr", minLiquidityCoverage), ("max_utilisation", maxUtilisation),
        ]
        return fields.first { !$0.1.isFinite }
    }
}
