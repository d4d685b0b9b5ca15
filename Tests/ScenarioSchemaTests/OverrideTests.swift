import ScenarioSchema
import Testing

@Suite struct OverrideTests {
    func good() throws -> ConfigDocument {
        try ConfigDocument.parse(ToyScenario.goodText, file: "good.yaml")
    }

    @Test func overridesReplaceValuesAndAreRevalidated() throws {
        var document = try good()
        try document.applyOverride("market.sigma=0.35")
        try document.applyOverride("depositors.thresholds[1]=0.6")
        try document.applyOverride("ticks=1e3")
        try document.applyOverride("depositors.count = 5")
        let scenario = try ToyScenario.read(document)
        #expect(scenario.sigma == 0.35)
        #expect(scenario.thresholds == [0.1, 0.6, 0.9])
        #expect(scenario.ticks == 1000)
        #expect(scenario.count == 5)
        #expect(
            document.overrides == [
                "market.sigma=0.35", "depositors.thresholds[1]=0.6", "ticks=1e3", "depositors.count = 5",
            ])
    }

    @Test func flowValuesReplaceWholeLists() throws {
        var document = try good()
        try document.applyOverride("depositors.thresholds=[0.2, 0.3]")
        try document.applyOverride("correlation=[[1]]")
        let scenario = try ToyScenario.read(document)
        #expect(scenario.thresholds == [0.2, 0.3])
        #expect(scenario.correlation == [[1]])
    }

    @Test func badOverrideValuesAreReportedAtTheAssignment() throws {
        var document = try good()
        try document.applyOverride("market.sigma=.nan")
        #expect(
            failure { try ToyScenario.read(document) }
                == "--set market.sigma=.nan: market.sigma: expected a finite number, got .nan")
        var other = try good()
        try other.applyOverride("depositors.thresholds=[0.1, 7]")
        #expect(
            failure { try ToyScenario.read(other) }
                == "--set depositors.thresholds=[0.1, 7]: depositors.thresholds[1]: expected a probability in [0, 1], got 7"
        )
        var third = try good()
        try third.applyOverride("market.shock={tick: 1, size: 0.1, sise: 2}")
        #expect(
            failure { try ToyScenario.read(third) }
                == "--set market.shock={tick: 1, size: 0.1, sise: 2}: market.shock.sise: unknown key (allowed keys in market.shock: size, tick; did you mean size?)"
        )
    }

    @Test func unknownPathsAndMalformedAssignmentsAreErrors() throws {
        var document = try good()
        #expect(
            failure { try document.applyOverride("sede=3") }
                == "--set sede=3: sede: unknown key (known keys at the top level: ticks, seed, market, depositors, correlation; did you mean seed?)"
        )
        #expect(
            failure { try document.applyOverride("ticks.x=3") }
                == "--set ticks.x=3: ticks.x: unknown key (ticks is 100, not a mapping)")
        #expect(
            failure { try document.applyOverride("market[0]=3") }
                == "--set market[0]=3: market[0]: no such element (market is a mapping, not a sequence)")
        #expect(failure { try document.applyOverride("market.sigma") } == "--set market.sigma: expected key.path=value")
        #expect(
            failure { try document.applyOverride("=3") }
                == "--set =3: malformed key path (expected names separated by '.', with optional [index])")
        #expect(
            failure { try document.applyOverride("market..sigma=3") }
                == "--set market..sigma=3: market..sigma: malformed key path (expected names separated by '.', with optional [index])"
        )
        #expect(
            failure { try document.applyOverride("depositors.thresholds[x]=3") }?.hasSuffix(
                "malformed key path (expected names separated by '.', with optional [index])") == true)
    }

    @Test func failedLoadOrOverrideLeavesTheDocumentUnchanged() throws {
        var document = try good()
        try document.applyOverride("market.sigma=0.3")
        let before = document
        let hash = document.contentHash
        // Fails deep in the walk, after the "market" step succeeded.
        #expect(failure { try document.applyOverride("market.shock.tik=3") } != nil)
        #expect(failure { try document.applyOverride("depositors.thresholds[9]=0.1") } != nil)
        #expect(failure { try document.applyOverride("depositors.attention=[1,") } != nil)
        #expect(document == before)
        #expect(document.contentHash == hash)
        #expect(document.overrides == ["market.sigma=0.3"])
        // A failed reload does not replace what the caller holds either.
        #expect(failure { document = try ConfigDocument.parse("a: [", file: "bad.yaml") } != nil)
        #expect(failure { document = try ConfigDocument.load(path: "/nonexistent/x.yaml") } != nil)
        #expect(document == before)
        #expect(try ToyScenario.read(document).sigma == 0.3)
    }

    @Test func overridesChangeTheHash() throws {
        var document = try good()
        let original = document.contentHash
        try document.applyOverride("seed=8")
        #expect(document.contentHash != original)
        try document.applyOverride("seed=7")
        #expect(document.contentHash == original)
    }
}
