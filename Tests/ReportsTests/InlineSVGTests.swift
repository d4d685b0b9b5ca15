import BallastTestSupport
import Foundation
import Testing

@testable import Reports

@Suite("Inline SVG")
struct InlineSVGTests {
    static let gnuplotLike = """
        <?xml version="1.0" encoding="utf-8"  standalone="no"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg width="600" height="400" viewBox="0 0 600 400" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
        <title>Gnuplot</title>
        <defs><circle id='gpDot' r='0.5'/><filter id="textbox"><feFlood/></filter></defs>
        <use xlink:href='#gpDot' x='3'/><g filter="url(#textbox)"><text>P(run)</text></g>
        </svg>
        """

    @Test func prologDoctypeAndTitleGoIdsArePrefixed() throws {
        let svg = try InlineSVG.prepare(Self.gnuplotLike, anchor: "figure-2", labelledBy: "figure-2-caption")
        #expect(svg.hasPrefix(#"<svg class="chart" role="img" aria-labelledby="figure-2-caption" width="600""#))
        #expect(svg.hasSuffix("</svg>"))
        #expect(!svg.contains("<?xml") && !svg.contains("DOCTYPE") && !svg.contains("<title>"))
        #expect(svg.contains("id='figure-2-gpDot'") && svg.contains("xlink:href='#figure-2-gpDot'"))
        #expect(svg.contains(#"id="figure-2-textbox""#) && svg.contains("url(#figure-2-textbox)"))
    }

    @Test(arguments: [
        ("<svg><script>alert(1)</script></svg>", "a script"),
        (#"<svg onload="alert(1)"></svg>"#, "an event handler"),
        (#"<svg><a xlink:href="https://example.org/x">x</a></svg>"#, "a link outside the figure"),
        (#"<svg><image href="data:image/png;base64,AAAA"/></svg>"#, "an embedded image"),
        (#"<svg><rect fill="url(https://example.org/p)"/></svg>"#, "a url() outside the figure"),
        ("<svg><foreignObject><div>x</div></foreignObject></svg>", "foreignObject"),
        ("no svg here", "no <svg> element"),
    ])
    func unsafeOrForeignMarkupIsRefused(_ input: String, _ reason: String) {
        #expect {
            _ = try InlineSVG.prepare(input, anchor: "f", labelledBy: "c")
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    /// Spellings a pattern list misses; the allowlist refuses each (the page's CSP would stop scripts and
    /// fetches, but not a redirect or a link).
    @Test(arguments: [
        #"<svg><rect x="1"onclick="alert(1)"/></svg>"#,
        #"<svg><rect/onclick="alert(1)"/></svg>"#,
        #"<svg><img src="https://example.org/t.png"/></svg>"#,
        #"<svg><embed src="x"/></svg>"#,
        #"<svg><object data="x"></object></svg>"#,
        #"<svg><meta http-equiv="refresh" content="0;url=https://example.org"/></svg>"#,
        #"<svg><use xlink:href=https://example.org/s.svg#a /></svg>"#,
        #"<svg><rect fill="url&#40;https://example.org/p&#41;"/></svg>"#,
        #"<svg><set attributeName="href" to="&#106;avascript:alert(1)"/></svg>"#,
        #"<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>"#,
        ##"<svg><a href="#x"><text>t</text></a></svg>"##,
        #"<svg><rect style="fill:url(https://example.org/p)"/></svg>"#,
        "<svg><text><![CDATA[x]]></text></svg>",
        "<svg><rect></svg>",
    ])
    func spellingsAPatternListMissesAreRefused(_ input: String) {
        #expect(throws: InlineSVG.Refusal.self) {
            _ = try InlineSVG.prepare(input, anchor: "f", labelledBy: "c")
        }
    }

    /// Every figure the shipped experiments hold passes the allowlist: gnuplot's output is what it allows.
    @Test func everyShippedFigurePasses() throws {
        let root = BallastBinary.repositoryRoot.appendingPathComponent("experiments")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "svg" } ?? []
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(throws: Never.self, "\(file.lastPathComponent)") {
                _ = try InlineSVG.prepare(text, anchor: "f", labelledBy: "c")
            }
        }
    }

    @Test func aMissingOrRefusedFigureSaysWhy() throws {
        let folder = ReportFixtures.temporaryFolder("svg")
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = ReportFigure(
            svg: folder.appendingPathComponent("none.svg"), anchor: "f1", caption: "c", textAlternative: "t")
        #expect(!missing.isPresent && missing.absentNote?.contains("none.svg was not found") == true)
        let bad = folder.appendingPathComponent("bad.svg")
        try "<svg><script>x</script></svg>".write(to: bad, atomically: true, encoding: .utf8)
        let refused = ReportFigure(svg: bad, anchor: "f2", caption: "c", textAlternative: "t")
        #expect(!refused.isPresent && refused.absentNote?.contains("refused because the file holds a script") == true)
    }
}
