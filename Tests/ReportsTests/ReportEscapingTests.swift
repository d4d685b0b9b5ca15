import Foundation
import Testing

@testable import Reports

/// Text from files and stores reaches the page only through Mustache's escaping; nothing in it can
/// become an element or an attribute.
@Suite("Report escaping")
struct ReportEscapingTests {
    static let hostile = #"<script>alert(1)</script><img src=x onerror="alert(2)">' & "quoted""#

    @Test func hostileTextInEveryBlockIsShownAsText() throws {
        let table = ReportTable(
            anchor: "t", caption: Self.hostile, headerRows: [[ReportTable.Heading(Self.hostile)]],
            rows: [
                [
                    ReportTable.Cell(
                        Self.hostile, isRowHeader: true, isNumeric: true,
                        source: (Self.hostile, Self.hostile))
                ]
            ])
        let page = ReportPage(
            kind: Self.hostile, title: Self.hostile, question: Self.hostile,
            sections: [
                ReportSection(
                    anchor: "a\"><script>", heading: Self.hostile,
                    blocks: [
                        .paragraph(Self.hostile), .subheading(Self.hostile), .facts([(Self.hostile, Self.hostile)]),
                        .list([Self.hostile], warning: true), .code(Self.hostile), .table(table),
                    ])
            ], footer: Self.hostile)
        let html = try page.html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains(#"onerror=""#))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Quotes are escaped too, so a value cannot leave its attribute.
        #expect(
            html.contains(
                #"data-column="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39; &amp; &quot;quoted&quot;""#
            ))
        // Anchors are chosen by code; anything else is dropped from them.
        #expect(html.contains(#"<section id="ascript""#))
    }

    @Test func aHostileStudyNameInAStoreIsShownAsText() throws {
        let folder = try ReportFixtures.studyFolder(
            name: "<script>alert('name')</script>",
            parameters: [#"shock" onmouseover="alert(3)"#, "fee"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try ReportFile.write(for: folder)
        let html = try String(contentsOf: url, encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains(#"" onmouseover=""#))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("shock&quot; onmouseover=&quot;alert(3)"))
    }
}
