import ScenarioSchema
import Testing

/// Error descriptions are one line of at most 500 bytes, whatever input they quote
/// (found by the fuzzer in Fuzz/: quoted scalars with line breaks, very long keys).
@Suite struct ErrorTextTests {
    @Test func plainTextIsUnchanged() {
        let text = "t.yaml:3: market.sigma: expected a finite number >= 0, got -1"
        #expect(ErrorText.oneLine(text) == text)
        #expect(ErrorText.oneLine("a\tb") == "a\tb")
    }

    @Test func lineBreaksAndControlCharactersAreEscaped() {
        #expect(ErrorText.oneLine("a\nb\r\nc\rd") == "a\\nb\\r\\nc\\rd")
        #expect(ErrorText.oneLine("x\u{1B}[31my\u{0B}z\u{85}\u{2028}") == "x\\u{1B}[31my\\u{B}z\\u{85}\\u{2028}")
    }

    @Test func longTextKeepsItsBeginningAndEnd() {
        let text = "head:" + String(repeating: "x", count: 2_000) + ":tail"
        let line = ErrorText.oneLine(text)
        #expect(line.utf8.count <= ErrorText.maxBytes)
        #expect(line.hasPrefix("head:xxx") && line.hasSuffix("xxx:tail") && line.contains(" … "))
        // Multi-byte characters are never split.
        let wide = ErrorText.oneLine(String(repeating: "é€", count: 300))
        #expect(
            wide.utf8.count <= ErrorText.maxBytes
                && wide.unicodeScalars.allSatisfy { "é€ …".unicodeScalars.contains($0) })
    }

    @Test func aQuotedValueWithLineBreaksGivesOneLine() {
        #expect(
            failure { try reader("ticks: 5\nlending: \"reserve_fraction:\n  0.2\"\n").child("lending") }
                == "t.yaml:2: lending: expected a mapping, got \"reserve_fraction: 0.2\"")
        #expect(
            failure { try reader("lending: \"a\\nb\"\n").child("lending") }
                == "t.yaml:1: lending: expected a mapping, got \"a\\nb\"")
        #expect(failure { try reader("\"a\\r\\nb\"") } == "t.yaml:1: expected a mapping, got \"a\\r\\nb\"")
    }

    @Test func aVeryLongKeyGivesAShortLine() throws {
        let key = String(repeating: "k", count: 1_000)
        let r = try reader("ticks: 5\n\(key): 1\n")
        _ = try r.int("ticks")
        let message = try #require(failure { try r.finish() })
        #expect(message.utf8.count <= ErrorText.maxBytes, "\(message.utf8.count) bytes")
        #expect(message.hasPrefix("t.yaml:2: kkkk") && message.hasSuffix("ticks)"), "\(message)")
    }
}
