import Foundation
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    /// Each point keeps the scenario hash, Ballast version and seed it ran with; reopening a point
    /// with any of them changed is refused and writes nothing.
    @Suite("Result store point provenance")
    struct Provenance {
        @Test func aPointResumesOnlyWithItsScenarioVersionAndSeed() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = StoreTests.manifest()
            let points = [
                StudyPoint(index: 0, values: [1, 2], scenarioHash: "aaaa"),
                StudyPoint(index: 1, values: [3, 4], scenarioHash: "bbbb"),
            ]
            do {
                let store = try ResultStore(directory: folder, manifest: manifest)
                try store.registerPoints(points)
                try store.record(StoreTests.rows(points: 0..<2, replicates: 0..<2))
            }
            // The same points again: accepted.
            try ResultStore(directory: folder, manifest: manifest).registerPoints(points)

            var edited = points
            edited[1].scenarioHash = "cccc"
            let store = try ResultStore(directory: folder, manifest: manifest)
            #expect { try store.registerPoints(edited) } throws: { error in
                "\(error)".contains("point 1 was run with scenario hash bbbb, but this run has cccc")
            }

            var newer = manifest
            newer.ballastVersion = "9.9.9"
            #expect { try ResultStore(directory: folder, manifest: newer).registerPoints(points) } throws: { error in
                "\(error)".contains(
                    "point 0 was run with Ballast version \(manifest.ballastVersion), but this run has 9.9.9")
            }
            #expect(try store.replicateCount() == 4, "refusals wrote nothing")
            #expect(try store.points().map(\.scenarioHash) == ["aaaa", "bbbb"])
        }

        @Test func theSeedOfAPointIsRecordedWithIt() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ResultStore(directory: folder, manifest: StoreTests.manifest())
            try store.registerPoints([StudyPoint(index: 0, values: [1, 2], scenarioHash: "h")])
            let seeds = try store.queue.read { db in try ResultStore.readProvenance(db).mapValues(\.seed) }
            #expect(seeds == [0: String(StoreTests.manifest().seed)])
        }
    }
}
