/// A lending market's book of fixed-term deposits (liabilities) and fixed-term loans (assets).
///
/// Each contract has a fixed rate per tick compounded every tick, a start tick and a maturity tick;
/// ``rollOff(at:prices:into:)`` settles every contract whose maturity has come. The book keeps claims
/// only: moving tokens between accounts and the pool is the caller's job, as with ``LendingPool``.
/// Contracts are kept sorted by maturity, so a roll-off costs O(matured), not O(book), and settling
/// into a reused ``RollOff`` allocates nothing once its buffers have grown.
///
/// Opening a contract checks its own terms only (rate, amounts, ticks, token indices); whether the
/// borrower's collateral is enough, or the pool has the cash, is for the caller to check.
public struct FixedTermBook: Sendable, Equatable {
    /// Number of tokens; token indices run over `0..<tokenCount` and ``RollOff`` totals have this length.
    public let tokenCount: Int
    /// Fraction of its accrued value a depositor forfeits by withdrawing before maturity; nil when
    /// deposits are locked until maturity.
    public let earlyWithdrawalPenalty: Double?
    var depositQueue = MaturityQueue<FixedTermDeposit>()
    var loanQueue = MaturityQueue<FixedTermLoan>()
    /// The identifier the next contract will get (identifiers count up from 0 across deposits and loans).
    public private(set) var nextID = 0

    /// Creates an empty book.
    /// - Parameters:
    ///   - tokenCount: Number of tokens the contracts may use (≥ 0).
    ///   - earlyWithdrawalPenalty: Fraction in `[0, 1]` forfeited on an early withdrawal; nil (the
    ///     default) locks deposits until maturity.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for a negative token count or a penalty outside `[0, 1]`.
    public init(tokenCount: Int, earlyWithdrawalPenalty: Double? = nil) throws(ProtocolError) {
        guard tokenCount >= 0 else { throw .invalidAmount("tokenCount = \(tokenCount), expected ≥ 0") }
        if let p = earlyWithdrawalPenalty {
            guard p >= 0, p <= 1 else {
                throw .invalidAmount("earlyWithdrawalPenalty = \(p), expected 0 ≤ penalty ≤ 1")
            }
        }
        self.tokenCount = tokenCount
        self.earlyWithdrawalPenalty = earlyWithdrawalPenalty
    }

    /// The open deposits, earliest maturity first.
    public var deposits: ArraySlice<FixedTermDeposit> { depositQueue.open }
    /// The open loans, earliest maturity first.
    public var loans: ArraySlice<FixedTermLoan> { loanQueue.open }
    /// The earliest maturity among the open contracts; nil when the book is empty.
    public var nextMaturity: Int? {
        switch (deposits.first?.maturityTick, loans.first?.maturityTick) {
        case let (d?, l?): min(d, l)
        case let (d, l): d ?? l
        }
    }

    /// Opens a fixed-term deposit and returns its identifier.
    ///
    /// Negative rates are refused: a depositor paying to deposit is a scenario error, not a contract.
    /// - Parameters:
    ///   - owner: The depositor's account (≥ 0).
    ///   - token: The token deposited, in `0..<tokenCount`.
    ///   - principal: Amount deposited (finite, > 0).
    ///   - ratePerTick: Fixed rate per tick (finite, ≥ 0), compounded every tick.
    ///   - startTick: Tick of the deposit (≥ 0).
    ///   - maturityTick: Tick at which principal and interest are due (> `startTick`).
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` naming the bad term, or
    ///   ``ProtocolError/unknownIndex(_:)`` for a token outside the book.
    @discardableResult
    public mutating func openDeposit(
        owner: Int, token: Int, principal: Double, ratePerTick: Double, startTick: Int, maturityTick: Int
    ) throws(ProtocolError) -> Int {
        try validateTerms(
            account: owner, principal: principal, rate: ratePerTick, start: startTick, maturity: maturityTick)
        try requireToken(token, "deposit token")
        let id = nextID
        depositQueue.insert(
            FixedTermDeposit(
                id: id, owner: owner, token: token, principal: principal, ratePerTick: ratePerTick,
                startTick: startTick, maturityTick: maturityTick))
        nextID += 1
        return id
    }

    /// Opens a fixed-term loan and returns its identifier.
    ///
    /// Negative rates are refused, as for deposits.
    /// - Parameters:
    ///   - borrower: The borrower's account (≥ 0).
    ///   - debtToken: The token lent, in `0..<tokenCount`.
    ///   - principal: Amount lent (finite, > 0).
    ///   - ratePerTick: Fixed rate per tick (finite, ≥ 0), compounded every tick.
    ///   - collateralToken: The token pledged, in `0..<tokenCount`.
    ///   - collateral: Amount pledged (finite, > 0).
    ///   - startTick: Tick of the loan (≥ 0).
    ///   - maturityTick: Tick at which principal and interest are due (> `startTick`).
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` naming the bad term, or
    ///   ``ProtocolError/unknownIndex(_:)`` for a token outside the book.
    @discardableResult
    public mutating func openLoan(
        borrower: Int, debtToken: Int, principal: Double, ratePerTick: Double, collateralToken: Int,
        collateral: Double, startTick: Int, maturityTick: Int
    ) throws(ProtocolError) -> Int {
        try validateTerms(
            account: borrower, principal: principal, rate: ratePerTick, start: startTick, maturity: maturityTick)
        try requireToken(debtToken, "debt token")
        try requireToken(collateralToken, "collateral token")
        try _requireAmount("collateral", collateral)
        let id = nextID
        loanQueue.insert(
            FixedTermLoan(
                id: id, borrower: borrower, debtToken: debtToken, principal: principal, ratePerTick: ratePerTick,
                collateralToken: collateralToken, collateral: collateral, startTick: startTick,
                maturityTick: maturityTick))
        nextID += 1
        return id
    }

