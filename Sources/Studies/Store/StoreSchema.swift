import GRDB

/// The SQL layout of a result store (described in README.md) and the manifest's rows.
enum StoreSchema {
    /// "Blst": marks the file as a Ballast store for `PRAGMA application_id`.
    static let applicationID: Int32 = 0x426C_7374
    /// Bumped whenever the layout changes; a store of another version is refused, not migrated.
    static let version = 7
    /// Column names a parameter may not take, since the CSV puts them side by side.
    static let reservedNames = ["point", "replicate"] + OutcomeColumn.allCases.map(\.rawValue)

    static var creationSQL: String {
        let outcomeColumns = OutcomeColumn.allCases.map { "    " + $0.sqlDeclaration + ",\n" }.joined()
        return """
            CREATE TABLE manifest (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                study_name TEXT NOT NULL,
                study_hash TEXT NOT NULL,
                ballast_version TEXT NOT NULL,
                scenario_path TEXT NOT NULL,
                seed TEXT NOT NULL,
                replicates_per_point INTEGER NOT NULL CHECK (replicates_per_point >= 1),
                command TEXT NOT NULL,
                confidence REAL NOT NULL CHECK (confidence > 0 AND confidence < 1)
            );
            CREATE TABLE parameter (
                position INTEGER PRIMARY KEY CHECK (position >= 0),
                name TEXT NOT NULL UNIQUE
            );
            CREATE TABLE point (
                point INTEGER PRIMARY KEY CHECK (point >= 0),
                scenario_hash TEXT NOT NULL DEFAULT '',
                ballast_version TEXT NOT NULL DEFAULT '',
                seed TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE point_value (
                point INTEGER NOT NULL REFERENCES point(point),
                position INTEGER NOT NULL REFERENCES parameter(position),
                value REAL,
                PRIMARY KEY (point, position)
            ) WITHOUT ROWID;
            CREATE TABLE outcome (
                point INTEGER NOT NULL REFERENCES point(point),
                replicate INTEGER NOT NULL CHECK (replicate >= 0),
            \(outcomeColumns)    PRIMARY KEY (point, replicate)
            ) WITHOUT ROWID;
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = \(version);
            """
    }

    /// Refuses manifests whose parameter names would make an ambiguous CSV header.
    static func validate(_ manifest: StudyManifest) throws(StoreError) {
        guard manifest.replicatesPerPoint >= 1 else {
            throw .badManifest("replicatesPerPoint is \(manifest.replicatesPerPoint); expected at least 1")
        }
        var seen: Set<String> = []
        for name in manifest.parameterNames {
            guard !name.isEmpty else { throw .badManifest("a parameter name is empty") }
            guard !reservedNames.contains(name) else {
                throw .badManifest("parameter name '\(name)' is reserved for a store column")
            }
            guard seen.insert(name).inserted else { throw .badManifest("parameter name '\(name)' appears twice") }
        }
    }

    /// Whether the open file is empty (a new store), or the manifest it holds.
    /// Only reads, so a refused open changes nothing.
    static func existingManifest(_ db: Database, path: String) throws -> StudyManifest? {
        let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if tableCount == 0 && appID == 0 && userVersion == 0 { return nil }
        guard appID == applicationID else {
            throw StoreError.notAStore(path: path, reason: "it is a SQLite database of another application")
        }
        guard userVersion == version else {
            throw StoreError.notAStore(
                path: path,
                reason: "store layout version \(userVersion); "
                    + "this Ballast reads version \(version)")
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT study_name, study_hash, ballast_version, scenario_path, seed, replicates_per_point, command,
                           confidence
                    FROM manifest WHERE id = 1
                    """)
        else { throw StoreError.notAStore(path: path, reason: "its manifest is missing") }
        let seedText: String = row["seed"]
        guard let seed = UInt64(seedText) else {
            throw StoreError.notAStore(path: path, reason: "its manifest seed '\(seedText)' is not a UInt64")
        }
        let names = try String.fetchAll(db, sql: "SELECT name FROM parameter ORDER BY position")
        return StudyManifest(
            studyName: row["study_name"], studyHash: row["study_hash"],
            ballastVersion: row["ballast_version"], scenarioPath: row["scenario_path"],
            seed: seed, parameterNames: names, replicatesPerPoint: row["replicates_per_point"],
            command: row["command"], confidence: row["confidence"])
    }

    /// The optional one-row table of a store written by `sweep --shard`: which slice of the study it
    /// holds. A store without it holds the whole study. Readers that do not know it read the store
    /// correctly as a partial study, so it does not change the layout version.
    static let shardSQL = """
        CREATE TABLE shard (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            shard_index INTEGER NOT NULL CHECK (shard_index >= 0),
            shard_count INTEGER NOT NULL CHECK (shard_count > shard_index)
        );
        """

    /// The shard a store holds, or nil for a whole study. Only reads.
    static func existingShard(_ db: Database, path: String) throws -> StudyShard? {
        guard try db.tableExists("shard") else { return nil }
        guard let row = try Row.fetchOne(db, sql: "SELECT shard_index, shard_count FROM shard WHERE id = 1") else {
            throw StoreError.notAStore(path: path, reason: "its shard table is empty")
        }
        do {
            return try StudyShard(index: row[0], count: row[1])
        } catch {
            throw StoreError.notAStore(path: path, reason: "its shard is invalid: \(error.message)")
        }
    }

    /// Creates every table and the manifest rows; the caller runs this in one transaction.
    static func create(_ db: Database, manifest m: StudyManifest, shard: StudyShard? = nil) throws {
        try db.execute(sql: creationSQL)
        if let shard {
            try db.execute(sql: shardSQL)
            try db.execute(
                sql: "INSERT INTO shard (id, shard_index, shard_count) VALUES (1, ?, ?)",
                arguments: [shard.index, shard.count])
        }
        // The seed is decimal text: SQLite integers are signed 64-bit and a UInt64 may not fit.
        try db.execute(
            sql: """
                INSERT INTO manifest (id, study_name, study_hash, ballast_version, scenario_path, seed,
                                      replicates_per_point, command, confidence)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                m.studyName, m.studyHash, m.ballastVersion, m.scenarioPath, String(m.seed),
                m.replicatesPerPoint, m.command, m.confidence,
            ])
        for (position, name) in m.parameterNames.enumerated() {
            try db.execute(sql: "INSERT INTO parameter (position, name) VALUES (?, ?)", arguments: [position, name])
        }
    }

    /// The store may be reopened only for the same study with the same row-defining fields.
    static func checkCompatible(stored: StudyManifest, given: StudyManifest, path: String) throws(StoreError) {
        guard stored.studyHash == given.studyHash else {
            throw .otherStudy(
                path: path, expected: given.studyHash, found: stored.studyHash,
                foundName: stored.studyName)
        }
        if stored.seed != given.seed {
            throw .manifestMismatch(path: path, field: "seed", stored: "\(stored.seed)", given: "\(given.seed)")
        }
        if stored.parameterNames != given.parameterNames {
            throw .manifestMismatch(
                path: path, field: "parameters", stored: "\(stored.parameterNames)",
                given: "\(given.parameterNames)")
        }
        if stored.replicatesPerPoint != given.replicatesPerPoint {
            throw .manifestMismatch(
                path: path, field: "replicates per point", stored: "\(stored.replicatesPerPoint)",
                given: "\(given.replicatesPerPoint)")
        }
    }
}
