/// Risk and rate configuration of one reserve (market) of the ``LendingPool``.
public struct ReserveConfig: Sendable, Equatable {
    /// Token lent and borrowed in this reserve (index into the state's tokens).
    public var token: Int
    /// Maximum loan-to-value for new borrowing against this collateral.
    public var ltv: Double
    /// Liquidation threshold, bonus and protocol fee of this collateral (the close factor is pool-wide).
    public var liquidation: LiquidationParameters
    /// Share of interest kept by the protocol.
    public var reserveFactor: Double
    /// Cap on total supply (underlying units); +∞ = none.
    public var supplyCap: Double
    /// Cap on total debt; +∞ = none.
    public var borrowCap: Double
    /// Whether the asset may be borrowed.
    public var borrowingEnabled: Bool
    /// Interest rate model; rates are per tick.
    public var rateModel: InterestRateModel
    /// The deposit product's terms: withdrawal fee, gate, lock-up, and whether bad debt the insurance
    /// fund cannot cover is socialised over suppliers or kept as the reserve's deficit (Aave v3.3).
    public var withdrawals: WithdrawalPolicy

    /// Creates a configuration.
    public init(
        token: Int, ltv: Double, liquidation: LiquidationParameters, reserveFactor: Double = 0.1,
        supplyCap: Double = .infinity, borrowCap: Double = .infinity, borrowingEnabled: Bool = true,
        rateModel: InterestRateModel, withdrawals: WithdrawalPolicy = .plain
    ) {
        self.withdrawals = withdrawals
        self.token = token
        self.ltv = ltv
        self.liquidation = liquidation
        self.reserveFactor = reserveFactor
        self.supplyCap = supplyCap
        self.borrowCap = borrowCap
        self.borrowingEnabled = borrowingEnabled
        self.rateModel = rateModel
    }
}

/// Aggregate state of one reserve. Identity kept by every operation:
/// `cash + totalDebt + deficit + deployed + termLoans = totalSupply + queued + accruedToTreasury
/// + termDeposits + termResult`
/// (covered or socialised bad debt is written off both sides; uncovered, kept bad debt is the deficit).
public struct ReserveState: Sendable, Equatable {
    /// Underlying held by the pool and free to lend or withdraw.
    public var cash: Double = 0
    /// Σ scaled supply; `× supplyIndex` = suppliers' claims.
    public var scaledSupply: Double = 0
    /// Σ scaled debt; `× borrowIndex` = debt.
    public var scaledDebt: Double = 0
    /// Growth factor of supply claims.
    public var supplyIndex: Double = 1
    /// Growth factor of debt.
    public var borrowIndex: Double = 1
    /// The protocol's share of interest and liquidation fees (a claim on the reserve).
    public var accruedToTreasury: Double = 0
    /// Insurance fund held in this token, outside `cash`, absorbing bad debt before suppliers.
    public var insuranceFund: Double = 0
    /// Cumulative bad debt written off (covered, socialised or kept as deficit).
    public var badDebt: Double = 0
    /// Bad debt neither the insurance fund covered nor the suppliers absorbed: Aave v3.3's reserve
    /// `deficit`, a hole in the books that nobody has paid for.
    public var deficit: Double = 0
    /// Withdrawal claims accepted but not yet paid (the FIFO queue's total).
    public var queued: Double = 0
    /// Cash deployed outside the model at setup (an illiquid strategy the model does not value).
    public var deployed: Double = 0
    /// Cumulative supply accepted for withdrawal: paid, queued or kept as a fee.
    public var withdrawn: Double = 0
    /// Cumulative withdrawal fees kept (they become the treasury's claim).
    public var fees: Double = 0
    /// Cumulative debt repaid by liquidators.
    public var liquidated: Double = 0
    /// Principal of the open fixed-term deposits funded into this reserve's cash (a liability).
    public var termDeposits: Double = 0
    /// Principal of the open fixed-term loans drawn from this reserve's cash (an asset).
    public var termLoans: Double = 0
    /// The protocol's cumulative result on fixed-term contracts: loan interest and recoveries less deposit
    /// interest and loan losses (its claim on the reserve, like ``accruedToTreasury``).
    public var termResult: Double = 0
    /// Suppliers' claims.
    public var totalSupply: Double { scaledSupply * supplyIndex }
    /// Borrowers' debt.
    public var totalDebt: Double { scaledDebt * borrowIndex }
    /// Compound-style utilisation.
    public var utilisation: Double {
        ProtocolModel.utilisation(cash: cash, borrows: totalDebt, reserves: accruedToTreasury)
    }
}

