import Agents
import ProtocolModel
import ScenarioSchema

/// Builds the opening protocol state of one replicate from the scenario and what the agent kinds
/// recorded in their ``/Agents/SetupContext``.
///
/// The reference model's world is the smallest case of the protocol state: two tokens (USD, the
/// collateral), one Uniswap v2 pool, and one lending market with a USD reserve (the deposits) and a
/// collateral reserve. Every opening holding is minted, so the state's inflows are the opening
/// balance sheet and conservation holds from tick 0. A multi-asset scenario adds a token per further
/// market asset, the pools of `pools` after pool 0 and the collateral reserves of `lending.reserves`
/// after the first (see ``WorldSpec``).
struct WorldBuilder {
    let scenario: Scenario
    let layout: WorldLayout
    let openingPrice: Double
    /// Every market asset's price at tick 0.
    var openingPrices: [Double] = []

    /// Builds the world from the setup of each lending market: `setups[0]` for the top-level sections,
    /// then one per entry of `markets`, in order, whose accounts follow the previous ones.
    func build(_ setups: [SetupContext]) throws(ConfigError) -> WorldState {
        var world: WorldState
        do throws(ProtocolError) {
            world = try buildPools(setups)
        } catch {
            throw ConfigError(file: scenario.sourcePath, line: nil, keyPath: "lending", message: error.description)
        }
        try openFixedTerm(&world)
        return world
    }

    /// The fixed-term contracts of the file, each with its own outside account.
    private var termAccounts: Int { (scenario.fixedTerm?.deposits.count ?? 0) + (scenario.fixedTerm?.loans.count ?? 0) }

    private func buildPools(_ setups: [SetupContext]) throws(ProtocolError) -> WorldState {
        let s = scenario
        let setup = setups[0]
        let allocated = setups.last?.accountCount ?? setup.accountCount
        let accounts = allocated + 1 + termAccounts
        let lending = try LendingPool(
            reserves: reserveConfigs(), users: accounts, closeFactor: s.lending.liquidation.closeFactor)
        // The protocol's own account: it funds the insurance fund and seeds the pool.
        let protocolAccount = allocated
        let usdOracle = try PriceOracle(price: 1, deviationThreshold: 0, heartbeat: Int.max, updateDelay: 0)
        let collateralOracle: PriceOracle
        if let o = s.lending.oracle {
            collateralOracle = try PriceOracle(
                price: openingPrice, deviationThreshold: o.deviation, heartbeat: o.heartbeat, updateDelay: o.delay)
        } else {
            collateralOracle = try PriceOracle(
                price: openingPrice, deviationThreshold: 0, heartbeat: Int.max, updateDelay: 0)
        }
        var state = try ProtocolState(
            tokens: tokens(), accounts: accounts, lending: lending,
            oracles: [usdOracle, collateralOracle] + (try extraOracles()))
        let d0 = setup.initialDeposits
        try openBook(setup, s.lending, market: 0, protocolAccount: protocolAccount, in: &state)
        // The pool, seeded by the protocol account and split among the LPs.
        try state.mint(account: protocolAccount, token: layout.collateral, amount: s.amm.reserveCollateral)
        try state.mint(account: protocolAccount, token: layout.usd, amount: s.amm.reserveUSD)
        let pool = try state.createAMM(
            baseToken: layout.collateral, quoteToken: layout.usd, reserveBase: s.amm.reserveCollateral,
            reserveQuote: s.amm.reserveUSD, feeBps: s.amm.feeBps, creator: protocolAccount)
        try addPools(&state, creator: protocolAccount)
        // Every pool's opening shares, split among its LPs (the protocol keeps a pool without LPs).
        for lp in setup.poolShares where state.amms.indices.contains(lp.pool) {
            let shares = state.amms[lp.pool].pool.totalShares
            try state.transferShares(
                pool: lp.pool, from: protocolAccount, to: lp.account, shares: shares * lp.fraction)
        }
        if firstCollateral?.priceFromPool ?? (s.lending.oracle == nil) {
            state.priceSources[layout.collateral] = .pool(pool)
        }
        for r in s.world.reserves where r.token != layout.collateral && r.priceFromPool {
            state.priceSources[r.token] = .pool(r.sellPool)
        }
        for w in setup.wallets where w.amount > 0 {
            try state.mint(account: w.account, token: w.token, amount: w.amount)
        }
        if let t = setup.treasury { state.treasury = t }
        for g in setup.governors { try state.appoint(governor: g) }
        if let native = s.world.native {
            // With no programme the ledger still names the token, so depositors can watch its price.
            try state.install(
                incentives: setup.incentives
                    ?? IncentiveLedger(
                        account: nil, token: native.token, pool: native.pool, openingPrice: native.openingPrice))
        }
        if let pool = setup.stabilityPool { try state.install(stabilityPool: pool) }
        if let book = setup.locks { try state.install(locks: book) }
        var deposits = [d0]
        var inventories = setup.inventories
        for (k, market) in s.otherMarkets.enumerated() {
            let other = setups[k + 1]
            try addMarket(market, other, to: &state, protocolAccount: protocolAccount)
            deposits.append(other.initialDeposits)
            inventories += other.inventories
        }
        return WorldState(
            externalPrice: openingPrice, state: state, layout: layout, initialDeposits: deposits,
            inventories: inventories)
    }

