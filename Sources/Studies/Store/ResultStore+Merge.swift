import GRDB
import Simulation

extension ResultStore {
    /// Adds every source's points and replicates in one transaction, so a refused merge writes nothing.
    ///
    /// Points go through `register(_:in:)`, the same checks as a resume: a point stored with other
    /// values, another scenario hash, Ballast version or seed is refused. A replicate already stored
    /// with the same values is left as it is (merging again changes nothing); with other values it
    /// is refused (`StoreError.mergeConflict`). Returns how many replicates were added.
    func absorb(_ sources: [StoreSnapshot]) throws -> Int {
        try Self.wrap {
            try queue.write { db in
                let insert = try db.cachedStatement(
                    sql: OutcomeRows.insertSQL + " ON CONFLICT (point, replicate) DO NOTHING")
                var added = 0
                for source in sources {
                    try register(source.points, in: db)
                    try source.forEachRow { key, outcome in
                        try insert.execute(arguments: OutcomeRows.arguments(key, outcome))
                        if db.changesCount == 1 {
                            added += 1
                            return
                        }
                        let stored = try OutcomeRows.fetch(
                            db, whereClause: "WHERE point = ? AND replicate = ?",
                            arguments: [key.point, key.replicate])
                        guard let same = stored.first, Self.sameFields(same.outcome, outcome) else {
                            throw StoreError.mergeConflict(path: path, point: key.point, replicate: key.replicate)
                        }
                    }
                }
                return added
            }
        }
    }

    /// Equal as exported: the same text in every CSV field (NaN equals NaN).
    static func sameFields(_ a: Outcome, _ b: Outcome) -> Bool {
        OutcomeColumn.allCases.allSatisfy { $0.csvField(of: a) == $0.csvField(of: b) }
    }
}