/// A multi-asset lending pool with Aave v2/v3 and Compound semantics: supply, withdraw, borrow, repay
/// and liquidate against oracle prices, per-asset LTV / LT / bonus / protocol fee, a pool-wide close
/// factor, kinked interest accrual with a reserve factor, supply and borrow caps, and bad debt absorbed
/// by an insurance fund before it is socialised pro rata over suppliers.
///
/// Per-user claims are scaled amounts (Aave's aToken/debtToken scaling) in two ``AccountTable``s, supply and
/// debt, one row of reserves per user, so a position lookup is one index; the debt table starts at the first
/// borrower, so depositors take no memory in it. Token movements are the caller's job (``ProtocolState``
/// moves them); this type keeps the claims and the pool's cash.
public struct LendingPool: Sendable, Equatable {
    /// Reserve configurations; governance changes them through ``setCollateralRisk(reserve:ltv:liquidationThreshold:)``,
    /// ``setRateModel(reserve:_:)`` and ``setWithdrawalFee(reserve:fee:)``.
    public internal(set) var configs: [ReserveConfig]
    /// Reserve states, parallel to ``configs``.
    public internal(set) var reserves: [ReserveState]
    /// Close-factor policy (v2 fixed 50%, or v3).
    public let closeFactor: CloseFactorPolicy
    /// Number of users.
    public let userCount: Int
    /// Every user's scaled supply claim in each reserve.
    var scaledSupply: AccountTable<Double>
    /// Every user's scaled debt in each reserve.
    var scaledDebt: AccountTable<Double>
    /// Per reserve: withdrawal claims the cash could not pay, oldest first.
    public internal(set) var queues: [WithdrawalQueue]
    /// Per reserve: the tick of the gate's allowance and what is left of it.
    var gates: [(tick: Int, allowance: Double)]
    /// Accounts that have ever borrowed, in order of their first borrow: liquidators and solvency
    /// passes scan these, not every account.
    public internal(set) var debtors: [Int32] = []
    var isDebtor: AccountColumn<Bool>
    /// Per reserve: uncovered bad debt written off but not yet absorbed (always 0 between operations).
    var pendingLoss: [Double]

    /// Creates an empty pool for `users` users.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for bad reserve parameters.
    public init(reserves configs: [ReserveConfig], users: Int, closeFactor: CloseFactorPolicy = .aaveV3)
        throws(ProtocolError)
    {
        for (i, c) in configs.enumerated() {
            try c.liquidation.validate()
            guard c.ltv >= 0, c.ltv <= c.liquidation.liquidationThreshold else {
                throw .invalidAmount("reserve \(i) ltv = \(c.ltv), expected 0 ≤ ltv ≤ liquidationThreshold")
            }
            guard c.reserveFactor >= 0, c.reserveFactor < 1 else {
                throw .invalidAmount("reserve \(i) reserveFactor = \(c.reserveFactor), expected 0 ≤ rf < 1")
            }
        }
        guard users >= 0 else { throw .invalidAmount("users = \(users), expected ≥ 0") }
        self.configs = configs
        self.reserves = Array(repeating: ReserveState(), count: configs.count)
        self.closeFactor = closeFactor
        self.userCount = users
        scaledSupply = AccountTable(accounts: users, width: configs.count, zero: 0)
        scaledDebt = scaledSupply
        queues = Array(repeating: WithdrawalQueue(), count: configs.count)
        gates = Array(repeating: (Int.min, 0), count: configs.count)
        isDebtor = AccountColumn(accounts: users, zero: false)
        pendingLoss = Array(repeating: 0, count: configs.count)
    }

    public static func == (l: LendingPool, r: LendingPool) -> Bool {
        l.configs == r.configs && l.reserves == r.reserves && l.closeFactor == r.closeFactor
            && l.userCount == r.userCount && l.scaledSupply == r.scaledSupply && l.scaledDebt == r.scaledDebt
            && l.queues == r.queues && l.debtors == r.debtors
            && l.gates.elementsEqual(r.gates) { $0.tick == $1.tick && $0.allowance == $1.allowance }
    }

    /// The reserve index of `token`, if the pool lists it.
    public func reserveIndex(of token: Int) -> Int? { configs.firstIndex { $0.token == token } }

    /// `user`'s supply claim in reserve `r` (underlying units).
    public func supplied(user: Int, reserve r: Int) -> Double {
        guard userValid(user), configs.indices.contains(r) else { return 0 }
        return scaledSupply[user, r] * reserves[r].supplyIndex
    }

    /// `user`'s debt in reserve `r`.
    public func debt(user: Int, reserve r: Int) -> Double {
        guard userValid(user), configs.indices.contains(r) else { return 0 }
        return scaledDebt[user, r] * reserves[r].borrowIndex
    }

    /// Collateral value weighted by LT, collateral weighted by LTV, and debt value, at `prices` (by token).
    public func accountData(user: Int, prices: [Double]) -> (
        thresholdCollateral: Double, ltvCollateral: Double, debt: Double
    ) {
        guard userValid(user) else { return (0, 0, 0) }
        // Reads the scaled claims directly, each row found once: liquidations ask this for every position they
        // look at. A row a table does not store is all zeros, which add nothing.
        var lt = 0.0
        var ltv = 0.0
        var d = 0.0
        scaledSupply.withView { supply in
            scaledDebt.withView { debt in
                let supplied = supply.row(user)
                let owes = debt.row(user)
                for r in configs.indices {
                    let p = price(r, prices)
                    if let s = supplied?[r], s > 0 {
                        let c = s * reserves[r].supplyIndex * p
                        lt += c * configs[r].liquidation.liquidationThreshold
                        ltv += c * configs[r].ltv
                    }
                    if let owed = owes?[r], owed > 0 { d += owed * reserves[r].borrowIndex * p }
                }
            }
        }
        return (lt, ltv, d)
    }

