import GRDB
import Simulation

/// Reading and writing `outcome` rows: key columns first, then `OutcomeColumn.allCases`.
enum OutcomeRows {
    static let columnList = (["point", "replicate"] + OutcomeColumn.allCases.map(\.rawValue)).joined(separator: ", ")

    static let insertSQL: String = {
        let marks = Array(repeating: "?", count: OutcomeColumn.allCases.count + 2).joined(separator: ", ")
        return "INSERT INTO outcome (\(columnList)) VALUES (\(marks))"
    }()

    static func arguments(_ key: ReplicateKey, _ outcome: Outcome) -> StatementArguments {
        var values: [DatabaseValue] = [key.point.databaseValue, key.replicate.databaseValue]
        values.reserveCapacity(OutcomeColumn.allCases.count + 2)
        for column in OutcomeColumn.allCases { values.append(column.databaseValue(of: outcome)) }
        return StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? })
    }

    /// Rows matching `whereClause`, ordered by point then replicate.
    static func fetch(
        _ db: Database, whereClause: String = "",
        arguments: StatementArguments = []
    ) throws -> [(key: ReplicateKey, outcome: Outcome)] {
        var result: [(key: ReplicateKey, outcome: Outcome)] = []
        let sql = "SELECT \(columnList) FROM outcome \(whereClause) ORDER BY point, replicate"
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            var outcome = Outcome()
            for (offset, column) in OutcomeColumn.allCases.enumerated() {
                let value: DatabaseValue = row[offset + 2]
                try column.decode(value, into: &outcome)
            }
            result.append((ReplicateKey(point: row[0], replicate: row[1]), outcome))
        }
        return result
    }
}