    /// Closes deposit `id` before maturity and returns it with the payout
    /// `value(at: tick)·(1 − earlyWithdrawalPenalty)`; the penalty stays with the protocol. At or after
    /// maturity (a deposit not yet rolled off) the payout is the amount due, without penalty.
    /// - Parameters:
    ///   - id: The deposit's identifier.
    ///   - tick: The current tick (≥ the deposit's start).
    /// - Throws: ``ProtocolError/locked(untilTick:)`` when the book has no early-withdrawal penalty and
    ///   the deposit has not matured, ``ProtocolError/unknownIndex(_:)`` when no open deposit has `id`,
    ///   ``ProtocolError/invalidAmount(_:)`` for a tick before the deposit's start. The book is unchanged
    ///   when it throws.
    public mutating func withdrawEarly(id: Int, at tick: Int) throws(ProtocolError) -> (
        deposit: FixedTermDeposit, payout: Double
    ) {
        guard let d = deposits.first(where: { $0.id == id }) else { throw .unknownIndex("fixed-term deposit \(id)") }
        guard tick >= d.startTick else {
            throw .invalidAmount("tick = \(tick), expected ≥ the deposit's start tick \(d.startTick)")
        }
        var payout = d.value(at: tick)
        if tick < d.maturityTick {
            guard let penalty = earlyWithdrawalPenalty else { throw .locked(untilTick: d.maturityTick) }
            payout *= 1 - penalty
        }
        _ = depositQueue.remove(id: id)
        return (d, payout)
    }

    /// Σ accrued value at `tick` of the open deposits in `token` (what the protocol owes them now).
    public func depositValue(token: Int, at tick: Int) -> Double {
        var sum = 0.0
        for d in deposits where d.token == token { sum += d.value(at: tick) }
        return sum
    }

    /// Σ accrued value at `tick` of the open loans in `debtToken` (what the borrowers owe now).
    public func loanValue(debtToken: Int, at tick: Int) -> Double {
        var sum = 0.0
        for l in loans where l.debtToken == debtToken { sum += l.value(at: tick) }
        return sum
    }

    private func validateTerms(account: Int, principal: Double, rate: Double, start: Int, maturity: Int)
        throws(ProtocolError)
    {
        guard account >= 0 else { throw .unknownIndex("account \(account)") }
        try _requireAmount("principal", principal)
        guard rate.isFinite, rate >= 0 else {
            throw .invalidAmount("ratePerTick = \(rate), expected a finite rate ≥ 0 (negative rates are refused)")
        }
        guard start >= 0 else { throw .invalidAmount("startTick = \(start), expected ≥ 0") }
        guard maturity > start else {
            throw .invalidAmount("maturityTick = \(maturity), expected > startTick = \(start)")
        }
    }

    private func requireToken(_ token: Int, _ role: String) throws(ProtocolError) {
        guard token >= 0, token < tokenCount else {
            throw .unknownIndex("\(role) \(token), expected 0..<\(tokenCount)")
        }
    }
}
