/// The coordinates that name one random stream.
///
/// The determinism contract: every draw comes from a stream derived from
/// `(seed, replicate, population, shard, purpose)`. Two keys that differ in any
/// field give unrelated streams; the same key gives the same stream on any machine.
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
    public var seed: UInt64
    public var replicate: UInt64
    public var population: String
    public var shard: UInt64
    public var purpose: String

    public init(
        seed: UInt64, replicate: UInt64 = 0, population: String = "world",
        shard: UInt64 = 0, purpose: String
    ) {
        self.seed = seed
        self.replicate = replicate
        self.population = population
        self.shard = shard
        self.purpose = purpose
    }

    /// The 64-bit GSL seed for this key: each field is folded in through SplitMix64.
    public var derivedSeed: UInt64 {
        var mixer = SplitMix64(seed: seed)
        var h = mixer.next()
        for part in [replicate, stableHash(population), shard, stableHash(purpose)] {
            h = SplitMix64.mix(h ^ SplitMix64.mix(part &+ 0x632B_E59B_D9B4_E019))
        }
        return h
    }

    /// The same key with another purpose.
    public func with(purpose: String) -> StreamKey {
        var k = self
        k.purpose = purpose
        return k
    }

    /// The same key with another population and shard.
    public func with(population: String, shard: UInt64 = 0) -> StreamKey {
        var k = self
        k.population = population
        k.shard = shard
        return k
    }

    public var description: String {
        "seed=\(seed) replicate=\(replicate) population=\(population) shard=\(shard) purpose=\(purpose)"
    }
}
