import Foundation
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    @Suite("Result store round trip")
    struct RoundTrip {
        @Test func manifestPointsAndOutcomesReadBackExactly() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = StoreTests.manifest()
            let points = [
                StudyPoint(index: 0, values: [-0.3, 0.003]), StudyPoint(index: 1, values: [.infinity, .nan]),
                StudyPoint(index: 2, values: [0.1 + 0.2, 1e-300]),
            ]
            var degenerate = StoreTests.outcome(1, 2)
            degenerate.worstTheta = .infinity
            degenerate.minAMMPrice = .nan
            degenerate.minExternalPrice = -.infinity
            degenerate.runTick = nil
            var rows = StoreTests.rows(points: 0..<3, replicates: 0..<2)
            rows.append((ReplicateKey(point: 1, replicate: 2), degenerate))
            do {
                let store = try ResultStore(directory: folder, manifest: manifest)
                try store.registerPoints(points.reversed())
                // Shuffled order in, sorted order out.
                try store.record(rows.reversed())
            }
            // Reopen: everything comes from the file, not from memory.
            let store = try ResultStore(directory: folder, manifest: manifest)
            #expect(store.manifest == manifest)
            let back = try store.points()
            #expect(back.map(\.index) == [0, 1, 2])
            #expect(back[0].values == [-0.3, 0.003])
            #expect(back[1].values[0] == .infinity && back[1].values[1].isNaN)
            #expect(back[2].values == [0.30000000000000004, 1e-300])
            let all = try store.allOutcomes()
            #expect(all.map(\.key) == rows.map(\.key).sorted { ($0.point, $0.replicate) < ($1.point, $1.replicate) })
            for (key, outcome) in all {
                let expected =
                    key == ReplicateKey(point: 1, replicate: 2)
                    ? degenerate : StoreTests.outcome(key.point, key.replicate)
                #expect(StoreTests.same(outcome, expected), "\(key)")
            }
            let point1 = try store.outcomes(point: 1)
            #expect(point1.count == 3)
            #expect(point1[2].worstTheta == .infinity && point1[2].minAMMPrice.isNaN && point1[2].runTick == nil)
            #expect(point1[2].minExternalPrice == -.infinity)
            #expect(point1[1].runTick == 41)  // replicate 1 ran: runTick = 40 + 1
            #expect(try store.replicateCount() == 7)
            #expect(try store.outcomes(point: 9).isEmpty)
        }

        @Test func outcomeColumnsMatchOutcomeCodingKeys() throws {
            var o = Outcome()
            o.runTick = 3
            o.minAMMPrice = 1
            o.minExternalPrice = 1
            o.worstTheta = 1
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(o)) as? [String: Any]
            let keys = Set(json?.keys.map { $0 } ?? [])
            // The treasury block's two measured columns follow the top-level fields, prefixed `treasury_`.
            let treasury: Set = ["treasury_yield_given_up_usd", "treasury_invested_share"]
            // So do the native token's four, from the `incentives` block.
            let incentives: Set = [
                "incentive_cost_usd", "token_price_min", "token_price_final", "token_dilution", "max_locked_share",
            ]
            #expect(keys.union(treasury).union(incentives) == Set(OutcomeColumn.allCases.map(\.rawValue)))
            #expect(OutcomeColumn.allCases.first == .run && OutcomeColumn.allCases.last == .maxLockedShare)
        }

        @Test func registeringPointsIsIdempotentButRefusesOtherValues() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ResultStore(directory: folder, manifest: StoreTests.manifest())
            try store.registerPoints([StudyPoint(index: 0, values: [1, .nan])])
            try store.registerPoints([StudyPoint(index: 0, values: [1, .nan]), StudyPoint(index: 1, values: [2, 3])])
            #expect(try store.points().count == 2)
            // Point 2 is new but point 1 conflicts: the whole call writes nothing.
            #expect(throws: StoreError.self) {
                try store.registerPoints([StudyPoint(index: 2, values: [5, 5]), StudyPoint(index: 1, values: [2, 4])])
            }
            #expect(try store.points().map(\.index) == [0, 1])
            #expect(throws: StoreError.self) { try store.registerPoints([StudyPoint(index: 3, values: [1])]) }
            #expect(throws: StoreError.self) { try store.registerPoints([StudyPoint(index: -1, values: [1, 2])]) }
        }

        @Test func badManifestsAreRefused() {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            for bad in [
                StoreTests.manifest(parameters: ["a", "a"]), StoreTests.manifest(parameters: ["run"]),
                StoreTests.manifest(parameters: [""]), StoreTests.manifest(replicates: 0),
            ] {
                #expect(throws: StoreError.self) { try ResultStore(directory: folder, manifest: bad) }
            }
        }
    }
}
