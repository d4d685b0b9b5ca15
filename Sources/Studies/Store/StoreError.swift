/// Why the result store refused an operation. Every case leaves the database unchanged.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The store at `path` was created for another study. `expected` is the hash asked for,
    /// `found` the stored one, `foundName` the stored study's name.
    case otherStudy(path: String, expected: String, found: String, foundName: String)
    /// The store is for the same study but a field that decides its rows differs.
    case manifestMismatch(path: String, field: String, stored: String, given: String)
    /// The manifest cannot describe a store (bad parameter names, replicate count, ...).
    case badManifest(String)
    /// The file exists but is not a Ballast result store this version can read.
    case notAStore(path: String, reason: String)
    /// A point index is already registered with other values.
    case pointConflict(index: Int, stored: [Double], given: [Double])
    /// A point was stored by another scenario, Ballast version or seed than this run would use:
    /// resuming would mix replicates of two different models.
    case provenanceMismatch(path: String, point: Int, field: String, stored: String, given: String)
    /// A point is malformed (negative index, wrong number of values).
    case badPoint(index: Int, problem: String)
    /// An outcome names a point that was never registered.
    case unknownPoint(Int)
    /// A replicate index outside `0..<replicatesPerPoint`.
    case badReplicate(point: Int, replicate: Int, replicatesPerPoint: Int)
    /// The replicate is already stored (or appears twice in one batch). The batch was rolled back.
    case duplicateReplicate(point: Int, replicate: Int)
    /// The store holds another shard of the study than the one asked for (`whole` when unsharded).
    case shardMismatch(path: String, stored: String, given: String)
    /// A merge found a stored replicate with other values than the one it brings.
    case mergeConflict(path: String, point: Int, replicate: Int)
    /// Any other SQLite or file-system failure.
    case database(String)

    public var description: String {
        switch self {
        case let .otherStudy(path, expected, found, foundName):
            return "\(path) belongs to study \(foundName) (hash \(found)), not to this study (hash \(expected)); "
                + "use --out elsewhere or delete it"
        case let .manifestMismatch(path, field, stored, given):
            return "\(path) was created with \(field) = \(stored), but this run asks for \(given); "
                + "use --out elsewhere or delete it"
        case let .badManifest(problem):
            return "bad study manifest: \(problem)"
        case let .notAStore(path, reason):
            return "\(path) is not a Ballast result store: \(reason)"
        case let .pointConflict(index, stored, given):
            return "point \(index) is stored with values \(stored), not \(given)"
        case let .provenanceMismatch(path, point, field, stored, given):
            return "\(path): point \(point) was run with \(field) \(stored), but this run has \(given)"
                + (field == "scenario hash" ? " (the scenario file or an override changed)" : "")
                + "; resuming would mix replicates of two models: use another --out, or delete the folder to start again"
        case let .badPoint(index, problem):
            return "bad point \(index): \(problem)"
        case let .unknownPoint(index):
            return "point \(index) was never registered; register points before recording their outcomes"
        case let .badReplicate(point, replicate, count):
            return "replicate \(replicate) of point \(point) is outside 0..<\(count)"
        case let .duplicateReplicate(point, replicate):
            return "replicate \(replicate) of point \(point) is already stored; the batch was not written"
        case let .shardMismatch(path, stored, given):
            return "\(path) holds \(stored), but this run asks for \(given); "
                + "pass the same --shard to resume it, or use another --out"
        case let .mergeConflict(path, point, replicate):
            return "\(path) already holds replicate \(replicate) of point \(point) with other values: "
                + "it was merged from other shards; merge into another --out"
        case let .database(message):
            return "result store: \(message)"
        }
    }
}
