import Foundation
import GRDB
import Simulation

/// One store as a merge sees it, opened read-only: what it is, its points, and how many
/// replicates it holds. The rows themselves are streamed by ``forEachRow(_:)`` while merging.
struct StoreSnapshot {
    let directory: URL
    let path: String
    let manifest: StudyManifest
    /// `StudyShard.whole` for a store written without `--shard`.
    let shard: StudyShard
    let points: [StudyPoint]
    let replicates: Int
    private let queue: DatabaseQueue

    /// Opens the store in `directory` without writing to it, checks the file's integrity, and
    /// checks that every stored replicate belongs to the store's shard.
    init(directory: URL) throws(MergeError) {
        self.directory = directory
        let path = directory.appendingPathComponent(ResultStore.fileName).path
        self.path = path
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            // A truncated or damaged file fails here, not halfway through the merge.
            let problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard problems == ["ok"] else {
                throw MergeError(
                    "\(path) is damaged (\(problems.prefix(2).joined(separator: "; "))); "
                        + "delete that folder, run its task again and merge again")
            }
            let read = try queue.read { db in
                (
                    try StoreSchema.existingManifest(db, path: path), try StoreSchema.existingShard(db, path: path),
                    try ResultStore.readPoints(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome") ?? 0
                )
            }
            guard let manifest = read.0 else { throw MergeError("\(path) is empty: it holds no study") }
            self.queue = queue
            self.manifest = manifest
            shard = read.1 ?? .whole
            points = read.2
            replicates = read.3
        } catch let error as MergeError {
            throw error
        } catch let error as StoreError {
            throw MergeError(error.description)
        } catch let error as DatabaseError {
            throw MergeError(
                "\(path) is damaged or not a Ballast result store (\(error.message ?? "\(error)")); "
                    + "delete that folder, run its task again and merge again")
        } catch {
            throw MergeError("cannot read \(path): \(error)")
        }
    }

    /// "shard 1/3 (out/rp/shards/shard-1)", for messages.
    var name: String { "shard \(shard) (\(directory.path))" }

    /// Checks that the store holds exactly its shard's pairs of a study with `pointCount` points:
    /// every point registered, every pair stored, none of another shard's.
    func checkComplete(pointCount: Int) throws(MergeError) {
        let perPoint = manifest.replicatesPerPoint
        let rerun = "run its task again (with --resume, e.g. sbatch --array=\(shard.index) …) and merge again"
        guard points.count == pointCount, points.map(\.index) == Array(0..<pointCount) else {
            throw MergeError(
                "\(name) has \(points.count) of the study's \(pointCount) points registered: "
                    + "its task stopped before it began; " + rerun)
        }
        let expected = shard.pairCount(points: pointCount, replicatesPerPoint: perPoint)
        var foreign: ReplicateKey?
        do {
            try queue.read { db in
                let cursor = try Row.fetchCursor(db, sql: "SELECT point, replicate FROM outcome")
                while let row = try cursor.next() {
                    let key = ReplicateKey(point: row[0], replicate: row[1])
                    // A row outside the study (a point or replicate number out of range) is foreign too:
                    // counted as the shard's own, it could hide a missing one.
                    let inStudy =
                        key.point >= 0 && key.point < pointCount && key.replicate >= 0
                        && key.replicate < perPoint
                    if !inStudy || !shard.contains(key, replicatesPerPoint: perPoint) {
                        foreign = key
                        return
                    }
                }
            }
        } catch {
            throw MergeError("cannot read \(path): \(error)")
        }
        if let foreign,
            foreign.point < 0 || foreign.point >= pointCount || foreign.replicate < 0
                || foreign.replicate >= perPoint
        {
            throw MergeError(
                "\(name) holds replicate \(foreign.replicate) of point \(foreign.point), outside the study's "
                    + "\(pointCount) points × \(perPoint) replicates: the store is damaged; " + rerun)
        }
        if let foreign {
            let owner = StudyShard.owner(of: foreign, replicatesPerPoint: perPoint, count: shard.count)
            throw MergeError(
                "\(name) holds replicate \(foreign.replicate) of point \(foreign.point), "
                    + "which belongs to shard \(owner)/\(shard.count): the folder was not written by its own task")
        }
        guard replicates == expected else {
            throw MergeError("\(name) holds \(replicates) of its \(expected) replicates: it did not finish; " + rerun)
        }
    }

    /// Calls `body` with every stored replicate, ordered by point then replicate.
    func forEachRow(_ body: (ReplicateKey, Outcome) throws -> Void) throws {
        try queue.read { db in
            for row in try OutcomeRows.fetch(db) { try body(row.key, row.outcome) }
        }
    }
}

/// Why shard stores cannot be merged: one line naming the folders and what to do.
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
