import Testing

@testable import ProtocolModel

struct OracleTests {
    @Test func deviationHeartbeatDelayAndStaleness() throws {
        var o = try PriceOracle(price: 100, deviationThreshold: 0.01, heartbeat: 10, updateDelay: 0)
        let small = o.observe(sourcePrice: 100.5, tick: 1)  // 0.5% < 1%
        let big = o.observe(sourcePrice: 101, tick: 2)  // 1% → published
        #expect(!small && big && o.price == 101)
        let beat = o.observe(sourcePrice: 101.2, tick: 12)  // heartbeat: 10 ticks since 2
        #expect(beat)
        #expect(!o.isStale(at: 22) && o.isStale(at: 23))
        var d = try PriceOracle(price: 100, deviationThreshold: 0.01, heartbeat: 10, updateDelay: 3)
        let staged = d.observe(sourcePrice: 90, tick: 1)  // staged for tick 4
        let early = d.observe(sourcePrice: 80, tick: 3)
        #expect(!staged && !early && d.price == 100)
        let landed = d.observe(sourcePrice: 80, tick: 4)  // the delayed value lands
        #expect(landed && d.price == 90)
        d.manipulate(to: 1_000, tick: 5)
        #expect(d.price == 1_000)
        #expect(throws: ProtocolError.self) { try PriceOracle(price: 1, heartbeat: 0) }
    }
}

/// Balance sheet: assets cash 100 (D 0), stablecoins 200 (liquid, 1% haircut), loans 700 (illiquid,
/// maturity 720, D 2); liabilities: demand deposits 800 (run-off 30%, D 0), term deposits 100
/// (maturity 2,000, D 4).
struct ALMTests {
    let sheet = BalanceSheet(
        assets: [
            BalanceSheetItem(name: "cash", value: 100, tier: .cash),
            BalanceSheetItem(name: "stables", value: 200, tier: .liquid, maturityTicks: 0, stressFactor: 0.01),
            BalanceSheetItem(name: "loans", value: 700, tier: .illiquid, maturityTicks: 720, duration: 2),
        ],
        liabilities: [
            BalanceSheetItem(name: "demand", value: 800, tier: .cash, stressFactor: 0.3),
            BalanceSheetItem(
                name: "term", value: 100, tier: .locked, maturityTicks: 2_000, duration: 4,
                stressFactor: 1),
        ],
        badDebt: 12)

    @Test func solvencyLiquidityAndLadder() {
        // A = 1,000, L = 900 → margin 1,000/900 − 1 = 0.1111.
        #expect(close(sheet.solvencyMargin, 1.0 / 9))
        // LCR(24): HQLA = 100 + 200·0.99 = 298; outflows = 800·0.3 = 240 (the term deposit is beyond 24).
        #expect(close(sheet.liquidityCoverageRatio(horizonTicks: 24), 298.0 / 240))
        #expect(close(sheet.liquidityCoverageRatio(horizonTicks: 2_000), 298.0 / 340))
        let ladder = sheet.maturityLadder(edges: [24, 720])
        // [0,24): 300 − 800 = −500; [24,720): 0; [720,∞): 700 − 100 = 600, cumulative 100 = equity.
        #expect(ladder.map(\.gap) == [-500, 0, 600])
        #expect(ladder.last?.cumulativeGap == 100)
        #expect(sheet.byTier().assets == [100, 200, 700, 0])
        #expect(sheet.byTier().liabilities == [800, 0, 0, 100])
    }

    @Test func durationGapAndRateSensitivity() {
        // D_A = 700·2/1,000 = 1.4; D_L = 100·4/900 = 0.4444; gap = 1.4 − 0.9·0.4444 = 1.0.
        #expect(close(sheet.durationGap, 1.0))
        // ΔE(+100 bp) = −(1,400 − 400)·0.01 = −10; −100 bp → +10.
        #expect(close(sheet.rateSensitivity.up100, -10) && close(sheet.rateSensitivity.down100, 10))
    }
}
