import Agents
import ProtocolModel
import ScenarioSchema
import Stochastics

/// Runs one replicate of a scenario: the tick loop of docs/ARCHITECTURE.md.
///
/// ```
/// market.advance → for each phase: snapshot, propose (concurrently), order, apply, settle → record
/// ```
/// Determinism: every draw comes from a stream keyed by (seed, replicate, population, shard,
/// purpose); proposals are gathered in population order whatever finishes first; so the
/// result does not depend on `workers` or on how tasks land on threads.
public struct Engine: Sendable {
    public let scenario: Scenario
    /// How many populations may propose at once (1 = strictly sequential).
    public let workers: Int
    /// Called at the end of every tick when set (tests: `@testable import Simulation`); nil costs one check per tick.
    var tickObserver: TickObserver?

    public init(scenario: Scenario, workers: Int = 1) {
        self.scenario = scenario
        self.workers = max(1, workers)
    }

    /// Builds the opening world and populations for (seed, replicate) from the decoded scenario.
    /// The scenario was validated when it was decoded, so the errors here are a defence, not a path.
    func build(seed: UInt64, replicate: UInt64) throws(ConfigError) -> (WorldState, [any Population]) {
        let s = scenario
        let p0 = s.market.initialState().prices.first ?? 0
        guard
            let pool = try? UniswapV2Pool(
                reserveBase: s.amm.reserveCollateral, reserveQuote: s.amm.reserveUSD, feeBps: s.amm.feeBps)
        else {
            throw ConfigError(file: s.sourcePath, line: nil, keyPath: "amm", message: "expected positive reserves")
        }
        let layout = WorldLayout.reference
        var setup = SetupContext(
            seed: seed, replicate: replicate, initialPrice: p0,
            loanFraction: s.lending.loanFraction, initialPoolShares: pool.totalShares,
            reserveFraction: s.lending.reserveFraction, layout: layout)
        setup.ticksPerYear = s.rates?.ticksPerYear ?? Scenario.Rates.defaultTicksPerYear
        let openingPrices = s.market.initialState().prices
        if !s.world.assets.isEmpty {
            setup.tokenSymbols = ["USD"] + s.world.assets.map(\.name)
            setup.tokenPrices = [1] + openingPrices
        }
        setup.native = s.world.native
        var populations: [any Population] = []
        for section in s.agentSections {
            populations += section.makePopulations(setup: &setup)
        }
        // The LPs of further pools, each given its pool's opening price and shares.
        for p in s.poolSections {
            guard let opening = Self.openingPool(s, p.pool) else { continue }
            setup.providing(pool: p.pool, price: opening.price, openingShares: opening.totalShares)
            populations += p.section.makePopulations(setup: &setup)
        }
        setup.providing(pool: 0, price: p0, openingShares: pool.totalShares)
        // Each further market's sections set up its own book; their accounts follow the previous ones.
        var setups = [setup]
        for (k, market) in s.otherMarkets.enumerated() {
            var next = SetupContext(
                seed: seed, replicate: replicate, initialPrice: p0, loanFraction: market.lending.loanFraction,
                initialPoolShares: pool.totalShares, reserveFraction: market.lending.reserveFraction, layout: layout,
                market: k + 1, marketName: market.name, firstAccount: setups[k].accountCount)
            next.tokenSymbols = setup.tokenSymbols
            next.tokenPrices = setup.tokenPrices
            next.native = setup.native
            for section in market.agentSections { populations += section.makePopulations(setup: &next) }
            setups.append(next)
        }
        let world = try WorldBuilder(scenario: s, layout: layout, openingPrice: p0, openingPrices: openingPrices)
            .build(setups)
        return (world, populations)
    }

