import Testing

@testable import ScenarioSchema

@Suite struct SupportTests {
    @Test func editDistanceMatchesHandCounts() {
        // kitten -> sitten -> sittin -> sitting: 3 edits.
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("sigma", "sigma") == 0)
        #expect(Suggestion.closest(to: "sigmma", among: ["p0", "sigma"]) == "sigma")
        #expect(Suggestion.closest(to: "xyz", among: ["abc"]) == nil)
        #expect(Suggestion.closest(to: "p1", among: ["p0"]) == "p0")
        #expect(Suggestion.closest(to: "x", among: ["z"]) == nil)
    }

    @Test func scalarSyntax() {
        #expect(ScalarSyntax.number("1_000.5") == .finite(1000.5))
        #expect(ScalarSyntax.number(".5") == .finite(0.5))
        #expect(ScalarSyntax.number("1.") == .finite(1))
        #expect(ScalarSyntax.number(".") == .notANumber)
        #expect(ScalarSyntax.number("1e400") == .nonFinite)
        #expect(ScalarSyntax.number("nan") == .nonFinite)
        #expect(ScalarSyntax.number("1.2.3") == .notANumber)
        #expect(ScalarSyntax.integer("9007199254740993") == 9_007_199_254_740_993)
        #expect(ScalarSyntax.integer("1e300") == nil)
        #expect(ScalarSyntax.boolean("True") == nil)
    }

    @Test func valueRangeContains() {
        #expect(ValueRange.unitOpen.contains(0.5) && !ValueRange.unitOpen.contains(0))
        #expect(ValueRange.open(1, 2).contains(1.5) && !ValueRange.open(1, 2).contains(2))
        #expect(ValueRange.atLeast(3).contains(3) && !ValueRange.atLeast(3).contains(2.9))
        #expect(ValueRange.integerAtLeast(2).contains(2) && !ValueRange.integerAtLeast(2).contains(2.5))
        #expect(ValueRange.format(0.25) == "0.25" && ValueRange.format(-1) == "-1")
    }

    @Test func errorDescriptionLeavesOutAbsentParts() {
        #expect(ConfigError(file: "f", line: 3, keyPath: "a.b", message: "m").description == "f:3: a.b: m")
        #expect(ConfigError(file: "f", line: nil, keyPath: "", message: "m").description == "f: m")
    }
}
