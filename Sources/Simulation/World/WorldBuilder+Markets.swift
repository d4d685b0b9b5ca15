import Agents
import ProtocolModel

extension WorldBuilder {
    /// Opens a lending market of `markets` from its setup: a USD reserve for its deposits and a reserve
    /// for the first asset as collateral, with the market's own liquidation rules and deposit terms (and
    /// the scenario's rate model, as the top-level market has); then its deposits, insurance fund, loans,
    /// off-book cash and wallets, as the top-level market's are opened.
    func addMarket(
        _ market: Scenario.LendingMarket, _ setup: SetupContext, to state: inout ProtocolState, protocolAccount: Int
    ) throws(ProtocolError) {
        let l = market.lending
        let (usd, collateral) = try baseReserves(l)
        let m = try state.addMarket(
            try LendingPool(
                reserves: [usd, collateral], users: state.accountCount, closeFactor: l.liquidation.closeFactor))
        try openBook(setup, l, market: m, protocolAccount: protocolAccount, in: &state)
        for w in setup.wallets where w.amount > 0 {
            try state.mint(account: w.account, token: w.token, amount: w.amount)
        }
    }

    /// A market's two base reserves under lending keys `l`: USD (the deposits, backing no borrowing), with
    /// the scenario's rate model and `l`'s deposit terms, and the first asset as collateral, lending nothing.
    func baseReserves(_ l: Scenario.Lending) throws(ProtocolError) -> (usd: ReserveConfig, collateral: ReserveConfig) {
        let noInterest = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        var usd = ReserveConfig(
            token: layout.usd, ltv: 0, liquidation: l.liquidation, reserveFactor: scenario.rates?.reserveFactor ?? 0,
            rateModel: try scenario.rates?.model() ?? noInterest, withdrawals: l.withdrawals)
        usd.liquidation.liquidationThreshold = 1e-9  // deposits back no borrowing in this market
        let collateral = ReserveConfig(
            token: layout.collateral, ltv: l.liquidation.liquidationThreshold, liquidation: l.liquidation,
            reserveFactor: 0, borrowingEnabled: false, rateModel: noInterest)
        return (usd, collateral)
    }

    /// Opens market `m`'s book from its setup: D₀ supplied to the USD reserve, the insurance fund funded
    /// by the protocol's account, the loans (collateral supplied, USD drawn and taken out of the model by
    /// the borrower), basket collateral, and what is neither lent nor kept as the reserve deployed in a
    /// strategy the model does not value.
    func openBook(
        _ setup: SetupContext, _ l: Scenario.Lending, market m: Int, protocolAccount: Int,
        in state: inout ProtocolState
    ) throws(ProtocolError) {
        for block in setup.deposits {
            for k in 0..<block.count {
                let amount = block.amount(k)
                guard amount > 0 else { continue }
                try state.mint(account: block.firstAccount + k, token: layout.usd, amount: amount)
                try state.deposit(account: block.firstAccount + k, token: layout.usd, amount: amount, market: m)
            }
        }
        let d0 = setup.initialDeposits
        let insurance = l.insuranceFraction * d0
        if insurance > 0 {
            try state.mint(account: protocolAccount, token: layout.usd, amount: insurance)
            try state.fundInsurance(account: protocolAccount, token: layout.usd, amount: insurance, market: m)
        }
        for p in setup.positions where p.debt > 0 || p.collateral > 0 {
            if p.collateral > 0 { try state.mint(account: p.account, token: layout.collateral, amount: p.collateral) }
            try state.openPosition(
                account: p.account, collateralToken: layout.collateral, collateral: p.collateral,
                debtToken: layout.usd, debt: p.debt, market: m)
            let drawn = state.balances[p.account, layout.usd]
            if drawn > 0 { try state.burn(account: p.account, token: layout.usd, amount: drawn) }
        }
        for c in setup.collateralSupplies where c.amount > 0 {
            try state.mint(account: c.account, token: c.token, amount: c.amount)
            try state.deposit(account: c.account, token: c.token, amount: c.amount, market: m)
        }
        let offBook = state.markets[m].reserves[layout.depositReserve].cash - setup.reserveFraction * d0
        if offBook > 1e-9 * max(1, d0) { try state.deployOutside(token: layout.usd, amount: offBook, market: m) }
    }
}