    /// Runs replicate `replicate` of `seed`. `progress` is called with ticks done, every `progressEvery` ticks.
    public func run(
        seed: UInt64, replicate: UInt64, recordSeries: Bool = true, progressEvery: Int = 50,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RunError) -> RunResult {
        var world: WorldState
        var populations: [any Population]
        do { (world, populations) = try build(seed: seed, replicate: replicate) } catch {
            throw .invalidScenario(error)
        }
        let phases: [[Int]] = scenario.phases.map { key in populations.indices.filter { populations[$0].kind == key } }
        let stepsPerTick = populations.reduce(0) { $0 + $1.count }
        let venueReporters = populations.indices.filter { populations[$0].reportsVenueShare }
        let allSections = scenario.allAgentSections
        let phaseReadsSolvency = scenario.phases.map { key in
            allSections.contains { $0.key == key && $0.readsSolvencyMargin }
        }
        var marketState = scenario.market.initialState()
        var marketRNG = RandomStream(seed: seed, replicate: replicate, population: "world", purpose: "market")
        var orderRNG = RandomStream(seed: seed, replicate: replicate, population: "world", purpose: "ordering")
        var scratch: [Int32] = []
        var receipts = [[Receipt]](repeating: [], count: populations.count)
        var outcome = Outcome()
        var series: [SeriesRow] = []
        if recordSeries { series.reserveCapacity(scenario.ticks) }
        let recordAssets = recordSeries && scenario.world.assets.count > 1
        var assetRows: [AssetRow] = []
        if recordAssets { assetRows.reserveCapacity(scenario.ticks * scenario.world.assets.count) }
        let marketNames = ["main"] + scenario.otherMarkets.map(\.name)
        let ticksPerYear = scenario.rates?.ticksPerYear ?? Scenario.Rates.defaultTicksPerYear
        let severalMarkets = marketNames.count > 1
        var marketRows: [MarketRow] = []
        if recordSeries && severalMarkets { marketRows.reserveCapacity(scenario.ticks * marketNames.count) }
        if severalMarkets { outcome.markets = marketNames.dropFirst().map { MarketOutcome(name: $0) } }
        let openingDepth = world.amm.reserveQuote
        let runRule = scenario.runDefinition == .withdrawnFraction ? scenario.runThreshold : nil
        let yearsPerTick = 1 / (scenario.rates?.ticksPerYear ?? Scenario.Rates.defaultTicksPerYear)
        var treasuryRows: [TreasuryRow] = []
        if world.state.treasury.account != nil {
            let t = world.state.treasury
            outcome.treasury = TreasuryOutcome(benchmarkRatePerTick: t.menu.isEmpty ? nil : t.benchmarkRatePerTick)
        }
        let policyReporters = populations.compactMap { $0 as? any PolicyReporter }.filter { !$0.policyColumns.isEmpty }
        let policyColumns = policyReporters.flatMap { $0.policyColumns }
        var policyRows: [PolicyRow] = []
        var incentiveRows: [IncentiveRow] = []
        if world.state.incentives.isInstalled { outcome.incentives = IncentiveOutcome() }
        var stabilityRows: [StabilityPoolRow] = []
        if world.state.stabilityPool.isInstalled { outcome.stabilityPool = StabilityPoolOutcome() }

        for tick in 0..<scenario.ticks {
            if tick >= 1 {
                // What the world did last tick can push the market into stress (an endogenous trigger):
                // the pool's depth against its opening depth, and last tick's deposit outflow.
                marketState.stressSignal = StressSignal(
                    ammDepthDrop: openingDepth > 0 ? 1 - world.amm.reserveQuote / openingDepth : 0,
                    outflowFraction: world.initialDeposits > 0 ? world.lastTickOutflow / world.initialDeposits : 0)
                scenario.market.advance(&marketState, tick: tick, rng: &marketRNG)
            }
            world.open(tick: tick, externalPrices: marketState.prices, frozen: marketState.frozen)
            do { try world.state.rollOffFixedTerm() } catch { throw .protocolFailure(tick: tick, error) }
            var theta = Double.nan
            for (phaseIndex, members) in phases.enumerated() where !members.isEmpty {
                let needsSolvency = phaseReadsSolvency[phaseIndex]
                var proposals: [Proposal]
                do {
                    // The snapshot shares the state's storage; it is gone before the first write below, so
                    // applying the phase's intents copies nothing.
                    let snapshot = world.snapshot(includeSolvency: needsSolvency)
                    if needsSolvency { theta = snapshot.solvencyMargin }
                    proposals = await propose(populations, members, snapshot)
                }
                guard !proposals.isEmpty else { continue }
                scenario.ordering.order(&proposals, rng: &orderRNG, price: world.amm.price, scratch: &scratch)
                for p in proposals {
                    receipts[Int(p.population)].append(world.state.apply(p.intent))
                }
                let settled = world.snapshot(includeSolvency: false)
                for i in members where !receipts[i].isEmpty {
                    await populations[i].settle(receipts[i], snapshot: settled)
                    receipts[i].removeAll(keepingCapacity: true)
                }
            }
            // Without a depositor phase nobody looked; record the end-of-tick margin instead of a gap.
            if theta.isNaN { theta = world.solvencyMargin }
            world.close()
            var lpIn = 0
            var lpTotal = 0
            for i in venueReporters {
                let o = await populations[i].observe()
                lpIn += o.active
                lpTotal += o.total
            }
            let book = world.state.lending.loanBook(prices: world.state.prices)
            let risk: RateRisk
            var sheet = world.balanceSheet(depositRunoff: scenario.alm.depositRunoff, book: book)
            do {
                risk = try world.rateRisk(scenario.rates, alm: scenario.alm, lcrSheet: &sheet)
            } catch { throw .protocolFailure(tick: tick, error) }
            var row = SeriesRow(
                tick: tick, externalPrice: world.externalPrice, ammPrice: world.amm.price,
                reserveUSD: world.reserveUSD, queueUSD: world.queueUSD,
                withdrawnFraction: world.withdrawnFraction, theta: theta,
                liquidatedUSD: world.liquidatedUSD, badDebtUSD: world.badDebtUSD,
                lpShareInPool: lpTotal > 0 ? Double(lpIn) / Double(lpTotal) : 1,
                liquidityCoverage: ALMMetrics.liquidityCoverage(sheet, horizonTicks: scenario.alm.horizonTicks),
                utilisation: WorldState.utilisation(cash: world.reserveUSD, debt: book.debt))
            row.durationGap = risk.durationGap
            row.equityValue = risk.equityValue
            row.equityChangeUp100bp = risk.equityChangeUp100bp
            row.maturityGap = risk.maturityGap
            (row.borrowRate, row.supplyRate) = world.ratesPerYear(market: 0, ticksPerYear: ticksPerYear)
            if let bad = row.firstNonFinite() { throw .nonFinite(tick: tick, column: bad.column, value: bad.value) }
            outcome.record(row, rule: runRule, initialDeposits: world.initialDeposits)
            if recordSeries { series.append(row) }
            if recordAssets { AssetRow.rows(tick: tick, world.state, into: &assetRows) }
            if severalMarkets {
                let first = marketRows.count
                MarketRow.rows(
                    tick: tick, world, names: marketNames, mainLCR: row.liquidityCoverage, alm: scenario.alm,
                    ticksPerYear: ticksPerYear, into: &marketRows)
                for (k, r) in marketRows[(first + 1)...].enumerated() {
                    outcome.markets?[k].record(r, rule: runRule, initialDeposits: world.initialDepositsByMarket[k + 1])
                }
                if !recordSeries { marketRows.removeAll(keepingCapacity: true) }
            }
            if let t = TreasuryRow.row(world, yearsPerTick: yearsPerTick) {
                if let bad = t.firstNonFinite() { throw .nonFinite(tick: tick, column: bad.column, value: bad.value) }
                outcome.treasury?.record(t, supplyRatePerTick: row.supplyRate * yearsPerTick)
                if recordSeries { treasuryRows.append(t) }
            }
            if let r = IncentiveRow.row(world) {
                if let bad = r.firstNonFinite() { throw .nonFinite(tick: tick, column: bad.column, value: bad.value) }
                outcome.incentives?.record(r)
                if recordSeries { incentiveRows.append(r) }
            }
            if let r = StabilityPoolRow.row(world) {
                if let bad = r.firstNonFinite() { throw .nonFinite(tick: tick, column: bad.column, value: bad.value) }
                outcome.stabilityPool?.record(r)
                if recordSeries { stabilityRows.append(r) }
            }
            if recordSeries, !policyReporters.isEmpty {
                let p = await PolicyRow.row(world, reporters: policyReporters, ticksPerYear: ticksPerYear)
                if let bad = p.firstNonFinite(policyColumns) {
                    throw .nonFinite(tick: tick, column: bad.column, value: bad.value)
                }
                policyRows.append(p)
            }
            if let tickObserver { await tickObserver(world, row, populations) }
            if let progress, (tick + 1) % progressEvery == 0 || tick + 1 == scenario.ticks { progress(tick + 1) }
        }
        outcome.finalQueueUSD = world.queueUSD
        outcome.finalWithdrawnFraction = world.withdrawnFraction
        outcome.agentSteps = stepsPerTick * scenario.ticks
        outcome.treasury?.penaltiesUSD = world.state.treasury.penalties
        if let given = outcome.treasury?.yield?.givenUpUSD {
            outcome.treasury?.yieldGivenUpUSD = given + world.state.treasury.penalties
        }
        outcome.treasury?.unpaidSettlementsUSD = world.state.treasury.unpaidSettlements
        if let bad = outcome.firstNonFinite() {
            throw .nonFinite(tick: scenario.ticks - 1, column: "outcome." + bad.field, value: bad.value)
        }
        return RunResult(
            outcome: outcome, series: series, finalState: world, assets: assetRows, markets: marketRows,
            treasury: treasuryRows, policies: policyRows, policyColumns: policyColumns, incentives: incentiveRows,
            stabilityPool: stabilityRows)
    }

