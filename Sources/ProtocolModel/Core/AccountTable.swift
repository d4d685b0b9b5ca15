/// A row of `width` values per account, stored only from the lowest account that was ever given a value
/// other than ``zero``: the accounts below it read ``zero`` and take no memory.
///
/// Accounts are handed out kind by kind, depositors first, and most per-account tables hold claims that
/// depositors never have: debt, LP shares. Stored from their first holder on, such a table skips every
/// depositor (8 MB per column of `Double` at a million depositors), where a plain array of every account
/// would not. Rows are row-major in one buffer, so a lookup is one comparison more than a plain array's.
///
/// Writing a value other than ``zero`` below the stored rows moves their start down: one allocation and a
/// copy. The opening book writes each table in account order, so that happens once per table, at setup;
/// during a run only an account below every account that ever held such a claim would cause it.
public struct AccountTable<Element: Sendable & Equatable>: Sendable, Equatable {
    /// The accounts the table covers: `0 ..< accountCount`.
    public let accountCount: Int
    /// The values per account.
    public let width: Int
    /// The value of an entry that was never given another.
    public let zero: Element
    /// The lowest account stored (``accountCount`` while none is).
    public private(set) var start: Int
    /// The rows of accounts `start ..< accountCount`, row-major.
    private var stored: [Element] = []

    /// A table of `accounts` rows of `width` entries, each holding `zero`.
    public init(accounts: Int, width: Int, zero: Element) {
        self.accountCount = max(0, accounts)
        self.width = max(0, width)
        self.zero = zero
        self.start = self.accountCount
    }

    /// The value in `column` of `account`'s row; `account` must be below ``accountCount``, `column` below
    /// ``width``.
    public subscript(account: Int, column: Int) -> Element {
        get { account >= start ? stored[(account &- start) &* width &+ column] : zero }
        set {
            if account >= start {
                stored[(account &- start) &* width &+ column] = newValue
                return
            }
            guard newValue != zero else { return }
            precondition(account >= 0 && column >= 0 && column < width, "entry (\(account), \(column))")
            stored.insert(contentsOf: repeatElement(zero, count: (start - account) * width), at: 0)
            start = account
            stored[column] = newValue
        }
    }

    /// Equal when every entry holds the same value, however much of each table is stored.
    public static func == (l: AccountTable, r: AccountTable) -> Bool {
        guard l.accountCount == r.accountCount, l.width == r.width, l.zero == r.zero else { return false }
        if l.start == r.start { return l.stored == r.stored }
        return (min(l.start, r.start)..<l.accountCount).allSatisfy { a in
            (0..<l.width).allSatisfy { l[a, $0] == r[a, $0] }
        }
    }

    /// Calls `body` with a read-only view of the table, valid only inside `body`: the passes that read many
    /// rows every tick (the debtors' solvency) find each row once through it and read the row without checks.
    @inline(__always)
    func withView<R>(_ body: (AccountTableView<Element>) -> R) -> R {
        stored.withUnsafeBufferPointer { body(AccountTableView(start: start, width: width, values: $0)) }
    }

    /// The address of the stored rows (tests: an intent writes in place, so they do not move).
    var _bufferAddress: UInt { stored.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
}

/// A read-only view of an ``AccountTable``'s stored rows (``AccountTable/withView(_:)``).
struct AccountTableView<Element> {
    let start: Int
    let width: Int
    let values: UnsafeBufferPointer<Element>

    /// The first of `account`'s ``width`` values, or nil for an account the table does not store (all of
    /// whose values are ``zero``). `account` must be below the table's account count.
    @inline(__always) func row(_ account: Int) -> UnsafePointer<Element>? {
        account >= start ? values.baseAddress.unsafelyUnwrapped + (account &- start) &* width : nil
    }
}

/// One value per account, stored only from the lowest account that was ever given a value other than
/// ``zero``: an ``AccountTable`` one entry wide.
public struct AccountColumn<Element: Sendable & Equatable>: Sendable, Equatable {
    private var table: AccountTable<Element>

    /// A column of `accounts` entries, each holding `zero`.
    public init(accounts: Int, zero: Element) { table = AccountTable(accounts: accounts, width: 1, zero: zero) }

    /// The accounts the column covers: `0 ..< accountCount`.
    public var accountCount: Int { table.accountCount }
    /// The value of an account that was never given another.
    public var zero: Element { table.zero }
    /// The lowest account stored (``accountCount`` while none is).
    public var start: Int { table.start }

    /// The value of `account`, which must be below ``accountCount``.
    public subscript(account: Int) -> Element {
        get { table[account, 0] }
        set { table[account, 0] = newValue }
    }

    /// The address of the stored values (tests: an intent writes in place, so they do not move).
    var _bufferAddress: UInt { table._bufferAddress }
}
