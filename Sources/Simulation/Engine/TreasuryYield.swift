/// The yield the treasury gives up by keeping capital liquid, and the share of its capital tied up in
/// instruments, accumulated tick by tick from ``TreasuryRow``s.
///
/// The benchmark is the treasury fully invested: its capital earning the menu's rate averaged with the
/// weights the treasury invests by (r̄ per tick, ``/ProtocolModel/Treasury/benchmarkRatePerTick``). Over
/// tick t the capital it held liquid at the end of tick t − 1 forgoes r̄ on its cash and r̄ − s on its
/// supply claim on the reserve, where s is the reserve's supply rate per tick in force (0 without a `rates`
/// section). The instruments are taken to earn r̄ (the treasury splits each investment by the same weights),
/// so they give up nothing; after redemptions (the money market, penalty-free, goes first) the mix left
/// earns somewhat more than r̄, which this measure does not credit. Cash granted to the reserve
/// (`top_up: grant`) is no longer the treasury's, so it forgoes nothing here: a grant's cost is the capital
/// itself (the treasury's value). Early-exit penalties are yield given up too (added at the end of the run):
///
///   yield given up = Σ_{t=1}^{T−1} [ r̄·cash_{t−1} + (r̄ − s_{t−1})·supplied_{t−1} ] + penalties.
///
/// This is an opportunity cost against a treasury that holds nothing liquid, not a profit: a policy's cost
/// is its paired difference against the baseline. The invested share is the mean over ticks of
/// invested ÷ (cash + invested + supplied): capital out of the reserve's reach until redeemed (the staking
/// and the note locked up, the money market on demand).
struct TreasuryYield: Sendable, Equatable {
    /// r̄, per tick.
    var benchmarkPerTick: Double
    /// The sum so far, without penalties.
    var givenUpUSD = 0.0
    /// Σ invested ÷ capital over the ticks recorded, and their count.
    var investedShareSum = 0.0
    var ticks = 0
    /// Cash, supply claim and supply rate per tick at the end of the last tick recorded.
    var lastCash = 0.0
    var lastSupplied = 0.0
    var lastSupplyRate = 0.0

    /// Folds in the end of one tick; `supplyRatePerTick` is the reserve's supply rate in force after it.
    mutating func record(_ r: TreasuryRow, supplyRatePerTick: Double) {
        if ticks > 0 { givenUpUSD += benchmarkPerTick * lastCash + (benchmarkPerTick - lastSupplyRate) * lastSupplied }
        let capital = r.cashUSD + r.investedUSD + r.suppliedUSD
        investedShareSum += capital > 0 ? r.investedUSD / capital : 0
        ticks += 1
        (lastCash, lastSupplied, lastSupplyRate) = (r.cashUSD, r.suppliedUSD, supplyRatePerTick)
    }

    /// The mean invested share.
    var investedShare: Double { ticks > 0 ? investedShareSum / Double(ticks) : 0 }
}
