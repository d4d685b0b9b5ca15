extension ProtocolState {
    /// Replaces the fixed-term book (before any contract is open) to set its early-withdrawal terms.
    public mutating func setFixedTermBook(_ book: FixedTermBook) throws(ProtocolError) {
        guard fixedTerm.deposits.isEmpty, fixedTerm.loans.isEmpty else {
            throw .invalidAmount("the fixed-term book already holds contracts")
        }
        guard book.tokenCount == tokens.count else {
            throw .invalidAmount("book tokenCount = \(book.tokenCount), expected \(tokens.count)")
        }
        fixedTerm = book
    }

    /// Takes a fixed-term deposit: `principal` of `token` moves from `account` into the token's lending
    /// reserve cash, owed back with interest at `maturityTick`. Returns the contract's id.
    @discardableResult
    public mutating func openTermDeposit(
        account: Int, token: Int, principal: Double, ratePerTick: Double, maturityTick: Int
    ) throws(ProtocolError) -> Int {
        let r = try reserve(token, 0)
        try requireBalance(account, token, principal)
        // The book validates before it writes, so nothing below can fail.
        let id = try fixedTerm.openDeposit(
            owner: account, token: token, principal: principal, ratePerTick: ratePerTick, startTick: tick,
            maturityTick: maturityTick)
        balances[account, token] -= principal
        lending.reserves[r].cash += principal
        lending.reserves[r].termDeposits += principal
        payQueues()
        return id
    }

    /// Makes a fixed-term loan: `principal` of `debtToken` leaves the reserve's cash for `account`, which
    /// pledges `collateral` of `collateralToken` into escrow until `maturityTick`. Returns the contract's id.
    @discardableResult
    public mutating func openTermLoan(
        account: Int, debtToken: Int, principal: Double, ratePerTick: Double, collateralToken: Int,
        collateral: Double, maturityTick: Int
    ) throws(ProtocolError) -> Int {
        let r = try reserve(debtToken, 0)
        try requireBalance(account, collateralToken, collateral)
        guard principal <= lending.reserves[r].cash else { throw .insufficientLiquidity }
        let id = try fixedTerm.openLoan(
            borrower: account, debtToken: debtToken, principal: principal, ratePerTick: ratePerTick,
            collateralToken: collateralToken, collateral: collateral, startTick: tick, maturityTick: maturityTick)
        balances[account, collateralToken] -= collateral
        escrow[collateralToken] += collateral
        lending.reserves[r].cash -= principal
        lending.reserves[r].termLoans += principal
        credit(account, debtToken, principal)
        return id
    }

    /// Settles every fixed-term contract that matures by the current tick, at the lending prices.
    ///
    /// A deposit is paid principal and interest from its reserve's cash; what the cash cannot pay joins
    /// the reserve's withdrawal queue behind the claims already there, so a maturity wall drains the same
    /// liquidity the on-demand depositors count on. A loan is repaid with its interest by its borrower
    /// (from outside the model) and gets its collateral back; a loan whose collateral is worth less than it
    /// owes defaults: the protocol keeps the collateral, sells it on the external market, and books the
    /// loss against its fixed-term result.
    public mutating func rollOffFixedTerm() throws(ProtocolError) {
        guard let next = fixedTerm.nextMaturity, next <= tick else { return }
        var out = _scratch.rollOff
        _scratch.rollOff = RollOff(tokenCount: 0)
        defer { _scratch.rollOff = out }
        try fixedTerm.rollOff(at: tick, prices: prices, into: &out)
        for d in out.deposits {
            let r = try reserve(d.token, 0)
            let due = d.amountDue
            let paid = min(due, lending.reserves[r].cash)
            lending.reserves[r].cash -= paid
            lending.reserves[r].termDeposits -= d.principal
            lending.reserves[r].termResult -= due - d.principal
            credit(d.owner, d.token, paid)
            lending.queues[r].enqueue(account: Int64(d.owner), amount: due - paid)
            lending.reserves[r].queued = lending.queues[r].total
        }
        for m in out.loans {
            let loan = m.loan
            let r = try reserve(loan.debtToken, 0)
            lending.reserves[r].termLoans -= loan.principal
            escrow[loan.collateralToken] -= loan.collateral
            if m.defaulted {
                // The collateral goes to the external market at its price; the proceeds come back as cash.
                outflows[loan.collateralToken] += loan.collateral
                inflows[loan.debtToken] += m.recovered
                lending.reserves[r].cash += m.recovered
                lending.reserves[r].termResult += m.recovered - loan.principal
                badDebtByMarket[0] += m.shortfall * prices[loan.debtToken]
            } else {
                let due = loan.amountDue
                inflows[loan.debtToken] += due
                lending.reserves[r].cash += due
                lending.reserves[r].termResult += due - loan.principal
                credit(loan.borrower, loan.collateralToken, loan.collateral)
            }
        }
        payQueues()
    }
}
