import ProtocolModel
import Stochastics

extension Depositors {
    /// The lock-up boosts a depositor sees this tick: the reward stream's value, the weight already locked,
    /// and the protocol's terms (``/ProtocolModel/LockBook``).
    public struct LockOffer: Sendable {
        /// USD of value paid to lockers this tick, shared by weight (0: nothing offered now).
        public var emission: Double
        /// The weight of every running lock.
        public var totalWeight: Double
        /// The book, for its multiplier and menu of terms.
        public var book: LockBook

        /// The offer in `state`, or nil when the world has no lock-up boosts.
        public init?(_ state: ProtocolState) {
            guard state.locks.isInstalled else { return nil }
            self.init(
                emission: state.incentives.offeredLockEmission, totalWeight: state.locks.totalWeight, book: state.locks)
        }

        public init(emission: Double, totalWeight: Double, book: LockBook) {
            self.emission = emission
            self.totalWeight = totalWeight
            self.book = book
        }
    }

    /// What an attentive heuristic depositor does in a world with lock-up boosts.
    public enum Move: Sendable, Equatable {
        case stay, withdraw
        /// Lock its deposit for this many ticks.
        case lock(Int)
    }

    /// The term (in ticks) a depositor locks for, or 0: the term L of the protocol's menu that maximises its
    /// gain per USD of deposit,
    ///
    ///     G(L) = L · E · m(L) / (W + b · m(L)) − κ · L² / L_max,
    ///
    /// where E is the stream offered per tick, W the weight already locked, b its balance, m Frax's
    /// multiplier, and κ = `cost` · σ / (σ + z) its illiquidity cost, highest (`cost`) for a depositor on the
    /// edge of leaving (comfort z = its signal less its exit threshold, 0) and falling as z grows in units of its
    /// signal noise σ. The reward is its share of the stream at the weight locked so far (a myopic best
    /// response: depositors deciding in the same tick do not see each other's locks). The cost is quadratic
    /// because the chance of needing the money before the lock ends grows with the term: for a small
    /// depositor G is a quadratic in L with its maximum at L* = r·L_max / (2(κ − r(M − 1))), r = E / W, when
    /// κ > r(M − 1), and at the longest term otherwise. 0 when no term gains.
    public static func lockTerm(balance b: Double, comfort z: Double, noise: Double, offer o: LockOffer, cost: Double)
        -> Int
    {
        guard o.emission > 0, b > 0, z >= 0 else { return 0 }
        let kappa = cost * noise / (noise + z)
        let full = Double(o.book.maxTicks)
        var best = 0
        var bestGain = 0.0
        for k in 1...o.book.terms {
            let term = o.book.term(k)
            let l = Double(term)
            let m = o.book.multiplier(ticks: term)
            let gain = l * o.emission * m / (o.totalWeight + b * m) - kappa * l * l / full
            if gain > bestGain {
                best = term
                bestGain = gain
            }
        }
        return best
    }

    /// The heuristic rule in a world with lock-up boosts, for an agent that looks this tick: it draws its noisy
    /// signal x of θ and withdraws when x is below its threshold (as ``decideAttentive(_:_:_:_:)``), and
    /// otherwise may lock (``lockTerm(balance:comfort:noise:offer:cost:)``).
    public static func moveAttentive(_ a: Agent, _ v: TickView, _ c: Config, _ rng: inout RandomStream) -> Move {
        let noise = a.isWhale ? c.whaleNoiseSD : c.noiseSD
        let x = v.theta + noise * rng.standardNormal()
        guard !v.locked else { return .stay }
        let comfort = x - (a.threshold + v.thresholdShift)
        if comfort < 0 { return .withdraw }
        guard let offer = v.lockOffer else { return .stay }
        let term = lockTerm(balance: a.balance, comfort: comfort, noise: noise, offer: offer, cost: c.lockCost)
        return term > 0 ? .lock(term) : .stay
    }
}
