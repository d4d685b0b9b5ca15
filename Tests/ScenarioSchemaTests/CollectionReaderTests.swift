import ScenarioSchema
import Testing

@Suite struct CollectionReaderTests {
    @Test func doublesReadsFlowAndBlockListsAndNamesTheBadElement() throws {
        let r = try reader("a: [0.1, 1e-1, 1]\nb:\n  - 0.5\n  - 2\nc: 0.5\nd: []\n")
        #expect(try r.doubles("a", .probability) == [0.1, 0.1, 1])
        #expect(
            failure { try r.doubles("b", .probability) } == "t.yaml:4: b[1]: expected a probability in [0, 1], got 2")
        #expect(
            failure { try r.doubles("c") } == "t.yaml:5: c: expected a list of numbers (each a finite number), got 0.5")
        #expect(try r.doubles("d") == [])
        #expect(try r.doubles("e", default: [1, 2]) == [1, 2])
    }

    @Test func matrixMustBeSquareAndFinite() throws {
        let r = try reader(
            """
            ok: [[1, 0.3], [0.3, 1]]
            ragged:
              - [1, 0]
              - [0]
            wide: [[1, 2, 3], [4, 5, 6]]
            empty: []
            flat: [1, 2]
            inf: [[1, .inf], [0, 1]]
            """)
        #expect(try r.matrix("ok") == [[1, 0.3], [0.3, 1]])
        #expect(
            failure { try r.matrix("ragged") }
                == "t.yaml:4: ragged[1]: expected a square matrix: this row has 1 numbers but there are 2 rows")
        #expect(
            failure { try r.matrix("wide") }
                == "t.yaml:5: wide[0]: expected a square matrix: this row has 3 numbers but there are 2 rows")
        #expect(
            failure { try r.matrix("empty") }
                == "t.yaml:6: empty: expected a square matrix (a list of rows of numbers), got an empty list")
        #expect(failure { try r.matrix("flat") } == "t.yaml:7: flat[0]: expected a row of numbers, got 1")
        #expect(failure { try r.matrix("inf") } == "t.yaml:8: inf[0][1]: expected a finite number, got .inf")
        #expect(try r.matrix("none", default: [[1]]) == [[1]])
    }

    @Test func listReturnsLocatedElementsForNestedReaders() throws {
        let r = try reader(
            """
            populations:
              - kind: depositor
                count: 3
              - kind: liquidator
                budgett: 5
            """)
        let items = try r.list("populations")
        #expect(items.count == 2)
        #expect(items[1].keyPath == "populations[1]")
        #expect(items[1].line == 4)
        let second = try ConfigReader(items[1])
        #expect(try second.string("kind") == "liquidator")
        #expect(try second.double("budget", default: 0) == 0)
        #expect(
            failure { try second.finish() }
                == "t.yaml:5: populations[1].budgett: unknown key (allowed keys in populations[1]: budget, kind; did you mean budget?)"
        )
        #expect(failure { try r.list("missing") } == "t.yaml:1: missing: missing required key, expected a list")
    }

    @Test func childAndOptionalChild() throws {
        let r = try reader("m: {x: 1}\nn: 3\no:\n")
        let m = try r.child("m")
        #expect(try m.int("x") == 1)
        #expect(failure { try r.child("n") } == "t.yaml:2: n: expected a mapping, got 3")
        #expect(try r.optionalChild("o") == nil)
        #expect(try r.optionalChild("absent") == nil)
        #expect(failure { try r.child("absent") } == "t.yaml:1: absent: missing required key, expected a mapping")
        try r.finish()
    }

    @Test func finishReportsUnknownKeysInChildrenToo() throws {
        let r = try reader("top: 1\nmarket:\n  sigma: 0.2\n  sigmaa: 0.3\n")
        _ = try r.int("top")
        let market = try r.child("market")
        _ = try market.double("sigma")
        // Only the parent's finish is called: children are finished with it.
        #expect(
            failure { try r.finish() }
                == "t.yaml:4: market.sigmaa: unknown key (allowed keys in market: sigma; did you mean sigma?)")
    }

    @Test func finishWithoutCloseMatchListsAllowedKeysOnly() throws {
        let r = try reader("alpha: 1\nzebra: 2\n")
        _ = try r.double("alpha")
        _ = try r.double("beta", default: 0)
        #expect(failure { try r.finish() } == "t.yaml:2: zebra: unknown key (allowed keys: alpha, beta)")
    }

    @Test func hasDoesNotConsumeButNodeDoes() throws {
        let r = try reader("a: 1\nb: 2\n")
        #expect(r.has("a"))
        #expect(!r.has("c"))
        #expect(r.node("b")?.scalarText == "2")
        #expect(r.node("c") == nil)
        // "a" was only tested with has(), so it is still unknown to finish().
        #expect(failure { try r.finish() } == "t.yaml:1: a: unknown key (allowed keys: b, c)")
    }

    @Test func nonMappingRootsAreRejected() throws {
        let empty = try ConfigDocument.parse("# only a comment\n", file: "e.yaml")
        #expect(failure { try ConfigReader(empty.root) } == "e.yaml:1: expected a mapping, got an empty document")
        let scalar = try ConfigDocument.parse("42\n", file: "s.yaml")
        #expect(failure { try ConfigReader(scalar.root) } == "s.yaml:1: expected a mapping, got 42")
    }

    @Test func semanticErrorsUseTheNodeLocation() throws {
        let r = try reader("x: 1\ncorrelation: [[1, 2], [2, 1]]\n")
        let node = try #require(r.node("correlation"))
        #expect(
            ConfigError.semantic(node, "must be positive definite").description
                == "t.yaml:2: correlation: must be positive definite")
        #expect(ConfigError.semantic(r.mappingNode, "x must exceed y").description == "t.yaml:1: x must exceed y")
    }
}
