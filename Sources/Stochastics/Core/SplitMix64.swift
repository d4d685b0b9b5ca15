/// SplitMix64 (Steele, Lea and Flood, 2014), used only to derive seeds.
///
/// It is a bijective mixer with good avalanche behaviour: neighbouring inputs
/// (replicate 7 and 8, shard 0 and 1) give unrelated outputs. Ballast never draws
/// simulation randomness from it directly; it seeds GSL generators.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Advances the state and returns the next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser applied to one value.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A stable 64-bit FNV-1a hash of a string's UTF-8 bytes.
///
/// Swift's `Hasher` is randomly seeded per process, so it must never reach a
/// result; this one gives the same value on every run and machine.
public func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        h ^= UInt64(byte)
        h = h &* 0x0000_0100_0000_01B3
    }
    return h
}
