import BallastTestSupport
import Foundation
import Testing

@testable import Studies

/// `objective.incentive_cost_per_usd`: the incentive programme's measured cost enters the objective, is
/// stored per replicate in the journal (so a resumed search replays it), and is reported with its interval.
@Suite("Optimize with a measured incentive cost", .serialized)
struct OptimizeMeasuredCostTests {
    static let scenario = SweepChild.root.appendingPathComponent("experiments/tokenomics-feedback/tokenomics.yaml")

    static func folder(_ name: String) throws -> URL {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return tmp
    }

    /// A search over the USD stay bonus on the tokenomics scenario, 230 ticks, 500 depositors.
    static func study(in folder: URL, perUSD: Double) throws -> URL {
        let study = folder.appendingPathComponent("optimize.yaml")
        let overrides = [
            "ticks=230", "depositors.count=500", "depositors.shards=1", "borrowers.count=200",
            "incentives.paid_in=usd", "incentives.budget_usd=20000000", "incentives.budget_tokens=0",
        ]
        try """
        name: measured-cost
        scenario: \(scenario.path)
        seed: 2
        overrides: [\(overrides.map { "\"\($0)\"" }.joined(separator: ", "))]
        parameters:
          - {key: incentives.stay_bonus, bounds: [0, 0.002], start: 0.0005}
        objective: {lambda: 1, incentive_cost_per_usd: \(perUSD)}
        replicates: {start: 4, max: 8, grow_when_simplex_below: 0.2}
        max_evaluations: 8
        """.write(to: study, atomically: true, encoding: .utf8)
        return study
    }

    @Test func theJournalKeepsEachReplicatesCost() throws {
        let folder = try Self.folder("journal-costs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try OptimizeJournal(folder: folder, hash: "h")
        let measured = OptimizeJournal.Entry(point: [0.1, 2], runs: [true, false], costs: [1.5e6, 0.1])
        try journal.append(measured)
        try journal.append(OptimizeJournal.Entry(point: [0.3, 1], runs: [false, false, true]))
        let reopened = try OptimizeJournal(folder: folder, hash: "h")
        #expect(reopened.entry([0.1, 2], replicates: 2) == measured)
        #expect(reopened.entry([0.1, 2], replicates: 2)?.meanCost == 750_000.05)
        #expect(reopened.entry([0.3, 1], replicates: 3)?.costs == [])
    }

    @Test func theObjectiveAddsLambdaTimesTheMeasuredCost() throws {
        let folder = try Self.folder("objective-cost")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try OptimizeSpec.load(path: try Self.study(in: folder, perUSD: 1e-7).path)
        #expect(spec.measuredCostPerUSD == 1e-7)
        let value = try spec.objective(runs: 1, replicates: 4, at: [0.001], measuredUSD: 2e6)
        #expect(abs(value - (0.25 + 1 * 1e-7 * 2e6)) < 1e-12)
    }

    /// A real search: every stored evaluation carries its replicates' costs, a bonus of 0 costs nothing and a
    /// positive one costs something, and optimum.json reports the cost's mean and interval.
    @Test func aSearchMeasuresAndReportsTheCost() async throws {
        let folder = try Self.folder("search-cost")
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = try Self.study(in: folder, perUSD: 1e-8)
        let out = folder.appendingPathComponent("out")
        #expect(try SweepChild.runToEnd(["optimize", study.path, "--out", out.path, "--workers", "2", "--quiet"]) == 0)
        let log = try String(contentsOf: out.appendingPathComponent("evaluations.log"), encoding: .utf8)
        let entries = log.split(separator: "\n").dropFirst().compactMap { OptimizeJournal.parse(String($0)) }
        #expect(!entries.isEmpty && entries.allSatisfy { $0.costs.count == $0.runs.count })
        for e in entries { #expect(e.point[0] > 0 ? e.meanCost > 0 : e.meanCost == 0) }
        let json = try String(contentsOf: out.appendingPathComponent("optimum.json"), encoding: .utf8)
        #expect(json.contains("\"incentive_cost_usd\": {\"mean\": "))
    }
}
