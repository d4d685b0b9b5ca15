import GRDB
import Simulation

/// The columns of `Outcome` in the store and in exports, in `Outcome.CodingKeys` order
/// (`allCases` is that order, so every table and file lists them the same way).
///
/// `Outcome.CodingKeys` is internal to Simulation, so the names are repeated here;
/// a test checks them against `Outcome`'s JSON keys so a new field cannot be forgotten.
enum OutcomeColumn: String, CaseIterable, Sendable {
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
    /// `treasury.yield_given_up_usd` and `treasury.invested_share`: NULL without a treasury menu.
    case treasuryYieldGivenUpUSD = "treasury_yield_given_up_usd"
    case treasuryInvestedShare = "treasury_invested_share"
    /// The `incentives` block: the programme's cost at market value, the native token's lowest and final
    /// price against its opening price, and the backstop's dilution. NULL without a native token.
    case incentiveCostUSD = "incentive_cost_usd"
    case tokenPriceMin = "token_price_min"
    case tokenPriceFinal = "token_price_final"
    case tokenDilution = "token_dilution"
    /// The largest share of D₀ under lock-up boosts (`incentives.max_locked_share`): NULL without a native
    /// token, 0 without lock-up boosts.
    case maxLockedShare = "max_locked_share"

    enum Kind { case flag, integer, optionalInteger, real }

    var kind: Kind {
        switch self {
        case .run: .flag
        case .runTick: .optionalInteger
        case .worstTick, .minLiquidityCoverageTick, .maxUtilisationTick, .minEquityValueTick, .agentSteps: .integer
        default: .real
        }
    }

    /// REAL columns accept NULL because SQLite stores NaN as NULL.
    var sqlDeclaration: String {
        switch kind {
        case .flag: "\(rawValue) INTEGER NOT NULL CHECK (\(rawValue) IN (0, 1))"
        case .integer: "\(rawValue) INTEGER NOT NULL"
        case .optionalInteger: "\(rawValue) INTEGER"
        case .real: "\(rawValue) REAL"
        }
    }

    private func real(of o: Outcome) -> Double {
        switch self {
        case .badDebtUSD: o.badDebtUSD
        case .liquidatedUSD: o.liquidatedUSD
        case .minAMMPrice: o.minAMMPrice
        case .minExternalPrice: o.minExternalPrice
        case .finalQueueUSD: o.finalQueueUSD
        case .finalWithdrawnFraction: o.finalWithdrawnFraction
        case .lpExitFractionMax: o.lpExitFractionMax
        case .worstTheta: o.worstTheta
        case .worstReserveUSD: o.worstReserveUSD
        case .worstQueueUSD: o.worstQueueUSD
        case .minLiquidityCoverage: o.minLiquidityCoverage
        case .maxUtilisation: o.maxUtilisation
        case .minEquityValue: o.minEquityValue
        case .maxDurationGap: o.maxDurationGap
        case .treasuryYieldGivenUpUSD: o.treasury?.yieldGivenUpUSD ?? .nan
        case .treasuryInvestedShare: o.treasury?.investedShare ?? .nan
        case .incentiveCostUSD: o.incentives?.costUSD ?? .nan
        case .tokenPriceMin: o.incentives.map { $0.minTokenPrice / $0.openingTokenPrice } ?? .nan
        case .tokenPriceFinal: o.incentives.map { $0.finalTokenPrice / $0.openingTokenPrice } ?? .nan
        case .tokenDilution: o.incentives?.dilution ?? .nan
        case .maxLockedShare: o.incentives.map { $0.locks?.maxLockedShare ?? 0 } ?? .nan
        case .run, .runTick, .worstTick, .minLiquidityCoverageTick, .maxUtilisationTick, .minEquityValueTick,
            .agentSteps:
            .nan
        }
    }

