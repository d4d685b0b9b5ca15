import Agents
import ProtocolModel

/// The mutable state of one replicate: protocol, AMM, and what has flowed in and out.
///
/// A value type: the engine snapshots it for agents (copy-on-write) and mutates it
/// only while applying ordered intents.
public struct WorldState: Sendable {
    public var tick = 0
    public var externalPrice: Double
    public var oracleFrozen = false
    public var amm: UniswapV2Pool
    /// The lending pool's price feed; nil when the pool prices collateral at the live AMM price.
    public var oracle: PriceOracle?
    public var loans: LoanBook
    public var ledger: DepositLedger
    public let initialDeposits: Double
    public var history: PriceHistory
    /// √(x·y)/shares of the AMM at the end of each tick: one share's claim in constant-product units.
    public var shareValues = PriceHistory(openingPrice: 1)
    /// Cumulative debt repaid by liquidators, USD.
    public var liquidatedUSD = 0.0
    /// Cumulative debt written off, USD.
    public var badDebtUSD = 0.0
    /// Cumulative collateral the protocol kept as its liquidation fee (`lending.protocol_fee`);
    /// it leaves the pool for the treasury, so it is also counted in `flows.collateralOut`.
    public var protocolFeeCollateral = 0.0
    /// Deposits withdrawn or queued last tick, USD (for herding).
    public var lastTickOutflow = 0.0
    var outflowThisTick = 0.0
    /// Value that entered or left the modelled system, for the conservation check.
    public var flows = ExternalFlows()

    /// The price at which the lending pool values collateral: its oracle's, or the live AMM price
    /// (the reference model, where the pool is its own oracle).
    public var lendingPrice: Double { oracle?.price ?? amm.price }

    /// θ_t = A/L − 1 with A = reserve + insurance + Σ min(debt, collateral·p) and L = D_t + queue,
    /// where p is the lending price (p_AMM in the reference model).
    public var solvencyMargin: Double {
        let assets = ledger.reserve + ledger.insuranceFund + loans.collateralValueCappedAssets(price: lendingPrice)
        let liabilities = ledger.liabilities
        return liabilities > 0 ? assets / liabilities - 1 : 0
    }

    /// w_t: the fraction of D₀ withdrawn or queued so far (a socialised haircut is not a withdrawal).
    /// Capped at 1: the withdrawals are summed in another order than D₀ was, so "everything" can
    /// round to 1 + 1e-16.
    public var withdrawnFraction: Double {
        initialDeposits > 0 ? min(1, ledger.totalWithdrawn / initialDeposits) : 0
    }

    /// √(x·y)/shares now, or 0 when the pool is empty (the history then repeats its last value).
    var shareValue: Double {
        amm.isEmpty ? 0 : (amm.reserveBase * amm.reserveQuote).squareRoot() / amm.totalShares
    }

    public func snapshot(includeSolvency: Bool) -> Snapshot {
        Snapshot(
            tick: tick, externalPrice: externalPrice, oracleFrozen: oracleFrozen, amm: amm, lendingPrice: lendingPrice,
            ammHistory: history, shareValueHistory: shareValues,
            loans: loans, ledger: ledger, initialDeposits: initialDeposits,
            solvencyMargin: includeSolvency ? solvencyMargin : .nan,
            withdrawnFraction: withdrawnFraction,
            recentOutflowFraction: initialDeposits > 0 ? lastTickOutflow / initialDeposits : 0)
    }
}

/// Value crossing the boundary of the modelled system: external markets, agents' own wallets.
///
/// Conservation: for each token, what the system holds now equals what it held at tick 0
/// plus what came in minus what went out. The engine's tests check it every tick.
public struct ExternalFlows: Sendable, Equatable {
    public var usdIn = 0.0
    public var usdOut = 0.0
    public var collateralIn = 0.0
    public var collateralOut = 0.0
    /// Debt written off is not a flow of tokens, but it leaves the loan book.
    public var debtWrittenOff = 0.0
    /// Bad debt not covered by insurance, dropped from the books.
    public var uncoveredLoss = 0.0
    public init() {}
}
