import Foundation
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    /// A store remembers its study's confidence level, so an export, merge, figure or report of it
    /// computes the intervals the sweep did, not a fixed 95%.
    @Suite("Result store confidence level")
    struct Confidence {
        @Test func laterReadersUseTheStudysLevel() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var manifest = StoreTests.manifest(parameters: ["x"], replicates: 40)
            manifest.confidence = 0.8
            do {
                let store = try ResultStore(directory: folder, manifest: manifest)
                try store.registerPoints([StudyPoint(index: 0, values: [1])])
                try store.record(StoreTests.rows(points: 0..<1, replicates: 0..<40))
            }
            let store = try ResultStore(directory: folder, manifest: manifest)
            #expect(store.manifest.confidence == 0.8)
            let byDefault = try StudyReport(store: store)
            let explicit80 = try StudyReport(store: store, confidence: 0.8)
            let explicit95 = try StudyReport(store: store, confidence: 0.95)
            #expect(byDefault.confidence == 0.8)
            #expect(byDefault.csv == explicit80.csv)
            // An 80% Wilson interval is narrower than a 95% one on the same replicates.
            let p80 = try #require(byDefault.estimates.first)
            let p95 = try #require(explicit95.estimates.first)
            #expect(
                p80.runProbability.upper - p80.runProbability.lower
                    < p95.runProbability.upper - p95.runProbability.lower)
        }
    }
}
