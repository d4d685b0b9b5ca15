import CGSL

/// One GSL random number generator, owned by exactly one holder.
///
/// `RandomStream` is non-copyable: it cannot be duplicated, so two tasks can
/// never draw from the same generator, and its `gsl_rng` is freed exactly once,
/// in `deinit`. Move it into the actor or task that owns it; lend it to
/// functions as `inout`.
///
/// The generator is GSL's `taus2` (L'Ecuyer's maximally equidistributed
/// Tausworthe generator): fast, period ≈ 2^88, and the recommended default.
public struct RandomStream: ~Copyable, @unchecked Sendable {
    @usableFromInline
    let rng: UnsafeMutablePointer<gsl_rng>

    /// The key this stream was derived from.
    public let key: StreamKey

    /// Creates the stream for `key`.
    public init(_ key: StreamKey) {
        GSLRuntime.ensureReady()
        guard let r = gsl_rng_alloc(cgsl_rng_taus2()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        gsl_rng_set(r, UInt(truncatingIfNeeded: key.derivedSeed))
        self.rng = r
        self.key = key
    }

    /// Convenience: the stream for `(seed, replicate, population, shard, purpose)`.
    public init(
        seed: UInt64, replicate: UInt64 = 0, population: String = "world",
        shard: UInt64 = 0, purpose: String
    ) {
        self.init(
            StreamKey(
                seed: seed, replicate: replicate, population: population,
                shard: shard, purpose: purpose))
    }

    deinit { gsl_rng_free(rng) }

    /// A uniform draw in [0, 1).
    @inlinable
    public mutating func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A uniform draw in (0, 1): never exactly zero.
    @inlinable
    public mutating func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// A uniform draw in [lower, upper).
    @inlinable
    public mutating func uniform(in lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * gsl_rng_uniform(rng)
    }

    /// A uniform integer in 0 ..< n, without modulo bias (`gsl_rng_uniform_int`).
    /// - Precondition: 1 ≤ n ≤ 2^32 (the taus2 range). Callers pass counts, not user input.
    @inlinable
    public mutating func integer(below n: Int) -> Int {
        precondition(n >= 1 && n <= 1 << 32, "integer(below:) needs 1 <= n <= 2^32")
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// A standard normal draw (GSL's ziggurat sampler).
    @inlinable
    public mutating func standardNormal() -> Double { gsl_ran_gaussian_ziggurat(rng, 1.0) }

    /// Shuffles `buffer` in place with `gsl_ran_shuffle` (Fisher–Yates).
    public mutating func shuffle<T: BitwiseCopyable>(_ buffer: inout [T]) {
        let count = buffer.count
        guard count > 1 else { return }
        buffer.withUnsafeMutableBytes { raw in
            gsl_ran_shuffle(rng, raw.baseAddress, count, MemoryLayout<T>.stride)
        }
    }

    /// Fills `buffer` with 0 ..< buffer.count in a uniformly random order,
    /// reusing its storage (no allocation once it has the capacity).
    public mutating func permutation(into buffer: inout [Int32], count: Int) {
        buffer.removeAll(keepingCapacity: true)
        for i in 0..<count { buffer.append(Int32(i)) }
        shuffle(&buffer)
    }

    /// Gives the GSL generator to `body`, for samplers this type does not wrap.
    @inlinable
    public mutating func withGSL<R>(_ body: (UnsafeMutablePointer<gsl_rng>) throws -> R) rethrows -> R {
        try body(rng)
    }
}
