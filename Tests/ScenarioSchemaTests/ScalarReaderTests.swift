import ScenarioSchema
import Testing

@Suite struct ScalarReaderTests {
    @Test func doubleAcceptsDecimalExponentAndSeparators() throws {
        let r = try reader("a: 0.25\nb: 1e3\nc: 1_000\nd: 10000\ne: -2\nf: +.5\ng: 2.5E-2\n")
        #expect(try r.double("a") == 0.25)
        #expect(try r.double("b") == 1000)
        #expect(try r.double("c") == 1000)
        #expect(try r.double("d") == 10000)
        #expect(try r.double("e") == -2)
        #expect(try r.double("f") == 0.5)
        #expect(try r.double("g") == 0.025)
        try r.finish()
    }

    @Test func doubleRejectsNonFiniteAndExoticSpellings() throws {
        let r = try reader("a: .nan\nb: -.inf\nc: .Inf\nd: 0x10\ne: 1__0\nf: _1\ng: 1e\nh: '1.5'\ni: [1]\nj: {x: 1}\n")
        #expect(failure { try r.double("a") } == "t.yaml:1: a: expected a finite number, got .nan")
        #expect(failure { try r.double("b") } == "t.yaml:2: b: expected a finite number, got -.inf")
        #expect(failure { try r.double("c") } == "t.yaml:3: c: expected a finite number, got .Inf")
        #expect(failure { try r.double("d") } == "t.yaml:4: d: expected a finite number, got \"0x10\"")
        #expect(failure { try r.double("e") } == "t.yaml:5: e: expected a finite number, got \"1__0\"")
        #expect(failure { try r.double("f") } == "t.yaml:6: f: expected a finite number, got \"_1\"")
        #expect(failure { try r.double("g") } == "t.yaml:7: g: expected a finite number, got \"1e\"")
        // A quoted value is a string even when it looks like a number.
        #expect(failure { try r.double("h") } == "t.yaml:8: h: expected a finite number, got \"1.5\"")
        #expect(failure { try r.double("i") } == "t.yaml:9: i: expected a finite number, got a sequence")
        #expect(failure { try r.double("j") } == "t.yaml:10: j: expected a finite number, got a mapping")
    }

    @Test func doubleRangesAreEnforcedAtTheirBoundaries() throws {
        let r = try reader("zero: 0\none: 1\nneg: -0.2\nbig: 1.5\n")
        #expect(try r.double("zero", .nonNegative) == 0)
        #expect(try r.double("zero", .probability) == 0)
        #expect(try r.double("one", .probability) == 1)
        #expect(failure { try r.double("zero", .positive) } == "t.yaml:1: zero: expected a finite number > 0, got 0")
        #expect(
            failure { try r.double("one", .unitOpen) } == "t.yaml:2: one: expected a finite number in (0, 1), got 1")
        #expect(
            failure { try r.double("neg", .nonNegative) } == "t.yaml:3: neg: expected a finite number >= 0, got -0.2")
        #expect(
            failure { try r.double("big", .probability) } == "t.yaml:4: big: expected a probability in [0, 1], got 1.5")
        #expect(
            failure { try r.double("big", .closed(-1, 0.5)) }
                == "t.yaml:4: big: expected a finite number in [-1, 0.5], got 1.5")
        #expect(failure { try r.double("big", .atMost(1)) } == "t.yaml:4: big: expected a finite number <= 1, got 1.5")
        #expect(
            failure { try r.double("big", .integerAtLeast(1)) }
                == "t.yaml:4: big: expected a whole number >= 1, got 1.5")
        #expect(try r.double("big", .greaterThan(1)) == 1.5)
    }

    @Test func missingKeyUsesDefaultOrNamesTheParentLine() throws {
        let r = try reader("# comment\nouter:\n  x: 1\n")
        let outer = try r.child("outer")
        #expect(try outer.double("y", default: 0.5) == 0.5)
        #expect(
            failure { try outer.double("z", .positive) }
                == "t.yaml:2: outer.z: missing required key, expected a finite number > 0")
    }

    @Test func explicitNullIsNotADefault() throws {
        let r = try reader("a:\nb: ~\n")
        #expect(failure { try r.double("a", default: 1) } == "t.yaml:1: a: expected a finite number, got null")
        #expect(failure { try r.string("b", default: "x") } == "t.yaml:2: b: expected a string, got null")
    }

    @Test func intAcceptsWholeNumbersOnly() throws {
        let r = try reader("a: 10000\nb: 1_000\nc: 1e3\nd: 2.5\ne: -3\nf: 2.0\ng: .inf\n")
        #expect(try r.int("a") == 10000)
        #expect(try r.int("b") == 1000)
        #expect(try r.int("c") == 1000)
        #expect(try r.int("f") == 2)
        #expect(failure { try r.int("d") } == "t.yaml:4: d: expected an integer, got 2.5")
        #expect(failure { try r.int("e", .nonNegative) } == "t.yaml:5: e: expected an integer >= 0, got -3")
        #expect(failure { try r.int("e", .integerAtLeast(1)) } == "t.yaml:5: e: expected an integer >= 1, got -3")
        #expect(failure { try r.int("g") } == "t.yaml:7: g: expected an integer, got .inf")
        #expect(try r.int("missing", default: 4) == 4)
    }

    @Test func boolAcceptsOnlyTrueAndFalse() throws {
        let r = try reader("a: true\nb: false\nc: yes\nd: 1\ne: 'true'\n")
        #expect(try r.bool("a") == true)
        #expect(try r.bool("b") == false)
        #expect(failure { try r.bool("c") } == "t.yaml:3: c: expected true or false, got \"yes\"")
        #expect(failure { try r.bool("d") } == "t.yaml:4: d: expected true or false, got 1")
        #expect(failure { try r.bool("e") } == "t.yaml:5: e: expected true or false, got \"true\"")
        #expect(try r.bool("f", default: true) == true)
    }

    @Test func stringTakesAnyScalarAndChecksChoices() throws {
        let r = try reader("a: calm\nb: 2024\nc: 'quoted text'\nd: strees\ne: [x]\n")
        #expect(try r.string("a", oneOf: ["calm", "stress"]) == "calm")
        #expect(try r.string("b") == "2024")
        #expect(try r.string("c") == "quoted text")
        #expect(
            failure { try r.string("d", oneOf: ["calm", "stress"]) }
                == "t.yaml:4: d: expected one of calm, stress, got \"strees\" (did you mean stress?)")
        #expect(failure { try r.string("e") } == "t.yaml:5: e: expected a string, got a sequence")
        #expect(
            failure { try r.string("f", oneOf: ["x", "y"]) }
                == "t.yaml:1: f: missing required key, expected one of x, y")
    }
}
