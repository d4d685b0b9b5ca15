/// One row of the per-tick series: values at the end of the tick.
public struct SeriesRow: Sendable, Equatable {
    public var tick: Int
    public var externalPrice: Double
    public var ammPrice: Double
    public var reserveUSD: Double
    public var queueUSD: Double
    public var withdrawnFraction: Double
    /// θ as the depositors saw it this tick.
    public var theta: Double
    /// Cumulative.
    public var liquidatedUSD: Double
    /// Cumulative.
    public var badDebtUSD: Double
    public var lpShareInPool: Double
    /// Liquidity coverage ratio at the end of the tick: reserve ÷ stressed outflows (``ALMMetrics``).
    public var liquidityCoverage: Double
    /// Debt ÷ (reserve + debt), as Aave's rate strategy defines utilisation.
    public var utilisation: Double
    /// Duration gap `D_A − (L/A)·D_L` in years (0 without rate risk).
    public var durationGap = 0.0
    /// Economic value of equity: every cash flow discounted at its yield plus the rate shock in force.
    public var equityValue = 0.0
    /// The change in that value for another +100 bp.
    public var equityChangeUp100bp = 0.0
    /// Assets less liabilities falling due within the LCR's horizon.
    public var maturityGap = 0.0
    /// The USD reserve's borrow rate, per year, at the end of the tick (0 without `rates`).
    public var borrowRate = 0.0
    /// The USD reserve's supply rate, per year, at the end of the tick (0 without `rates`).
    public var supplyRate = 0.0

    public static let csvHeader =
        "tick,p_ext,p_amm,reserve_usd,queue_usd,withdrawn_fraction,theta,liquidated_usd,bad_debt_usd,lp_share_in_pool,"
        + "lcr,utilisation,duration_gap,eve,eve_up_100bp,maturity_gap,borrow_rate,supply_rate"

    public var csvLine: String {
        "\(tick),\(externalPrice),\(ammPrice),\(reserveUSD),\(queueUSD),\(withdrawnFraction),\(theta),\(liquidatedUSD),\(badDebtUSD),\(lpShareInPool),"
            + "\(liquidityCoverage),\(utilisation),\(durationGap),\(equityValue),\(equityChangeUp100bp),\(maturityGap),"
            + "\(borrowRate),\(supplyRate)"
    }
}

/// The outcome of one replicate, read at the end of each tick.
public struct Outcome: Sendable, Equatable, Codable {
    public var run = false
    public var runTick: Int?
    public var badDebtUSD = 0.0
    public var liquidatedUSD = 0.0
    public var minAMMPrice = Double.infinity
    public var minExternalPrice = Double.infinity
    public var finalQueueUSD = 0.0
    public var finalWithdrawnFraction = 0.0
    public var lpExitFractionMax = 0.0
    /// ALM metrics at the tick where θ was lowest.
    public var worstTick = 0
    public var worstTheta = Double.infinity
    public var worstReserveUSD = 0.0
    public var worstQueueUSD = 0.0
    /// The lowest liquidity coverage ratio of the run, and its first tick.
    public var minLiquidityCoverage = ALMMetrics.coverageCap
    public var minLiquidityCoverageTick = 0
    /// The highest utilisation of the run, and its first tick.
    public var maxUtilisation = 0.0
    public var maxUtilisationTick = 0
    /// The lowest economic value of equity of the run, and its first tick (0 without rate risk).
    public var minEquityValue = 0.0
    public var minEquityValueTick = 0
    /// The largest duration gap (in absolute value, with its sign) of the run.
    public var maxDurationGap = 0.0
    public var agentSteps = 0
    /// The treasury's worst values; nil (and absent from the JSON) without a `treasury` section.
    public var treasury: TreasuryOutcome?
    /// Every lending market after the first; nil (and absent from the JSON) with one market.
    public var markets: [MarketOutcome]?
    /// The native token and the incentive programme; nil (and absent from the JSON) without a native token.
    public var incentives: IncentiveOutcome?
    /// The stability pool; nil (and absent from the JSON) without stability providers.
    public var stabilityPool: StabilityPoolOutcome?

    enum CodingKeys: String, CodingKey {
        case run
        case runTick = "run_tick"
        case badDebtUSD = "bad_debt_usd"
        case liquidatedUSD = "liquidated_usd"
        case minAMMPrice = "min_amm_price"
        case minExternalPrice = "min_ext_price"
        case finalQueueUSD = "final_queue_usd"
        case finalWithdrawnFraction = "final_withdrawn_fraction"
        case lpExitFractionMax = "lp_exit_fraction_max"
        case worstTick = "worst_tick"
        case worstTheta = "worst_theta"
        case worstReserveUSD = "worst_reserve_usd"
        case worstQueueUSD = "worst_queue_usd"
        case minLiquidityCoverage = "min_lcr"
        case minLiquidityCoverageTick = "min_lcr_tick"
        case maxUtilisation = "max_utilisation"
        case maxUtilisationTick = "max_utilisation_tick"
        case minEquityValue = "min_eve"
        case minEquityValueTick = "min_eve_tick"
        case maxDurationGap = "max_duration_gap"
        case agentSteps = "agent_steps"
        case treasury
        case markets
        case incentives
        case stabilityPool = "stability_pool"
    }

    public init() {}
}

/// Everything a replicate produced.
public struct RunResult: Sendable {
    public var outcome: Outcome
    /// Empty when the series was not requested.
    public var series: [SeriesRow]
    /// The world at the end, for inspection and conservation checks.
    public var finalState: WorldState
    /// Per tick and market asset (multi-asset scenarios with a recorded series; else empty).
    public var assets: [AssetRow] = []
    /// Per tick and lending market (several-market scenarios with a recorded series; else empty).
    public var markets: [MarketRow] = []
    /// Per tick, the treasury's books and Greeks (scenarios with a `treasury` section and a recorded series).
    public var treasury: [TreasuryRow] = []
    /// Per tick, the reserve parameters and the policies' signals (scenarios with a policy agent and a
    /// recorded series), and the policies' column names.
    public var policies: [PolicyRow] = []
    public var policyColumns: [String] = []
    /// Per tick, the native token and the incentive programme (worlds with a native token, recorded series).
    public var incentives: [IncentiveRow] = []
    /// Per tick, the stability pool (worlds with stability providers, recorded series).
    public var stabilityPool: [StabilityPoolRow] = []
}
