/// Accounts with debt ordered by health factor at the prices of the last rebuild, lowest first: a
/// binary min-heap.
///
/// A policy liquidation pops the lowest, liquidates it and pushes it back with its new key: O(log n)
/// per liquidation instead of a scan of every account. Keys are health factors at the prices of the
/// rebuild, so the order does not drift while the liquidation's own sales move the price: with one
/// collateral and one debt asset, HF at any price orders positions exactly as collateral/debt does.
/// Ties go to the lower account.
struct DebtorHeap: Sendable {
    private var keys: [Double] = []
    private var items: [Int32] = []
    /// The prices the keys are computed at.
    private(set) var keyPrices: [Double] = []

    /// Rebuilds the heap from every debtor of `pool` with debt, at `prices`, reusing storage.
    mutating func rebuild(from pool: LendingPool, prices: [Double]) {
        keys.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        keyPrices.removeAll(keepingCapacity: true)
        keyPrices.append(contentsOf: prices)
        pool.forEachDebtorHealthFactor(prices: prices) { account, hf in
            keys.append(hf)
            items.append(account)
        }
        var k = keys.count / 2
        while k > 0 {
            k -= 1
            siftDown(k)
        }
    }

    var isEmpty: Bool { items.isEmpty }

    /// The account with the lowest key.
    var min: Int? { items.first.map(Int.init) }

    mutating func popMin() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.count - 1
        keys.swapAt(0, last)
        items.swapAt(0, last)
        keys.removeLast()
        items.removeLast()
        if !items.isEmpty { siftDown(0) }
        return Int(top)
    }

    /// Pushes `account` back with its health factor at the rebuild's prices, if it still has debt.
    mutating func push(_ account: Int, from pool: LendingPool) {
        let hf = pool.healthFactor(user: account, prices: keyPrices)
        guard hf.isFinite else { return }
        keys.append(hf)
        items.append(Int32(account))
        var c = items.count - 1
        while c > 0 {
            let parent = (c - 1) / 2
            guard less(c, parent) else { break }
            swap(c, parent)
            c = parent
        }
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] < keys[b] || (keys[a] == keys[b] && items[a] < items[b])
    }

    private mutating func swap(_ a: Int, _ b: Int) {
        keys.swapAt(a, b)
        items.swapAt(a, b)
    }

    private mutating func siftDown(_ start: Int) {
        var p = start
        while true {
            let l = 2 * p + 1
            let r = l + 1
            var m = p
            if l < items.count && less(l, m) { m = l }
            if r < items.count && less(r, m) { m = r }
            if m == p { return }
            swap(p, m)
            p = m
        }
    }
}

/// Storage the policy intents reuse from one intent to the next. Two states differing only here are
/// equal: it holds no value of the model.
struct _Scratch: Sendable, Equatable {
    var heap = DebtorHeap()
    /// Queue payments collected before they are credited.
    var payments: [(account: Int, amount: Double)] = []
    /// The last fixed-term roll-off, its buffers reused.
    var rollOff = RollOff(tokenCount: 0)
    static func == (_: _Scratch, _: _Scratch) -> Bool { true }
}