    /// Opens the `fixed_term` ladder at tick 0: deposits first (their cash funds the loans), then loans,
    /// each against collateral worth `collateral_ratio` times its principal at the opening price.
    private func openFixedTerm(_ world: inout WorldState) throws(ConfigError) {
        guard let f = scenario.fixedTerm else { return }
        let perYear = scenario.rates?.ticksPerYear ?? Scenario.Rates.defaultTicksPerYear
        var account = world.state.accountCount - termAccounts
        func located(_ c: Scenario.FixedTerm.Contract, _ e: ProtocolError) -> ConfigError {
            let why = e == .insufficientLiquidity ? "the reserve's cash at tick 0 cannot fund it" : e.description
            return ConfigError(
                file: scenario.sourcePath, line: c.line, keyPath: c.keyPath,
                message: "expected a contract the market can open: \(why)")
        }
        for c in f.deposits {
            do throws(ProtocolError) {
                try world.state.mint(account: account, token: layout.usd, amount: c.amount)
                try world.state.openTermDeposit(
                    account: account, token: layout.usd, principal: c.amount, ratePerTick: c.ratePerYear / perYear,
                    maturityTick: c.maturityTick)
            } catch { throw located(c, error) }
            account += 1
        }
        for c in f.loans {
            do throws(ProtocolError) {
                let collateral = c.amount * c.collateralRatio / openingPrice
                try world.state.mint(account: account, token: layout.collateral, amount: collateral)
                try world.state.openTermLoan(
                    account: account, debtToken: layout.usd, principal: c.amount, ratePerTick: c.ratePerYear / perYear,
                    collateralToken: layout.collateral, collateral: collateral, maturityTick: c.maturityTick)
                // The borrower takes the loan out of the model, as the pool's borrowers do.
                try world.state.burn(account: account, token: layout.usd, amount: c.amount)
            } catch { throw located(c, error) }
            account += 1
        }
    }

    /// The USD reserve (deposits; not collateral) and the collateral reserve, with the scenario's
    /// liquidation parameters, deposit terms and rate model (`rates`). The reference model pays no interest.
    private func reserveConfigs() throws(ProtocolError) -> [ReserveConfig] {
        var (usd, collateral) = try baseReserves(scenario.lending)
        let noInterest = collateral.rateModel
        if let first = firstCollateral { collateral = reserveConfig(first, rateModel: noInterest) }
        return [usd, collateral]
            + scenario.world.reserves.filter { $0.token != layout.collateral }.map {
                reserveConfig($0, rateModel: noInterest)
            }
    }
}
