import Foundation
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    @Suite("Result store resume and refusal")
    struct Resume {
        @Test func reopeningReportsExactlyTheRecordedReplicates() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = StoreTests.manifest()
            do {
                let store = try ResultStore(directory: folder, manifest: manifest)
                try store.registerPoints((0..<4).map { StudyPoint(index: $0, values: [Double($0), 0.5]) })
                // Points 0 and 1 complete, point 2 half done (replicate 1 only), point 3 untouched.
                try store.record(StoreTests.rows(points: 0..<2, replicates: 0..<3))
                try store.record([(ReplicateKey(point: 2, replicate: 1), StoreTests.outcome(2, 1))])
            }
            let store = try ResultStore(directory: folder, manifest: manifest)
            let expected = Set(StoreTests.rows(points: 0..<2, replicates: 0..<3).map(\.key))
                .union([ReplicateKey(point: 2, replicate: 1)])
            #expect(try store.completed() == expected)
            #expect(try store.replicateCount() == 7)  // 2 × 3 + 1
        }

        @Test func aDuplicateKeyRollsBackItsWholeBatch() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ResultStore(directory: folder, manifest: StoreTests.manifest())
            try store.registerPoints((0..<2).map { StudyPoint(index: $0, values: [1, 2]) })
            try store.record(StoreTests.rows(points: 0..<1, replicates: 0..<2))
            let before = try store.allOutcomes().map(\.key)
            // Two new rows around one already stored: none of the three may land.
            let batch = [
                (key: ReplicateKey(point: 1, replicate: 0), outcome: StoreTests.outcome(1, 0)),
                (key: ReplicateKey(point: 0, replicate: 1), outcome: StoreTests.outcome(9, 9)),
                (key: ReplicateKey(point: 0, replicate: 2), outcome: StoreTests.outcome(0, 2)),
            ]
            #expect {
                try store.record(batch)
            } throws: { error in
                guard case StoreError.duplicateReplicate(point: 0, replicate: 1) = error else { return false }
                return true
            }
            #expect(try store.allOutcomes().map(\.key) == before)
            #expect(StoreTests.same(try store.outcomes(point: 0)[1], StoreTests.outcome(0, 1)))
            // The same key twice inside one new batch is a duplicate too.
            let twice = [
                (key: ReplicateKey(point: 1, replicate: 2), outcome: StoreTests.outcome(1, 2)),
                (key: ReplicateKey(point: 1, replicate: 2), outcome: StoreTests.outcome(1, 2)),
            ]
            #expect(throws: StoreError.self) { try store.record(twice) }
            #expect(try store.replicateCount() == 2)
        }

        @Test func unknownPointsAndOutOfRangeReplicatesAreRefused() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ResultStore(directory: folder, manifest: StoreTests.manifest(replicates: 3))
            try store.registerPoints([StudyPoint(index: 0, values: [1, 2])])
            #expect {
                try store.record([
                    (ReplicateKey(point: 0, replicate: 0), StoreTests.outcome(0, 0)),
                    (ReplicateKey(point: 5, replicate: 0), StoreTests.outcome(5, 0)),
                ])
            } throws: { error in
                guard case StoreError.unknownPoint(5) = error else { return false }
                return true
            }
            #expect(throws: StoreError.self) {
                try store.record([(ReplicateKey(point: 0, replicate: 3), StoreTests.outcome(0, 3))])
            }
            #expect(try store.replicateCount() == 0)
        }

        @Test func anotherStudysStoreIsRefusedAndLeftByteForByte() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                let store = try ResultStore(directory: folder, manifest: StoreTests.manifest(hash: "aaaa"))
                try store.registerPoints([StudyPoint(index: 0, values: [1, 2])])
                try store.record([(ReplicateKey(point: 0, replicate: 0), StoreTests.outcome(0, 0))])
            }
            let file = folder.appendingPathComponent(ResultStore.fileName)
            let bytes = try Data(contentsOf: file)
            let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            var message = ""
            #expect {
                try ResultStore(directory: folder, manifest: StoreTests.manifest(hash: "bbbb"))
            } throws: { error in
                message = "\(error)"
                guard case StoreError.otherStudy(_, "bbbb", "aaaa", "toy-sweep") = error else { return false }
                return true
            }
            #expect(
                message == "\(file.path) belongs to study toy-sweep (hash aaaa), not to this study (hash bbbb); "
                    + "use --out elsewhere or delete it")
            // Same hash, other seed: refused too, since the rows would not be reproducible.
            var reseeded = StoreTests.manifest(hash: "aaaa")
            reseeded.seed = 7
            #expect(throws: StoreError.self) { try ResultStore(directory: folder, manifest: reseeded) }
            #expect(try Data(contentsOf: file) == bytes)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing)
            // The rightful study still opens it, with its row intact.
            #expect(
                try ResultStore(directory: folder, manifest: StoreTests.manifest(hash: "aaaa")).replicateCount() == 1)
        }

        @Test func aForeignFileIsNotAStore() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent(ResultStore.fileName)
            try Data("point,replicate\n".utf8).write(to: file)
            #expect {
                try ResultStore(directory: folder, manifest: StoreTests.manifest())
            } throws: { error in
                guard case StoreError.notAStore = error else { return false }
                return true
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "point,replicate\n")
        }
    }
}
