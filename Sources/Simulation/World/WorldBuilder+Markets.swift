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
        let noInterest = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        var usd = ReserveConfig(
            token: layout.usd, ltv: 0, liquidation: l.liquidation, reserveFactor: scenario.rates?.reserveFactor ?? 0,
            rateModel: try scenario.rates?.model() ?? noInterest, withdrawals: l.withdrawals)
        usd.liquidation.liquidationThreshold = 1e-9  // deposits back no borrowing
        let collateral = ReserveConfig(
            token: layout.collateral, ltv: l.liquidation.liquidationThreshold, liquidation: l.liquidation,
            reserveFactor: 0, borrowingEnabled: false, rateModel: noInterest)
        let m = try state.addMarket(
            try LendingPool(
                reserves: [usd, collateral], users: state.accountCount, closeFactor: l.liquidation.closeFactor))
        for d in setup.deposits where d.amount > 0 {
            try state.mint(account: d.account, token: layout.usd, amount: d.amount)
            try state.deposit(account: d.account, token: layout.usd, amount: d.amount, market: m)
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
        let offBook = state.markets[m].reserves[layout.depositReserve].cash - setup.reserveFraction * d0
        if offBook > 1e-9 * max(1, d0) { try state.deployOutside(token: layout.usd, amount: offBook, market: m) }
        for w in setup.wallets where w.amount > 0 {
            try state.mint(account: w.account, token: w.token, amount: w.amount)
        }
    }
}
