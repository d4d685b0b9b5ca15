/// A contract with an identifier and a maturity tick, as ``MaturityQueue`` orders them.
protocol MaturityOrdered: Sendable, Equatable {
    /// Identifier, unique within a book.
    var id: Int { get }
    /// Tick at which the contract falls due.
    var maturityTick: Int { get }
}

extension FixedTermDeposit: MaturityOrdered {}
extension FixedTermLoan: MaturityOrdered {}

/// Open contracts sorted by maturity (ties in the order they were opened), in an array with a head
/// index: the matured contracts are taken from the head in O(1) each, so a roll-off costs O(matured)
/// and not O(book). Inserting finds the place by binary search and shifts the later entries, so it is
/// O(1) amortised when maturities arrive in order (a constant term) and O(open) at worst.
struct MaturityQueue<Element: MaturityOrdered>: Sendable {
    private var storage: [Element] = []
    private var head = 0

    /// The open contracts, earliest maturity first.
    var open: ArraySlice<Element> { storage[head...] }

    /// Adds a contract after every open one maturing at or before it.
    mutating func insert(_ element: Element) {
        var lo = head
        var hi = storage.count
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if storage[mid].maturityTick <= element.maturityTick { lo = mid + 1 } else { hi = mid }
        }
        if lo == storage.count { storage.append(element) } else { storage.insert(element, at: lo) }
    }

    /// The earliest open contract if it matures at or before `tick`, which is removed; nil otherwise.
    mutating func popMatured(through tick: Int) -> Element? {
        guard head < storage.count, storage[head].maturityTick <= tick else {
            compactIfNeeded()
            return nil
        }
        head += 1
        return storage[head - 1]
    }

    /// Removes the open contract `id` (linear search) and returns it; nil when no open contract has it.
    mutating func remove(id: Int) -> Element? {
        guard let k = storage[head...].firstIndex(where: { $0.id == id }) else { return nil }
        return storage.remove(at: k)
    }

    /// Frees the matured prefix once it is everything or most of a large array.
    private mutating func compactIfNeeded() {
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
    }
}

extension MaturityQueue: Equatable {
    /// Two queues are equal when they hold the same open contracts in the same order.
    static func == (l: Self, r: Self) -> Bool { l.open.elementsEqual(r.open) }
}
