import Testing

@testable import ProtocolModel

/// ``AccountTable``: rows stored only from the lowest account given a value other than zero, read and
/// compared as if every account had its row.
struct AccountTableTests {
    @Test func accountsBelowTheFirstHolderReadZeroAndTakeNoMemory() {
        var t = AccountTable(accounts: 10, width: 2, zero: 0.0)
        #expect(t.start == 10)
        t[3, 1] = 0  // a zero below the stored rows changes nothing
        #expect(t.start == 10)
        t[7, 1] = 2.5
        #expect(t.start == 7)
        t[9, 0] = 1
        #expect(t.start == 7)
        #expect(t[7, 1] == 2.5 && t[9, 0] == 1 && t[8, 0] == 0 && t[0, 1] == 0)
        // A write below the stored rows moves their start down and keeps every value.
        t[4, 0] = -1
        #expect(t.start == 4)
        #expect(t[4, 0] == -1 && t[4, 1] == 0 && t[7, 1] == 2.5 && t[9, 0] == 1 && t[3, 0] == 0)
    }

    @Test func tablesHoldingTheSameValuesAreEqualHoweverMuchIsStored() {
        var a = AccountTable(accounts: 6, width: 2, zero: 0.0)
        var b = a
        a[2, 0] = 1
        b[4, 0] = 5
        b[4, 0] = 0  // b stores rows 4 and 5, all zeros
        b[2, 0] = 1
        #expect(a == b)
        b[5, 1] = 3
        #expect(a != b)
        #expect(AccountTable(accounts: 6, width: 2, zero: 0.0) != AccountTable(accounts: 6, width: 1, zero: 0.0))
    }

    @Test func aViewReadsWhatTheTableHolds() {
        var t = AccountTable(accounts: 5, width: 3, zero: 0.0)
        t[2, 2] = 7
        t[4, 0] = 9
        t.withView { v in
            #expect(v.row(1) == nil)
            #expect(v.row(2)?[2] == 7 && v.row(2)?[0] == 0 && v.row(4)?[0] == 9 && v.row(3)?[1] == 0)
        }
    }

    @Test func aColumnIsATableOneWide() {
        var c = AccountColumn(accounts: 4, zero: false)
        #expect(c.start == 4 && !c[0])
        c[2] = true
        #expect(c.start == 2 && c[2] && !c[3] && !c[1])
    }
}
