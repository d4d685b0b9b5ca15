/// Lock-up boosts (ve-style): depositors lock their whole supply in the first market's USD reserve for a
/// term they choose (``IntentAction/lock(ticks:)``), and share a reward stream in proportion to their lock weight, so a longer lock earns a
/// larger share.
///
/// The weight of a lock is its amount times Frax's lock multiplier (`FraxUnifiedFarm.lockMultiplier`),
/// linear in the term and capped: m(L) = min(M, 1 + L·(M − 1)/L_max), with `M` = ``maxBoost`` and
/// `L_max` = ``maxTicks``. As in Frax, the multiplier is fixed when the lock opens and the weight leaves the
/// total when the lock ends (Curve's veCRV instead lets it decay linearly to the end; the fixed form keeps
/// the share of a lock constant over its term, which is what a depositor weighs when it chooses the term).
///
/// A lock opened at tick T for L ticks ends at T + L: the account may withdraw again from that tick, and the
/// weight has left the totals when the tick's agents move. A programme whose phase comes before the depositors'
/// pays it on ticks T + 1 … T + L − 1, the ticks it can no longer leave on.
///
/// While its lock runs, an account's withdrawals and redemptions in the first market revert with
/// ``ProtocolError/locked(untilTick:)``. The book moves no tokens: rewards are paid by the incentive
/// programme (``IncentiveOperation/pay(to:token:amount:)``), so conservation is untouched.
public struct LockBook: Sendable, Equatable {
    /// What leaves the totals at the end of a tick's locks.
    struct Expiry: Sendable, Equatable {
        var weight = 0.0
        var amount = 0.0
    }

    /// The term that earns the full multiplier, in ticks; also the longest lock accepted.
    public let maxTicks: Int
    /// The multiplier of a lock of ``maxTicks`` (Frax's `lock_max_multiplier`), at least 1.
    public let maxBoost: Double
    /// How many terms the protocol offers: L_max·k/n for k = 1 … n (Curve's and Frax's front ends offer a
    /// short menu; any term up to ``maxTicks`` is accepted).
    public let terms: Int
    /// The tick each account's lock ends (0: never locked); stored only from the first account that locked.
    var until: AccountColumn<Int32>
    /// Lock weight and amount ending at each tick.
    var expiries: [Int: Expiry] = [:]
    /// The weight of every running lock, and the USD supply they hold.
    public private(set) var totalWeight = 0.0
    public private(set) var lockedAmount = 0.0
    /// Cumulative: locks opened, USD locked, and Σ amount × term (so ``meanTerm`` is amount-weighted).
    public private(set) var locksOpened = 0
    public private(set) var amountLocked = 0.0
    public private(set) var amountTicks = 0.0
    /// Whether a book is installed.
    public var isInstalled: Bool { maxTicks > 0 }

    /// No lock-up boosts.
    public static let inactive = LockBook(maxTicks: 0, maxBoost: 1, terms: 1, accounts: 0)

    /// A book for `accounts` accounts whose locks earn Frax's multiplier up to `maxBoost` at `maxTicks`, with
    /// a menu of `terms` terms.
    public init(maxTicks: Int, maxBoost: Double, terms: Int, accounts: Int) {
        self.maxTicks = max(0, maxTicks)
        self.maxBoost = max(1, maxBoost)
        self.terms = min(max(1, terms), max(1, maxTicks))
        self.until = AccountColumn(accounts: accounts, zero: 0)
    }

    /// Frax's lock multiplier of a term of `ticks`: 1 at no lock, ``maxBoost`` from ``maxTicks`` on.
    public func multiplier(ticks: Int) -> Double {
        guard maxTicks > 0 else { return 1 }
        return min(maxBoost, 1 + Double(max(0, ticks)) * (maxBoost - 1) / Double(maxTicks))
    }

    /// The k-th term of the menu (k = 1 … ``terms``), in ticks.
    public func term(_ k: Int) -> Int { max(1, maxTicks * k / terms) }

    /// The tick `account`'s lock ends (0 if it never locked); it may withdraw from that tick on.
    public func lockedUntil(_ account: Int) -> Int {
        account >= 0 && account < until.accountCount ? Int(until[account]) : 0
    }

    /// The amount-weighted mean term of every lock opened so far, in ticks (0 before the first).
    public var meanTerm: Double { amountLocked > 0 ? amountTicks / amountLocked : 0 }

    /// Records a lock of `amount` by `account` from `tick` for `ticks` ticks; the caller has checked them.
    mutating func open(_ account: Int, amount: Double, tick: Int, ticks: Int) {
        let end = tick + ticks
        let weight = amount * multiplier(ticks: ticks)
        until[account] = Int32(clamping: end)
        expiries[end, default: Expiry()].weight += weight
        expiries[end, default: Expiry()].amount += amount
        totalWeight += weight
        lockedAmount += amount
        locksOpened += 1
        amountLocked += amount
        amountTicks += amount * Double(ticks)
    }

    /// Takes the locks that end at `tick` out of the totals (called once per tick as the clock advances).
    mutating func expire(at tick: Int) {
        guard let e = expiries.removeValue(forKey: tick) else { return }
        totalWeight = expiries.isEmpty ? 0 : max(0, totalWeight - e.weight)
        lockedAmount = expiries.isEmpty ? 0 : max(0, lockedAmount - e.amount)
    }
}
