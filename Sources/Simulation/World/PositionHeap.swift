import ProtocolModel

/// Loan positions ordered by collateral/debt, lowest first: a binary min-heap.
///
/// At one price every health factor is collateral·price·LT/debt, so ordering by
/// collateral/debt is ordering by HF at any price. A liquidator's turn pops the lowest,
/// liquidates it and pushes it back with its new ratio: O(log n) per liquidation instead of
/// a scan of the book. Ties go to the lower index, as in `LoanBook.lowestHealthFactor`.
struct PositionHeap {
    private var keys: [Double] = []
    private var items: [Int32] = []

    /// Rebuilds the heap from every position with debt, reusing storage.
    mutating func rebuild(from loans: LoanBook) {
        keys.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        for (i, p) in loans.positions.enumerated() where p.debt > 0 {
            keys.append(p.collateral / p.debt)
            items.append(Int32(i))
        }
        var k = keys.count / 2
        while k > 0 {
            k -= 1
            siftDown(k)
        }
    }

    var isEmpty: Bool { items.isEmpty }

    /// The position with the lowest collateral/debt.
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

    mutating func push(_ index: Int, position p: CollateralPosition) {
        guard p.debt > 0 else { return }
        keys.append(p.collateral / p.debt)
        items.append(Int32(index))
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
