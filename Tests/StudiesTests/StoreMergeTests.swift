import Foundation
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    /// `StoreMerge`: shard stores combine into the store one process would have written, and every
    /// bad set of shards is refused by name, writing nothing.
    @Suite("Merging shard stores")
    struct Merge {
        static let points = (0..<4).map { StudyPoint(index: $0, values: [Double($0), 0.5], scenarioHash: "h\($0)") }

        /// Writes shard `shard` of a 4-point, 3-replicate study into `folder`, holding its pairs
        /// except `skip`.
        static func writeShard(
            _ shard: StudyShard?, in folder: URL, manifest: StudyManifest = StoreTests.manifest(),
            points: [StudyPoint] = points, skip: Set<ReplicateKey> = []
        ) throws {
            let store = try ResultStore(directory: folder, manifest: manifest, shard: shard)
            try store.registerPoints(points)
            let keys = (shard ?? .whole).keys(points: points.count, replicatesPerPoint: manifest.replicatesPerPoint)
            try store.record(
                keys.filter { !skip.contains($0) }.map { ($0, StoreTests.outcome($0.point, $0.replicate)) })
        }

        /// `n` complete shards in `root/shard-i`.
        static func writeShards(_ n: Int, in root: URL) throws -> [URL] {
            try (0..<n).map { i in
                let folder = root.appendingPathComponent("shard-\(i)")
                try writeShard(StudyShard(index: i, count: n), in: folder)
                return folder
            }
        }

        static func merge(_ folders: [URL], into out: URL) throws -> StoreMerge.Summary {
            try StoreMerge.merge(StoreMerge.storeFolders(folders), into: out, command: "ballast merge (test)")
        }

        @Test(arguments: [1, 2, 3, 5, 12, 20])
        func shardsMergeIntoTheStoreOfOneProcess(_ n: Int) throws {
            let root = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            try Self.writeShard(nil, in: root.appendingPathComponent("whole"))
            let whole = try ResultStore.open(directory: root.appendingPathComponent("whole")).tidyCSV()
            _ = try Self.writeShards(n, in: root.appendingPathComponent("shards"))
            let out = root.appendingPathComponent("merged")
            let summary = try Self.merge([root.appendingPathComponent("shards")], into: out)
            #expect(summary.shards == n && summary.points == 4 && summary.replicates == 12 && summary.added == 12)
            let merged = try ResultStore.open(directory: out)
            #expect(try merged.tidyCSV() == whole)
            #expect(merged.shard == nil && merged.manifest.command == "ballast merge (test)")
            #expect(merged.manifest.studyHash == StoreTests.manifest().studyHash)
            #expect(try merged.points() == Self.points, "points keep their scenario hashes")
        }

        @Test func mergingAgainChangesNothing() throws {
            let root = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let shards = try Self.writeShards(3, in: root.appendingPathComponent("shards"))
            let out = root.appendingPathComponent("merged")
            _ = try Self.merge(shards, into: out)
            let first = try ResultStore.open(directory: out).tidyCSV()
            let again = try Self.merge(shards.reversed(), into: out)
            #expect(again.added == 0 && again.replicates == 12)
            #expect(try ResultStore.open(directory: out).tidyCSV() == first)
        }

        /// Each refusal names the problem, and no output store is left behind.
        @Test func badShardSetsAreRefusedByName() throws {
            let root = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let shards = try Self.writeShards(3, in: root.appendingPathComponent("shards"))
            let out = root.appendingPathComponent("merged")
            func refused(_ folders: [URL], _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(sourceLocation: sourceLocation) { try Self.merge(folders, into: out) } throws: { error in
                    "\(error)".contains(text)
                }
                #expect(
                    !FileManager.default.fileExists(atPath: out.path), "nothing written", sourceLocation: sourceLocation
                )
            }
            refused([shards[0], shards[2]], "1 of 3 shards missing: 1")
            refused([shards[0]], "2 of 3 shards missing: 1, 2")
            refused(shards + [shards[1]], "shard 1/3 appears twice: \(shards[1].path) and \(shards[1].path)")

            let copy = root.appendingPathComponent("copy-of-1")
            try FileManager.default.copyItem(at: shards[1], to: copy)
            refused(shards + [copy], "shard 1/3 appears twice")

            let other = root.appendingPathComponent("other-study")
            try Self.writeShard(
                StudyShard(index: 1, count: 3), in: other, manifest: StoreTests.manifest(hash: "fff999"))
            refused([shards[0], other, shards[2]], "hash fff999")

            var newer = StoreTests.manifest()
            newer.ballastVersion = "9.9.9"
            let version = root.appendingPathComponent("other-version")
            try Self.writeShard(StudyShard(index: 1, count: 3), in: version, manifest: newer)
            refused([shards[0], version, shards[2]], "was written by Ballast 9.9.9")

            let split = root.appendingPathComponent("other-split")
            try Self.writeShard(StudyShard(index: 1, count: 4), in: split)
            refused([shards[0], split, shards[2]], "splits the study into 4")

            let short = root.appendingPathComponent("incomplete")
            try Self.writeShard(StudyShard(index: 1, count: 3), in: short, skip: [ReplicateKey(point: 1, replicate: 1)])
            refused([shards[0], short, shards[2]], "holds 3 of its 4 replicates: it did not finish")

            var edited = Self.points
            edited[2].scenarioHash = "edited"
            let model = root.appendingPathComponent("other-model")
            try Self.writeShard(StudyShard(index: 1, count: 3), in: model, points: edited)
            refused([shards[0], model, shards[2]], "point 2 was run with scenario hash h2, but this run has edited")

            let truncated = root.appendingPathComponent("truncated")
            try FileManager.default.copyItem(at: shards[1], to: truncated)
            let file = truncated.appendingPathComponent(ResultStore.fileName)
            let bytes = try Data(contentsOf: file)
            try bytes.prefix(bytes.count / 2).write(to: file)
            refused([shards[0], truncated, shards[2]], "truncated/results.sqlite is damaged")

            let unstarted = root.appendingPathComponent("unstarted")
            _ = try ResultStore(directory: unstarted, manifest: StoreTests.manifest())
            refused([unstarted], "no shard has any points registered")

            let empty = root.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            refused([empty], "holds no study store")
        }

        /// A replicate already in the output with other values is a conflict: refused, nothing changed.
        @Test func anOutputWithOtherReplicatesIsRefused() throws {
            let root = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let shards = try Self.writeShards(2, in: root.appendingPathComponent("shards"))
            let out = root.appendingPathComponent("merged")
            do {
                let store = try ResultStore(directory: out, manifest: StoreTests.manifest())
                try store.registerPoints(Self.points)
                try store.record([(ReplicateKey(point: 0, replicate: 0), StoreTests.outcome(3, 2))])
            }
            #expect { try Self.merge(shards, into: out) } throws: { error in
                "\(error)".contains("already holds replicate 0 of point 0 with other values")
            }
            #expect(try ResultStore.open(directory: out).replicateCount() == 1, "the refused merge wrote nothing")
            let other = root.appendingPathComponent("other")
            try Self.writeShard(nil, in: other, manifest: StoreTests.manifest(hash: "fff999"))
            #expect { try Self.merge(shards, into: other) } throws: { error in "\(error)".contains("belongs to study") }
            #expect { try Self.merge(shards, into: shards[0]) } throws: { error in
                "\(error)".contains("holds shard 0/2")
            }
        }
    }
}
