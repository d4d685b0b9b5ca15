import Foundation
import Testing

@testable import Studies

/// `--shard i/N`: every (point, replicate) pair in exactly one shard, balanced, and every point
/// spread over the shards.
@Suite("Shard partition")
struct ShardPartitionTests {
    /// Studies from one pair to a few hundred, split from one shard to more shards than pairs.
    static let shapes: [(points: Int, replicates: Int)] = [
        (1, 1), (1, 7), (3, 1), (3, 3), (6, 8), (5, 12), (17, 13), (40, 10),
    ]
    static let counts = [1, 2, 3, 4, 5, 7, 8, 16, 64, 100, 1_000]

    @Test(arguments: shapes)
    func everyPairLandsInExactlyOneShard(_ shape: (points: Int, replicates: Int)) throws {
        let all = Set(
            (0..<shape.points).flatMap { p in (0..<shape.replicates).map { ReplicateKey(point: p, replicate: $0) } })
        for n in Self.counts {
            var seen: [ReplicateKey: Int] = [:]
            var sizes: [Int] = []
            for i in 0..<n {
                let shard = try StudyShard(index: i, count: n)
                let keys = shard.keys(points: shape.points, replicatesPerPoint: shape.replicates)
                #expect(keys.count == shard.pairCount(points: shape.points, replicatesPerPoint: shape.replicates))
                for key in keys {
                    #expect(seen[key] == nil, "\(key) in shards \(seen[key] ?? -1) and \(i) of \(n)")
                    seen[key] = i
                    #expect(shard.contains(key, replicatesPerPoint: shape.replicates))
                    #expect(StudyShard.owner(of: key, replicatesPerPoint: shape.replicates, count: n) == i)
                }
                sizes.append(keys.count)
            }
            #expect(Set(seen.keys) == all, "\(n) shards of \(shape) cover every pair")
            // Balanced: shard sizes differ by at most one; shards beyond the number of pairs are empty.
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(n) shards of \(shape): \(sizes)")
            // Interleaved: each point's replicates are dealt over the shards, at most one apart,
            // so no shard gets a whole point (a heavy corner of the design) to itself.
            for p in 0..<shape.points {
                var perShard = [Int](repeating: 0, count: n)
                for r in 0..<shape.replicates { perShard[seen[ReplicateKey(point: p, replicate: r)] ?? 0] += 1 }
                let used = shape.replicates >= n ? perShard : perShard.filter { $0 > 0 }
                #expect((used.max() ?? 0) - (used.min() ?? 0) <= 1, "point \(p) over \(n) shards: \(perShard)")
            }
        }
    }

    @Test func shardsAreZeroBasedAndParsedStrictly() throws {
        #expect(try StudyShard(parsing: "0/1") == .whole)
        #expect(try StudyShard(parsing: "2/3").description == "2/3")
        for bad in ["0/0", "5/3", "3/3", "-1/3", "1/-3", "x", "1", "1/2/3", "/3", "1/", " 1/3", "1/2000000", ""] {
            #expect(throws: ShardError.self, "\(bad)") { try StudyShard(parsing: bad) }
        }
        #expect { try StudyShard(parsing: "5/3") } throws: { error in
            "\(error)".contains("0 ≤ i < N") && "\(error)".contains("got 5/3")
        }
    }

    @Test func adaptiveStudiesAreRefusedWithTheReason() throws {
        var spec = StudySpec.grid(
            scenarioPath: "experiments/reference/reference.yaml",
            parameters: [.init(key: "market.shock.size", levels: [0.2, 0.4])],
            replicates: 10, seed: 1, overrides: [])
        _ = try StudyRunner(spec: spec, workers: 1, shard: StudyShard(index: 0, count: 2))
        spec.adaptive = StudySpec.Adaptive(targetHalfWidth: 0.05, maxReplicates: 100, batch: 10)
        #expect { try StudyRunner(spec: spec, workers: 1, shard: StudyShard(index: 0, count: 2)) } throws: { error in
            "\(error)".contains("adaptive studies cannot be sharded") && "\(error)".contains("without --shard")
        }
    }
}