    /// `HF = Σ collateral·price·LT / Σ debt·price`; +∞ without debt.
    public func healthFactor(user: Int, prices: [Double]) -> Double {
        let a = accountData(user: user, prices: prices)
        return a.debt > 0 ? a.thresholdCollateral / a.debt : .infinity
    }

    /// Borrow and supply rates per tick of reserve `r` at its current utilisation.
    public func rates(reserve r: Int) -> (borrow: Double, supply: Double) {
        let u = reserves[r].utilisation
        let m = configs[r].rateModel
        return (m.borrowRate(utilisation: u), m.supplyRate(utilisation: u, reserveFactor: configs[r].reserveFactor))
    }

    /// Accrues `ticks` ticks of interest at the current rates (simple interest per call, as each
    /// Aave/Compound action compounds since the last one): debt grows by `borrowRate·ticks`. Under a
    /// jump-rate model the reserve factor's share of that interest goes to the treasury and the rest raises
    /// the supply index (Aave, Compound v2). Under Comet the supply index grows by its own curve's
    /// `supplyRate·ticks`, and the treasury's claim takes the difference, which is negative when suppliers
    /// earn more than borrowers pay (Compound III's `accrueInternal`; its reserves may go below zero).
    public mutating func accrue(ticks: Int) {
        guard ticks > 0 else { return }
        for r in configs.indices {
            if case .comet = configs[r].rateModel {
                accrueComet(reserve: r, ticks: ticks)
                continue
            }
            let s = reserves[r]
            let debt = s.totalDebt
            guard debt > 0 else { continue }
            let rate = rates(reserve: r).borrow * Double(ticks)
            let interest = debt * rate
            let toTreasury = interest * configs[r].reserveFactor
            reserves[r].borrowIndex *= 1 + rate
            reserves[r].accruedToTreasury += toTreasury
            let supply = s.totalSupply
            if supply > 0 {
                reserves[r].supplyIndex *= 1 + (interest - toTreasury) / supply
            } else {
                reserves[r].accruedToTreasury += interest - toTreasury
            }
        }
    }

    /// Comet's accrual of reserve `r`: both indices grow by their own curve; the treasury takes the rest.
    private mutating func accrueComet(reserve r: Int, ticks: Int) {
        let rate = rates(reserve: r)
        let n = Double(ticks)
        let interest = reserves[r].totalDebt * rate.borrow * n
        let earned = reserves[r].totalSupply * rate.supply * n
        if reserves[r].scaledDebt > 0 { reserves[r].borrowIndex *= 1 + rate.borrow * n }
        if reserves[r].scaledSupply > 0 { reserves[r].supplyIndex *= 1 + rate.supply * n }
        reserves[r].accruedToTreasury += interest - earned
    }

    /// Adds `amount` to the insurance fund of reserve `r` (tokens the caller moved in).
    public mutating func fundInsurance(reserve r: Int, amount: Double) throws(ProtocolError) {
        guard configs.indices.contains(r) else { throw .unknownIndex("reserve \(r)") }
        try _requireAmount("amount", amount)
        reserves[r].insuranceFund += amount
    }

    /// The addresses of the per-user claim buffers (tests: an intent writes them in place).
    var _bufferAddresses: [UInt] { [scaledSupply._bufferAddress, scaledDebt._bufferAddress] }

    func userValid(_ user: Int) -> Bool { user >= 0 && user < userCount }
    func price(_ r: Int, _ prices: [Double]) -> Double {
        let t = configs[r].token
        return prices.indices.contains(t) ? prices[t] : 0
    }
}

extension LendingPool {
    /// Sets `user`'s supply claim in reserve `r` to `amount`, keeping the reserve's aggregate in step.
    mutating func setSupplied(_ user: Int, _ r: Int, _ amount: Double) {
        let scaled = max(0, amount) / reserves[r].supplyIndex
        reserves[r].scaledSupply = max(0, reserves[r].scaledSupply + scaled - scaledSupply[user, r])
        scaledSupply[user, r] = scaled
    }

    /// Sets `user`'s debt in reserve `r` to `amount`, keeping the reserve's aggregate in step.
    mutating func setDebt(_ user: Int, _ r: Int, _ amount: Double) {
        let scaled = max(0, amount) / reserves[r].borrowIndex
        if scaled > 0, !isDebtor[user] {
            isDebtor[user] = true
            debtors.append(Int32(user))
        }
        reserves[r].scaledDebt = max(0, reserves[r].scaledDebt + scaled - scaledDebt[user, r])
        scaledDebt[user, r] = scaled
    }
}