    private func setReal(_ value: Double, in o: inout Outcome) {
        switch self {
        case .badDebtUSD: o.badDebtUSD = value
        case .liquidatedUSD: o.liquidatedUSD = value
        case .minAMMPrice: o.minAMMPrice = value
        case .minExternalPrice: o.minExternalPrice = value
        case .finalQueueUSD: o.finalQueueUSD = value
        case .finalWithdrawnFraction: o.finalWithdrawnFraction = value
        case .lpExitFractionMax: o.lpExitFractionMax = value
        case .worstTheta: o.worstTheta = value
        case .worstReserveUSD: o.worstReserveUSD = value
        case .worstQueueUSD: o.worstQueueUSD = value
        case .minLiquidityCoverage: o.minLiquidityCoverage = value
        case .maxUtilisation: o.maxUtilisation = value
        case .minEquityValue: o.minEquityValue = value
        case .maxDurationGap: o.maxDurationGap = value
        case .treasuryYieldGivenUpUSD, .treasuryInvestedShare:
            // NULL leaves the outcome without a treasury block, as the run had none.
            guard !value.isNaN else { return }
            var t = o.treasury ?? TreasuryOutcome()
            if self == .treasuryYieldGivenUpUSD { t.yieldGivenUpUSD = value } else { t.investedShare = value }
            o.treasury = t
        case .incentiveCostUSD, .tokenPriceMin, .tokenPriceFinal, .tokenDilution, .maxLockedShare:
            // Prices come back relative to an opening price of 1; NULL leaves the outcome without the block.
            guard !value.isNaN else { return }
            var i = o.incentives ?? IncentiveOutcome()
            i.openingTokenPrice = 1
            switch self {
            case .incentiveCostUSD: i.costUSD = value
            case .tokenPriceMin: i.minTokenPrice = value
            case .tokenPriceFinal: i.finalTokenPrice = value
            case .maxLockedShare:
                // A world with lock-up boosts stores their block; 0 is also what a world without them stores.
                if value > 0 { i.locks = LockOutcome(maxLockedShare: value) }
            default: i.dilution = value
            }
            o.incentives = i
        case .run, .runTick, .worstTick, .minLiquidityCoverageTick, .maxUtilisationTick, .minEquityValueTick,
            .agentSteps:
            break
        }
    }

    /// The value to bind. NaN becomes NULL explicitly rather than relying on SQLite doing it.
    func databaseValue(of o: Outcome) -> DatabaseValue {
        switch self {
        case .run: return (o.run ? 1 : 0).databaseValue
        case .runTick: return o.runTick?.databaseValue ?? .null
        case .worstTick, .minLiquidityCoverageTick, .maxUtilisationTick, .minEquityValueTick, .agentSteps:
            return integer(of: o).databaseValue
        default:
            let x = real(of: o)
            return x.isNaN ? .null : x.databaseValue
        }
    }

    /// Reads a stored value back; NULL in a REAL column is NaN.
    func decode(_ value: DatabaseValue, into o: inout Outcome) throws(StoreError) {
        switch kind {
        case .flag:
            guard let i = Int.fromDatabaseValue(value), i == 0 || i == 1 else { throw corrupt(value) }
            o.run = i == 1
        case .optionalInteger:
            if value.isNull {
                o.runTick = nil
                return
            }
            guard let i = Int.fromDatabaseValue(value) else { throw corrupt(value) }
            o.runTick = i
        case .integer:
            guard let i = Int.fromDatabaseValue(value) else { throw corrupt(value) }
            setInteger(i, in: &o)
        case .real:
            if value.isNull {
                setReal(.nan, in: &o)
                return
            }
            guard let x = Double.fromDatabaseValue(value) else { throw corrupt(value) }
            setReal(x, in: &o)
        }
    }

    private func corrupt(_ value: DatabaseValue) -> StoreError {
        .database("unexpected value \(value) in column \(rawValue)")
    }

    /// CSV text: shortest round-trip `description` for numbers (`inf`, `-inf`, `nan` included),
    /// 1/0 for `run` (so a column mean is a run probability), empty for a missing `run_tick`.
    func csvField(of o: Outcome) -> String {
        switch self {
        case .run: o.run ? "1" : "0"
        case .runTick: o.runTick.map { $0.description } ?? ""
        case .worstTick, .minLiquidityCoverageTick, .maxUtilisationTick, .minEquityValueTick, .agentSteps:
            integer(of: o).description
        default: real(of: o).description
        }
    }

    private func integer(of o: Outcome) -> Int {
        switch self {
        case .worstTick: o.worstTick
        case .minLiquidityCoverageTick: o.minLiquidityCoverageTick
        case .maxUtilisationTick: o.maxUtilisationTick
        case .minEquityValueTick: o.minEquityValueTick
        default: o.agentSteps
        }
    }

    private func setInteger(_ i: Int, in o: inout Outcome) {
        switch self {
        case .worstTick: o.worstTick = i
        case .minLiquidityCoverageTick: o.minLiquidityCoverageTick = i
        case .maxUtilisationTick: o.maxUtilisationTick = i
        case .minEquityValueTick: o.minEquityValueTick = i
        default: o.agentSteps = i
        }
    }
}
