import Testing

@testable import Stochastics

@Suite("RandomStream determinism")
struct RandomStreamTests {
    private func draws(_ key: StreamKey, _ n: Int = 100) -> [Double] {
        var rng = RandomStream(key)
        return (0..<n).map { _ in rng.uniform() }
    }

    @Test func sameKeyGivesIdenticalStream() {
        let key = StreamKey(seed: 42, replicate: 3, population: "depositors", shard: 1, purpose: "attention")
        #expect(draws(key) == draws(key))
    }

    @Test func everyFieldOfTheKeyChangesTheStream() {
        let base = StreamKey(seed: 42, replicate: 3, population: "depositors", shard: 1, purpose: "attention")
        var variants: [StreamKey] = []
        var k = base
        k.seed = 43
        variants.append(k)
        k = base
        k.replicate = 4
        variants.append(k)
        k = base
        k.population = "borrowers"
        variants.append(k)
        k = base
        k.shard = 2
        variants.append(k)
        k = base
        k.purpose = "noise"
        variants.append(k)
        let reference = draws(base)
        for v in variants {
            #expect(draws(v) != reference, "stream for \(v) repeats the base stream")
        }
        let seeds = Set(([base] + variants).map(\.derivedSeed))
        #expect(seeds.count == variants.count + 1)
    }

    @Test func derivedSeedIsStableAcrossRuns() {
        // Pinned so that a change to the derivation (which would silently change every
        // published result) fails loudly here.
        let key = StreamKey(seed: 1, replicate: 0, population: "world", shard: 0, purpose: "market")
        #expect(key.derivedSeed == StreamKey(seed: 1, purpose: "market").derivedSeed)
        #expect(stableHash("") == 0xCBF2_9CE4_8422_2325)
        #expect(stableHash("a") == 0xAF63_DC4C_8601_EC8C)  // published FNV-1a 64 test vector
        var sm = SplitMix64(seed: 0)
        #expect(sm.next() == 0xE220_A839_7B1D_CDAF)  // SplitMix64 reference output for seed 0
    }

    @Test func concurrentTasksReproduceSequentialStreams() async {
        let keys = (0..<8).map { StreamKey(seed: 7, population: "shard-test", shard: UInt64($0), purpose: "draws") }
        let sequential = keys.map { draws($0, 1_000) }
        let concurrent = await withTaskGroup(of: (Int, [Double]).self) { group in
            for (i, key) in keys.enumerated() {
                group.addTask {
                    var rng = RandomStream(key)
                    return (i, (0..<1_000).map { _ in rng.uniform() })
                }
            }
            var out = [[Double]](repeating: [], count: keys.count)
            for await (i, d) in group { out[i] = d }
            return out
        }
        #expect(concurrent == sequential)
    }

    @Test func integerDrawsStayInRangeAndShuffleIsAPermutation() {
        var rng = RandomStream(seed: 5, purpose: "ints")
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let k = rng.integer(below: 10)
            #expect((0..<10).contains(k))
            seen.insert(k)
        }
        #expect(seen.count == 10)
        var perm: [Int32] = []
        rng.permutation(into: &perm, count: 50)
        #expect(perm.sorted() == (0..<50).map(Int32.init))
        #expect(perm != (0..<50).map(Int32.init))
    }
}
