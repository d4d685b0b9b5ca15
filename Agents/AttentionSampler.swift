import Stochastics

/// How depositors decide who looks at the pool each tick (`depositors.attention_sampling`).
///
/// Both give every agent still in the pool an independent chance `attention` (whales: `whale_attention`) of
/// looking; they differ in the draws, so a scenario's outcomes change replicate by replicate but not in law.
public enum AttentionSampling: String, Sendable, CaseIterable {
    /// One uniform per agent still in the pool per tick: the reference streams, and the default.
    case perAgent = "per_agent"
    /// Per group (ordinary agents, whales) per tick: how many look, K ~ Binomial(n, a), then which ones, a
    /// uniformly random K-subset; about a·n draws instead of n. `heuristic` strategy only.
    case binomial
}

/// Draws which of n agents look this tick: K ~ Binomial(n, a) (GSL), then a uniform K-subset by Floyd's
/// algorithm (Bentley & Floyd, "Programming pearls: a sample of brilliance", CACM 1987), listed in index
/// order. Its buffers are kept from tick to tick, so a tick allocates nothing once they have grown.
///
/// Exact: with independent Bernoulli(a) attention, a given set of K lookers has probability aᴷ(1−a)ⁿ⁻ᴷ, the
/// same for every set of that size; so the count is Binomial(n, a) and, given the count, the set is uniform
/// among the subsets of that size. Drawing the count and then a uniform subset gives the same law.
struct AttentionSampler: Sendable {
    /// Whether each position is taken (all false between draws).
    private var taken: [Bool] = []
    /// The positions drawn, ascending.
    private(set) var chosen: [Int32] = []

    mutating func draw(from n: Int, probability a: Double, _ rng: inout RandomStream) {
        chosen.removeAll(keepingCapacity: true)
        guard n > 0, a > 0 else { return }
        // a is a validated probability and n ≤ 10⁷ < 2³², so the distribution is always defined.
        let k = (try? Binomial(probability: a, trials: n))?.sample(&rng) ?? 0
        guard k > 0 else { return }
        if taken.count < n { taken = Array(repeating: false, count: n) }
        // Floyd: for j = n−k … n−1 take a uniform t in 0…j, or j itself when t is already taken. Every
        // k-subset comes out with probability 1 / C(n, k).
        for j in (n - k)..<n {
            let t = rng.integer(below: j + 1)
            taken[taken[t] ? j : t] = true
        }
        // Listing by a scan keeps the order without sorting (a sort could allocate a buffer) and clears the marks.
        for p in 0..<n where taken[p] {
            chosen.append(Int32(p))
            taken[p] = false
        }
    }
}

/// A shard's agents still in the pool, by attention group, and the lookers of the tick (binomial sampling).
struct AttentionGroups: Sendable {
    private var ordinary: [Int32] = []
    private var whales: [Int32] = []
    private var ordinarySampler = AttentionSampler()
    private var whaleSampler = AttentionSampler()
    /// This tick's lookers: agent indices, ascending.
    private(set) var attentive: [Int32] = []
    /// Set when an agent left since the groups were listed.
    var stale = true

    /// Draws this tick's lookers into `attentive`: ordinary agents first, then whales, from `rng`.
    mutating func draw(_ agents: [Depositors.Agent], _ c: Depositors.Config, _ rng: inout RandomStream) {
        if stale {
            ordinary.removeAll(keepingCapacity: true)
            whales.removeAll(keepingCapacity: true)
            for (i, a) in agents.enumerated() where !a.hasWithdrawn {
                if a.isWhale { whales.append(Int32(i)) } else { ordinary.append(Int32(i)) }
            }
            stale = false
        }
        ordinarySampler.draw(from: ordinary.count, probability: c.attention, &rng)
        whaleSampler.draw(from: whales.count, probability: c.whaleAttention, &rng)
        // Merge the two ascending lists so agents are visited in index order, as per-agent sampling visits them.
        attentive.removeAll(keepingCapacity: true)
        let o = ordinarySampler.chosen
        let w = whaleSampler.chosen
        var i = 0
        var j = 0
        while i < o.count || j < w.count {
            if j == w.count || (i < o.count && ordinary[Int(o[i])] < whales[Int(w[j])]) {
                attentive.append(ordinary[Int(o[i])])
                i += 1
            } else {
                attentive.append(whales[Int(w[j])])
                j += 1
            }
        }
    }
}
