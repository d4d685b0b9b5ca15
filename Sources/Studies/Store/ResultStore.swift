import Foundation
import GRDB
import Simulation

/// One study's results in one SQLite file: the manifest, the design points and one row per
/// finished replicate. Safe to kill at any moment; see README.md for the durability argument.
///
/// Thread-safe: every access goes through one GRDB `DatabaseQueue`, which serialises them.
public final class ResultStore: Sendable {
    /// The file's name inside the study's output directory.
    public static let fileName = "results.sqlite"

    /// The manifest the store was created with (the stored one on reopening).
    public let manifest: StudyManifest
    /// The Ballast version and seed of this session, recorded with each point it registers.
    let sessionVersion: String
    let sessionSeed: UInt64
    /// The slice of the study the store holds (`sweep --shard`); nil for the whole study.
    public let shard: StudyShard?
    /// Path of the SQLite file, for messages.
    public let path: String
    let queue: DatabaseQueue

    /// Creates the store in `directory` (made if missing) or reopens the one there. A store for
    /// `shard` records it, and may be reopened only for the same shard.
    ///
    /// - Throws: `StoreError.otherStudy` when the stored study hash differs,
    ///   `.manifestMismatch` when the seed, parameters or replicate count differ,
    ///   `.shardMismatch` when the store holds another shard (or the whole study),
    ///   `.notAStore` for a file that is not a store, `.badManifest` for unusable parameter names.
    ///   A refused open only reads the file.
    public init(directory: URL, manifest: StudyManifest, shard: StudyShard? = nil) throws {
        try StoreSchema.validate(manifest)
        let url = directory.appendingPathComponent(Self.fileName)
        let path = url.path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.database("cannot create directory \(directory.path): \(error.localizedDescription)")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Wait for another connection (say the sqlite3 shell) rather than failing at once.
        config.busyMode = .timeout(10)
        let queue: DatabaseQueue
        let stored: (manifest: StudyManifest, shard: StudyShard?)?
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            stored = try queue.read { db in
                try StoreSchema.existingManifest(db, path: path).map {
                    ($0, try StoreSchema.existingShard(db, path: path))
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.notAStore(path: path, reason: error.message ?? "\(error)")
        }
        if let stored {
            try StoreSchema.checkCompatible(stored: stored.manifest, given: manifest, path: path)
            if stored.shard != shard {
                func text(_ s: StudyShard?) -> String { s.map { "shard \($0) of the study" } ?? "the whole study" }
                throw StoreError.shardMismatch(path: path, stored: text(stored.shard), given: text(shard))
            }
        }
        try Self.wrap {
            try Self.configureDurability(queue)
            if stored == nil {
                try queue.write { db in try StoreSchema.create(db, manifest: manifest, shard: shard) }
            }
        }
        self.queue = queue
        self.path = path
        self.manifest = stored?.manifest ?? manifest
        self.shard = shard
        sessionVersion = manifest.ballastVersion
        sessionSeed = manifest.seed
    }

    /// WAL with `synchronous = NORMAL`: a commit survives the process being killed (the frames are
    /// in the WAL file, which the next open replays); only a power cut can lose the last commits,
    /// and those replicates are recomputed identically on resume. Where WAL is unavailable
    /// (some network file systems), the rollback journal with `synchronous = FULL` keeps the same
    /// all-or-nothing guarantee.
    private static func configureDurability(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(
                sql: mode?.lowercased() == "wal" ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL")
        }
    }

    /// Turns GRDB errors into `StoreError.database`, keeping `StoreError`s as they are.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.database(error.description)
        }
    }

    /// Adds the points not yet stored, in one transaction. Registering a point again with the same
    /// values does nothing; with other values it throws `StoreError.pointConflict` and writes nothing.
    public func registerPoints(_ points: [StudyPoint]) throws {
        let width = manifest.parameterNames.count
        for p in points {
            guard p.index >= 0 else { throw StoreError.badPoint(index: p.index, problem: "index is negative") }
            guard p.values.count == width else {
                throw StoreError.badPoint(index: p.index, problem: "\(p.values.count) values for \(width) parameters")
            }
        }
        try Self.wrap { try queue.write { db in try register(points, in: db) } }
    }

    /// The body of `registerPoints` inside the caller's transaction (a merge registers every
    /// shard's points and rows in one). Points must already be checked for index and width.
    func register(_ points: [StudyPoint], in db: Database) throws {
        var known = try Self.readPoints(db).reduce(into: [Int: [Double]]()) { $0[$1.index] = $1.values }
        let provenance = try Self.readProvenance(db)
        let insertPoint = try db.cachedStatement(
            sql: "INSERT INTO point (point, scenario_hash, ballast_version, seed) VALUES (?, ?, ?, ?)")
        let insertValue = try db.cachedStatement(
            sql: "INSERT INTO point_value (point, position, value) VALUES (?, ?, ?)")
        for p in points {
            if let stored = known[p.index] {
                guard Self.sameValues(stored, p.values) else {
                    throw StoreError.pointConflict(index: p.index, stored: stored, given: p.values)
                }
                try checkProvenance(p, stored: provenance[p.index])
                continue
            }
            try insertPoint.execute(arguments: [p.index, p.scenarioHash, sessionVersion, String(sessionSeed)])
            for (position, value) in p.values.enumerated() {
                try insertValue.execute(arguments: [p.index, position, value.isNaN ? nil : value])
            }
            known[p.index] = p.values
        }
    }

    /// What each stored point was run with: (scenario hash, Ballast version, seed).
    static func readProvenance(_ db: Database) throws -> [Int: (hash: String, version: String, seed: String)] {
        var out: [Int: (hash: String, version: String, seed: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT point, scenario_hash, ballast_version, seed FROM point") {
            out[row[0]] = (row[1], row[2], row[3])
        }
        return out
    }

    /// A point may be resumed only with the scenario, version and seed it was started with.
    private func checkProvenance(_ p: StudyPoint, stored: (hash: String, version: String, seed: String)?) throws {
        guard let stored else { return }
        if stored.hash != p.scenarioHash {
            throw StoreError.provenanceMismatch(
                path: path, point: p.index, field: "scenario hash",
                stored: stored.hash.isEmpty ? "(none)" : stored.hash,
                given: p.scenarioHash.isEmpty ? "(none)" : p.scenarioHash)
        }
        if !stored.version.isEmpty, stored.version != sessionVersion {
            throw StoreError.provenanceMismatch(
                path: path, point: p.index, field: "Ballast version",
                stored: stored.version, given: sessionVersion)
        }
        if !stored.seed.isEmpty, stored.seed != String(sessionSeed) {
            throw StoreError.provenanceMismatch(
                path: path, point: p.index, field: "seed", stored: stored.seed,
                given: String(sessionSeed))
        }
    }

    /// NaN equals NaN here: it is stored as NULL and read back as NaN.
    private static func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    /// Every registered point, by index.
    public func points() throws -> [StudyPoint] {
        try Self.wrap { try queue.read { db in try Self.readPoints(db) } }
    }

    static func readPoints(_ db: Database) throws -> [StudyPoint] {
        var points = try Row.fetchAll(db, sql: "SELECT point, scenario_hash FROM point ORDER BY point")
            .map { StudyPoint(index: $0[0], values: [], scenarioHash: $0[1]) }
        // Both queries are ordered by point, so the values walk the points once.
        let cursor = try Row.fetchCursor(db, sql: "SELECT point, value FROM point_value ORDER BY point, position")
        var i = 0
        while let row = try cursor.next() {
            let index: Int = row[0]
            while i < points.count && points[i].index < index { i += 1 }
            guard i < points.count && points[i].index == index else {
                throw StoreError.database("point_value row for missing point \(index)")
            }
            let value: Double? = row[1]
            points[i].values.append(value ?? .nan)
        }
        return points
    }

    /// The replicates already stored: a resumed study runs every other one.
    public func completed() throws -> Set<ReplicateKey> {
        try Self.wrap {
            try queue.read { db in
                var keys = Set<ReplicateKey>()
                let cursor = try Row.fetchCursor(db, sql: "SELECT point, replicate FROM outcome")
                while let row = try cursor.next() { keys.insert(ReplicateKey(point: row[0], replicate: row[1])) }
                return keys
            }
        }
    }

    /// Stores a batch of outcomes in one transaction: all rows or none.
    ///
    /// - Throws: `StoreError.duplicateReplicate` for a key already stored or repeated in the batch,
    ///   `.unknownPoint` for an unregistered point, `.badReplicate` for an index out of range.
    ///   In every case the whole batch is rolled back.
    public func record(_ rows: [(key: ReplicateKey, outcome: Outcome)]) throws {
        for row in rows where !(0..<manifest.replicatesPerPoint).contains(row.key.replicate) {
            throw StoreError.badReplicate(
                point: row.key.point, replicate: row.key.replicate,
                replicatesPerPoint: manifest.replicatesPerPoint)
        }
        if rows.isEmpty { return }
        try Self.wrap {
            try queue.write { db in
                let statement = try db.cachedStatement(sql: OutcomeRows.insertSQL)
                for row in rows {
                    do {
                        try statement.execute(arguments: OutcomeRows.arguments(row.key, row.outcome))
                    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                        throw StoreError.duplicateReplicate(point: row.key.point, replicate: row.key.replicate)
                    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                        throw StoreError.unknownPoint(row.key.point)
                    }
                }
            }
        }
    }

    /// The outcomes of one point, ordered by replicate.
    public func outcomes(point: Int) throws -> [Outcome] {
        try Self.wrap {
            try queue.read { db in
                try OutcomeRows.fetch(db, whereClause: "WHERE point = ?", arguments: [point]).map(\.outcome)
            }
        }
    }

    /// Every stored outcome, ordered by point then replicate.
    public func allOutcomes() throws -> [(key: ReplicateKey, outcome: Outcome)] {
        try Self.wrap { try queue.read { db in try OutcomeRows.fetch(db) } }
    }

    /// How many replicate rows are stored.
    public func replicateCount() throws -> Int {
        try Self.wrap { try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome") ?? 0 } }
    }
}
