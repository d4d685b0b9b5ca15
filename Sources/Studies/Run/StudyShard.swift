/// One slice of a study's (point, replicate) pairs, for running a study as several independent
/// processes (a SLURM job array) whose stores `StoreMerge` combines afterwards.
///
/// Shards are 0-based, like `SLURM_ARRAY_TASK_ID` with `--array=0-(N-1)`: shard `i` of `N` has
/// `0 ≤ i < N`. The pairs are numbered point-major, `k = point × replicatesPerPoint + replicate`,
/// and pair `k` belongs to shard `k mod N`. So every shard holds the same number of pairs give or
/// take one, and every point's replicates are dealt round-robin over all the shards: an expensive
/// point or corner of the design is spread over every task instead of landing on one.
///
/// Adaptive studies cannot be sharded (see ``check(_:)``).
public struct StudyShard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based, below `count`.
    public let index: Int
    /// How many shards the study is split into; at least 1.
    public let count: Int

    /// The most shards a study may be split into (far beyond any cluster's array size limit).
    public static let maxCount = 1_000_000

    /// The whole study as one shard: what a store written without `--shard` holds.
    public static let whole = StudyShard(uncheckedIndex: 0, count: 1)

    /// - Throws: `ShardError` unless `1 ≤ count ≤ maxCount` and `0 ≤ index < count`.
    public init(index: Int, count: Int) throws(ShardError) {
        guard (1...Self.maxCount).contains(count), (0..<count).contains(index) else {
            throw ShardError(
                message: "expected i/N with 1 ≤ N ≤ \(Self.maxCount) and 0 ≤ i < N "
                    + "(0-based, like SLURM_ARRAY_TASK_ID with --array=0-(N-1)), got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/N`, e.g. `--shard 2/8`.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError(
                message: "expected i/N, e.g. 0/8 (0-based, like SLURM_ARRAY_TASK_ID), "
                    + "got '\(text.prefix(40))'")
        }
        try self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard that owns replicate `key` of a study with `replicatesPerPoint` replicates per point.
    public static func owner(of key: ReplicateKey, replicatesPerPoint: Int, count: Int) -> Int {
        // Int is 64-bit: no study can overflow it (at most 10⁸ pairs).
        (key.point * replicatesPerPoint + key.replicate) % count
    }

    /// Whether this shard runs replicate `key`.
    public func contains(_ key: ReplicateKey, replicatesPerPoint: Int) -> Bool {
        Self.owner(of: key, replicatesPerPoint: replicatesPerPoint, count: count) == index
    }

    /// Every pair of a study with `points` points this shard owns, ordered by point then replicate.
    public func keys(points: Int, replicatesPerPoint: Int) -> [ReplicateKey] {
        let total = points * replicatesPerPoint
        return stride(from: index, to: total, by: count).map {
            ReplicateKey(point: $0 / replicatesPerPoint, replicate: $0 % replicatesPerPoint)
        }
    }

    /// How many pairs this shard owns.
    public func pairCount(points: Int, replicatesPerPoint: Int) -> Int {
        let total = points * replicatesPerPoint
        return total > index ? (total - index + count - 1) / count : 0
    }

    /// Refuses a study that cannot be split: an adaptive study grows each point from all of its
    /// replicates' results, which no single shard holds.
    public static func check(_ spec: StudySpec) throws(ShardError) {
        if spec.adaptive != nil {
            throw ShardError(
                message: "study \(spec.name) is adaptive, and adaptive studies cannot be sharded: "
                    + "each point's next batch depends on all its replicates, which no one shard holds; "
                    + "run it in one process (ballast sweep without --shard), or replace `adaptive:` "
                    + "by a fixed `replicates:` count")
        }
    }
}

/// A shard specification or a study that cannot be sharded.
public struct ShardError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
