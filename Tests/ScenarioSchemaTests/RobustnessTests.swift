import ScenarioSchema
import Testing

/// Odd inputs must produce a document or a ConfigError, never a trap.
@Suite struct RobustnessTests {
    static let oddInputs: [String] = [
        "? [a, b]\n: 1\n",  // complex key
        ": 1\n",  // empty key
        "a: !!int '3'\n",  // tagged quoted scalar
        "a: &x [1, *x]\n",  // alias to an anchor still being defined
        "<<: 3\n",  // merge key with a scalar
        "<<: [1, 2]\n",  // merge key with a list of scalars
        "a: |\n  text\n",  // block scalar
        "\u{FEFF}a: 1\n",  // byte-order mark
        "a: 1\n\t- b\n",  // tab indentation
        "%YAML 1.1\n---\na: 1\n",  // directive
        "---\n...\n",  // empty explicit document
        "a: \"\\x\"\n",  // bad escape
        String(repeating: "[", count: 5_000),  // deep flow nesting, unterminated
        String(repeating: "- ", count: 2_000) + "x\n",  // deep block nesting
    ]

    @Test(arguments: oddInputs)
    func oddInputIsHandled(_ text: String) {
        do {
            let document = try ConfigDocument.parse(text, file: "odd.yaml")
            _ = document.contentHash
            if let reader = try? ConfigReader(document.root) { _ = try? reader.finish() }
        } catch {
            #expect(error.file == "odd.yaml")
        }
    }

    @Test func aliasBombIsRefused() {
        // Each level repeats the previous one 10 times: 10^7 leaves at level g, above the 10^6 budget.
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(
            failure { try ConfigDocument.parse(yaml, file: "bomb.yaml") }?
                .contains("document too large: more than 1000000 values after expanding aliases") == true)
    }

    @Test func duplicateKeyAfterALoneCarriageReturnIsReported() {
        // libyaml counts the lone "\r" as a line break; the scratch re-parse that finds the second copy
        // splits on "\n" only, so its marker missed the key. It used to re-parse the marked text, find
        // the same duplicate and mark it again, without end (a hang, then a stack overflow; found by the
        // fuzzer, Fuzz/Regressions/scenario/duplicate-key-after-cr-recursion.yaml).
        #expect(
            failure { try ConfigDocument.parse("\r {a: 1, a: 2}\nxyz\n", file: "cr.yaml") }
                == "cr.yaml:2: a: duplicate key in one mapping")
        #expect(
            failure { try ConfigDocument.parse("\r {dep 0.e: , dep 0.e}\nte", file: "fuzz.yaml") }
                == "fuzz.yaml:2: dep 0.e: duplicate key in one mapping")
    }

    @Test func complexKeysAndBadMergesAreLocatedErrors() {
        #expect(
            failure { try ConfigDocument.parse("x: 1\n? [a, b]\n: 1\n", file: "k.yaml") }
                == "k.yaml:2: expected a plain key name, got a complex key")
        #expect(
            failure { try ConfigDocument.parse("m:\n  <<: 3\n", file: "k.yaml") }
                == "k.yaml:2: m: a merge key (<<) needs a mapping or a list of mappings")
    }
}
