import Foundation
import ScenarioSchema
import Testing

@Suite struct DocumentTests {
    @Test func nodesCarryFileLineColumnAndKeyPath() throws {
        let document = try ConfigDocument.parse("a: 1\nb:\n  c: [x, 'y']\n", file: "f.yaml")
        guard case let .mapping(top) = document.root.value else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(top.map(\.key) == ["a", "b"])
        let b = top[1].node
        #expect(b.line == 2 && b.column == 1 && b.keyPath == "b" && b.file == "f.yaml")
        guard case let .mapping(inner) = b.value, case let .sequence(items) = inner[0].node.value else {
            Issue.record("b.c is not a sequence")
            return
        }
        #expect(inner[0].node.keyPath == "b.c")
        #expect(inner[0].node.column == 3)
        #expect(items.map(\.keyPath) == ["b.c[0]", "b.c[1]"])
        #expect(items[0].isQuoted == false && items[1].isQuoted == true)
    }

    @Test func anchorsAliasesAndMergeKeysWork() throws {
        let yaml = """
            calm: &calm {sigma: 0.2, p0: 1.0}
            market: *calm
            stressed:
              <<: *calm
              sigma: 0.8
            """
        let r = try reader(yaml)
        let calm = try r.child("calm")
        #expect(try calm.double("sigma") == 0.2)
        _ = try calm.double("p0")
        let market = try r.child("market")
        #expect(try market.double("p0") == 1)
        // An alias is re-pathed under its new key, so errors name the key the reader asked for.
        #expect(
            failure { try market.double("sigma", .atLeast(0.5)) }
                == "t.yaml:1: market.sigma: expected a finite number >= 0.5, got 0.2")
        let stressed = try r.child("stressed")
        #expect(try stressed.double("sigma") == 0.8)
        #expect(try stressed.double("p0") == 1)
        try r.finish()
    }

    @Test func duplicateKeysAreRejectedWithBothLines() {
        #expect(
            failure { try ConfigDocument.parse("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n", file: "d.yaml") }
                == "d.yaml:5: b.x: duplicate key in one mapping (first written at line 3)")
        #expect(
            failure { try ConfigDocument.parse("a: 1\na: 2\n", file: "d.yaml") }
                == "d.yaml:2: a: duplicate key in one mapping (first written at line 1)")
    }

    @Test func yamlSyntaxErrorsNameTheLine() {
        #expect(
            failure { try ConfigDocument.parse("a: 1\nb: [1, 2\n", file: "s.yaml") }?.hasPrefix(
                "s.yaml:3: invalid YAML:") == true)
        #expect(
            failure { try ConfigDocument.parse("a: *nowhere\n", file: "s.yaml") }?.hasPrefix(
                "s.yaml:1: invalid YAML: found undefined alias") == true)
        #expect(
            failure { try ConfigDocument.parse("a: 1\n---\nb: 2\n", file: "s.yaml") }?.hasPrefix(
                "s.yaml:2: invalid YAML:") == true)
    }

    @Test func loadReportsMissingAndUnreadableFiles() throws {
        #expect(
            failure { try ConfigDocument.load(path: "/nonexistent/nope.yaml") }
                == "/nonexistent/nope.yaml: file not found")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-schema-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("latin1.yaml")
        try Data([0x61, 0x3A, 0x20, 0xE9, 0x0A]).write(to: binary)
        #expect(failure { try ConfigDocument.load(path: binary.path) } == "\(binary.path): the file is not UTF-8 text")
        let good = folder.appendingPathComponent("good.yaml")
        try ToyScenario.goodText.write(to: good, atomically: true, encoding: .utf8)
        let scenario = try ToyScenario.read(ConfigDocument.load(path: good.path))
        // Worked values straight from goodText.
        #expect(
            scenario
                == ToyScenario(
                    ticks: 100, seed: 7, mode: "calm", verbose: false, sigma: 0.2, p0: 1,
                    shock: .init(tick: 50, size: -0.3), count: 1000, attention: 0.25,
                    noise: 0, thresholds: [0.1, 0.5, 0.9], correlation: [[1, 0.3], [0.3, 1]]))
    }

    @Test func contentHashIgnoresLayoutButNotContent() throws {
        let a = try ConfigDocument.parse("a: 1\nb: [x, y]\n", file: "a.yaml")
        let b = try ConfigDocument.parse("# note\na:   1   # one\nb:\n  - x\n  - y\n", file: "b.yaml")
        let c = try ConfigDocument.parse("a: 2\nb: [x, y]\n", file: "a.yaml")
        let quoted = try ConfigDocument.parse("a: '1'\nb: [x, y]\n", file: "a.yaml")
        #expect(a.canonicalText == "{a: 1, b: [x, y]}")
        #expect(a.contentHash == b.contentHash)
        #expect(a.contentHash != c.contentHash)
        #expect(a.contentHash != quoted.contentHash)
        #expect(a.contentHash.count == 16)
        // Published FNV-1a 64 test vectors: "a" -> af63dc4c8601ec8c, "foobar" -> 85944171f73967e8.
        #expect(try ConfigDocument.parse("a", file: "v.yaml").contentHash == "af63dc4c8601ec8c")
        #expect(try ConfigDocument.parse("foobar", file: "v.yaml").contentHash == "85944171f73967e8")
        #expect(try ConfigDocument.parse("", file: "e.yaml").canonicalText == "null")
    }
}
