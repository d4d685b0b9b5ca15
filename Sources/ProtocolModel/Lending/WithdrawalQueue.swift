/// One queued withdrawal claim.
public struct QueuedWithdrawal: Sendable, Equatable {
    /// The depositor owed.
    public var account: Int64
    /// USD still owed.
    public var amount: Double
    /// Creates an entry.
    public init(account: Int64, amount: Double) {
        self.account = account
        self.amount = amount
    }
}

/// FIFO queue of unpaid withdrawals, an array with a head index so enqueue and dequeue are O(1)
/// amortised (no `removeFirst`). Paid entries are compacted away once they are half the storage.
public struct WithdrawalQueue: Sendable, Equatable {
    private var entries: [QueuedWithdrawal] = []
    private var head = 0
    /// Σ of the amounts still owed.
    public private(set) var total: Double = 0

    /// Creates an empty queue.
    public init() {}

    /// Number of claims still (partly) unpaid.
    public var count: Int { entries.count - head }
    /// True when nothing is owed.
    public var isEmpty: Bool { count == 0 }
    /// The claim at the head of the queue, if any.
    public var first: QueuedWithdrawal? { head < entries.count ? entries[head] : nil }
    /// The unpaid claims, oldest first.
    public var pending: ArraySlice<QueuedWithdrawal> { entries[head...] }

    /// Appends a claim (ignored unless amount > 0).
    public mutating func enqueue(account: Int64, amount: Double) {
        guard amount > 0 else { return }
        entries.append(QueuedWithdrawal(account: account, amount: amount))
        total += amount
    }

    /// Pays up to `usd` to the claims in FIFO order; returns the amount used. `onPaid(account, amount)`
    /// is told about each payment.
    @discardableResult
    public mutating func pay(_ usd: Double, onPaid: (Int64, Double) -> Void = { _, _ in }) -> Double {
        var left = max(0, usd)
        var used = 0.0
        while left > 0, head < entries.count {
            let owed = entries[head].amount
            let part = min(owed, left)
            onPaid(entries[head].account, part)
            left -= part
            used += part
            if part >= owed {
                head += 1
            } else {
                entries[head].amount = owed - part
                // Everything offered was used; report it exactly rather than a rounded running sum.
                used = max(0, usd)
                left = 0
            }
        }
        total = head == entries.count ? 0 : max(0, total - used)
        compactIfNeeded()
        return used
    }

    /// Scales every claim by `factor` (pro-rata loss socialisation); factor is clamped to [0, 1].
    public mutating func scale(by factor: Double) {
        let f = min(1, max(0, factor))
        var sum = 0.0
        for k in head..<entries.count {
            entries[k].amount *= f
            sum += entries[k].amount
        }
        total = sum
    }

    private mutating func compactIfNeeded() {
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