    /// Asks every population of a phase to propose; concatenates in population order.
    private func propose(_ pops: [any Population], _ members: [Int], _ s: Snapshot) async -> [Proposal] {
        if workers == 1 || members.count == 1 {
            var all: [Proposal] = []
            for i in members { all += await pops[i].propose(s, population: Int32(i)) }
            return all
        }
        return await withTaskGroup(of: (Int, [Proposal]).self) { group in
            var results = [[Proposal]](repeating: [], count: members.count)
            var next = 0
            var running = 0
            func launch(_ k: Int) {
                let pop = pops[members[k]]
                let tag = Int32(members[k])
                group.addTask { (k, await pop.propose(s, population: tag)) }
            }
            while next < members.count && running < workers {
                launch(next)
                next += 1
                running += 1
            }
            for await (k, r) in group {
                results[k] = r
                if next < members.count {
                    launch(next)
                    next += 1
                }
            }
            return results.flatMap { $0 }
        }
    }
}

extension Outcome {
    /// Folds one row in. `rule` is the run threshold on w, or nil when a run is the reserve's exhaustion.
    mutating func record(_ row: SeriesRow, rule threshold: Double?, initialDeposits: Double) {
        let ran = Self.ran(
            withdrawnFraction: row.withdrawnFraction, queueUSD: row.queueUSD, reserveUSD: row.reserveUSD,
            rule: threshold, initialDeposits: initialDeposits)
        if !run && ran {
            run = true
            runTick = row.tick
        }
        badDebtUSD = row.badDebtUSD
        liquidatedUSD = row.liquidatedUSD
        minAMMPrice = min(minAMMPrice, row.ammPrice)
        minExternalPrice = min(minExternalPrice, row.externalPrice)
        lpExitFractionMax = max(lpExitFractionMax, 1 - row.lpShareInPool)
        if row.theta < worstTheta {
            worstTheta = row.theta
            worstTick = row.tick
            worstReserveUSD = row.reserveUSD
            worstQueueUSD = row.queueUSD
        }
        if row.liquidityCoverage < minLiquidityCoverage {
            minLiquidityCoverage = row.liquidityCoverage
            minLiquidityCoverageTick = row.tick
        }
        if row.utilisation > maxUtilisation {
            maxUtilisation = row.utilisation
            maxUtilisationTick = row.tick
        }
        if row.tick == 0 || row.equityValue < minEquityValue {
            minEquityValue = row.equityValue
            minEquityValueTick = row.tick
        }
        if abs(row.durationGap) > abs(maxDurationGap) { maxDurationGap = row.durationGap }
    }
}

extension Engine {
    /// Uniswap v2 pool `index` of the `pools` list as it opens (index 0 is the legacy `amm`).
    static func openingPool(_ s: Scenario, _ index: Int) -> UniswapV2Pool? {
        for (k, p) in s.world.pools.enumerated() where s.world.poolIndices[k] == index {
            if case let .uniswapV2(_, _, reserveBase, reserveQuote, feeBps) = p {
                return try? UniswapV2Pool(reserveBase: reserveBase, reserveQuote: reserveQuote, feeBps: feeBps)
            }
        }
        return nil
    }
}

extension Outcome {
    /// Whether a market counts as having run at the end of a tick: its withdrawn fraction reached the
    /// `run_threshold` (`rule`), or, with `run_definition: reserve_exhausted` (`rule` nil), a queue formed or
    /// its reserve fell to 10⁻⁹ · D₀. One rule for the first market's outcome and every further market's.
    static func ran(
        withdrawnFraction: Double, queueUSD: Double, reserveUSD: Double, rule threshold: Double?,
        initialDeposits: Double
    ) -> Bool {
        if let threshold { return withdrawnFraction >= threshold }
        return queueUSD > 0 || reserveUSD <= 1e-9 * initialDeposits
    }
}
