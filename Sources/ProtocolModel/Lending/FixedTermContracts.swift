#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Principal compounded once per tick at a fixed rate: `principal·(1 + rate)^(min(tick, maturity) − start)`.
/// Before `start` the value is the principal; from `maturity` on it stays at the amount due.
@inline(__always)
func fixedTermValue(principal: Double, rate: Double, start: Int, maturity: Int, at tick: Int) -> Double {
    let elapsed = max(0, min(tick, maturity) - start)
    return elapsed == 0 ? principal : principal * pow(1 + rate, Double(elapsed))
}

/// The yield per year of a rate per tick compounded every tick: `(1 + rate)^ticksPerYear − 1`.
@inline(__always)
func annualYield(ratePerTick rate: Double, ticksPerYear: Double) -> Double {
    expm1(ticksPerYear * log1p(rate))
}

/// `amount / (1 + yield)^years`, the present value of one cash flow at an annual yield.
@inline(__always)
func discounted(_ amount: Double, yield: Double, years: Double) -> Double {
    years == 0 ? amount : amount * exp(-years * log1p(yield))
}

/// A fixed-term deposit: a liability of the protocol that pays principal and interest at maturity.
///
/// Interest compounds once per tick at ``ratePerTick``, so the deposit is worth
/// `principal·(1 + ratePerTick)^(t − startTick)` at tick `t` and ``amountDue`` at ``maturityTick``.
public struct FixedTermDeposit: Sendable, Equatable {
    /// Identifier given by the book when the deposit was opened (unique within the book).
    public var id: Int
    /// The depositor's account.
    public var owner: Int
    /// The token deposited and repaid (index into the state's tokens).
    public var token: Int
    /// Amount deposited, in units of ``token``.
    public var principal: Double
    /// Fixed interest rate per tick (≥ 0).
    public var ratePerTick: Double
    /// Tick at which the deposit was made.
    public var startTick: Int
    /// Tick at which it falls due (> ``startTick``).
    public var maturityTick: Int

    /// Creates a deposit record; ``FixedTermBook/openDeposit(owner:token:principal:ratePerTick:startTick:maturityTick:)``
    /// validates the terms.
    public init(
        id: Int, owner: Int, token: Int, principal: Double, ratePerTick: Double, startTick: Int, maturityTick: Int
    ) {
        self.id = id
        self.owner = owner
        self.token = token
        self.principal = principal
        self.ratePerTick = ratePerTick
        self.startTick = startTick
        self.maturityTick = maturityTick
    }

    /// Principal plus the interest compounded to `tick` (capped at maturity), in units of ``token``.
    public func value(at tick: Int) -> Double {
        fixedTermValue(principal: principal, rate: ratePerTick, start: startTick, maturity: maturityTick, at: tick)
    }

    /// What the protocol owes at maturity: `principal·(1 + ratePerTick)^(maturityTick − startTick)`.
    public var amountDue: Double { value(at: maturityTick) }
}

/// A fixed-term loan: an asset of the protocol, repaid with interest at maturity and secured by collateral.
///
/// The debt compounds once per tick at ``ratePerTick``, like ``FixedTermDeposit``.
public struct FixedTermLoan: Sendable, Equatable {
    /// Identifier given by the book when the loan was opened (unique within the book).
    public var id: Int
    /// The borrower's account.
    public var borrower: Int
    /// The token lent and repaid.
    public var debtToken: Int
    /// Amount lent, in units of ``debtToken``.
    public var principal: Double
    /// Fixed interest rate per tick (≥ 0).
    public var ratePerTick: Double
    /// The token pledged as collateral.
    public var collateralToken: Int
    /// Collateral pledged, in units of ``collateralToken``.
    public var collateral: Double
    /// Tick at which the loan was made.
    public var startTick: Int
    /// Tick at which it must be repaid (> ``startTick``).
    public var maturityTick: Int

    /// Creates a loan record; ``FixedTermBook/openLoan(borrower:debtToken:principal:ratePerTick:collateralToken:collateral:startTick:maturityTick:)``
    /// validates the terms.
    public init(
        id: Int, borrower: Int, debtToken: Int, principal: Double, ratePerTick: Double, collateralToken: Int,
        collateral: Double, startTick: Int, maturityTick: Int
    ) {
        self.id = id
        self.borrower = borrower
        self.debtToken = debtToken
        self.principal = principal
        self.ratePerTick = ratePerTick
        self.collateralToken = collateralToken
        self.collateral = collateral
        self.startTick = startTick
        self.maturityTick = maturityTick
    }

    /// Principal plus the interest compounded to `tick` (capped at maturity), in units of ``debtToken``.
    public func value(at tick: Int) -> Double {
        fixedTermValue(principal: principal, rate: ratePerTick, start: startTick, maturity: maturityTick, at: tick)
    }

    /// What the borrower owes at maturity.
    public var amountDue: Double { value(at: maturityTick) }

    /// Whether the collateral at `prices` (USD per unit, by token) is worth less than the amount due.
    /// A missing price counts as 0.
    public func isUndercollateralised(prices: [Double]) -> Bool {
        collateral * tokenPrice(collateralToken, prices) < amountDue * tokenPrice(debtToken, prices)
    }
}

/// The price of `token` in `prices`, 0 when it is not listed.
@inline(__always)
func tokenPrice(_ token: Int, _ prices: [Double]) -> Double {
    prices.indices.contains(token) ? prices[token] : 0
}

/// How one loan ended at maturity.
public struct MaturedLoan: Sendable, Equatable {
    /// The loan as it stood at maturity.
    public var loan: FixedTermLoan
    /// True when the collateral was worth less than the amount due and was seized instead of the repayment.
    public var defaulted: Bool
    /// Defaulted loans: the seized collateral's value in units of the debt token; otherwise 0.
    public var recovered: Double
    /// Defaulted loans: `amountDue − recovered`, the loss in units of the debt token; otherwise 0.
    public var shortfall: Double

    /// Creates a record.
    public init(loan: FixedTermLoan, defaulted: Bool, recovered: Double, shortfall: Double) {
        self.loan = loan
        self.defaulted = defaulted
        self.recovered = recovered
        self.shortfall = shortfall
    }
}
