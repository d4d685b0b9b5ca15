import Foundation
import Mustache

/// One self-contained HTML report: a title, an optional question, and sections in order.
///
/// Every kind of report (a run, a study, and later a stress matrix) is a `ReportPage` with its own
/// sections, rendered by the same templates: text goes through Mustache's HTML escaping, and only
/// figures whose SVG has been checked are inserted as markup. The page fetches nothing: styles are
/// inline and a Content-Security-Policy forbids scripts and network access.
public struct ReportPage: Sendable {
    /// What the page reports on, e.g. "Study report" or "Run report".
    public var kind: String
    /// The page's `<h1>` and `<title>`.
    public var title: String
    /// The question the report answers (a study's `description`), shown under the title.
    public var question: String?
    public var sections: [ReportSection]
    /// A line at the foot of the page, e.g. which Ballast wrote it.
    public var footer: String

    public init(kind: String, title: String, question: String? = nil, sections: [ReportSection], footer: String) {
        self.kind = kind
        self.title = title
        self.question = question
        self.sections = sections
        self.footer = footer
    }

    /// The page as one HTML document.
    public func html() throws -> String {
        let template = try MustacheTemplate(string: ReportTemplates.page)
        return template.render(PageContext(self))
    }
}

/// A titled part of a report, with an anchor for the table of contents.
public struct ReportSection: Sendable {
    /// The anchor (`id`); letters, digits and '-' only, chosen by the code, never by input.
    public var anchor: String
    public var heading: String
    public var blocks: [ReportBlock]

    public init(anchor: String, heading: String, blocks: [ReportBlock]) {
        self.anchor = anchor.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        self.heading = heading
        self.blocks = blocks
    }
}

/// One piece of a section's content.
public enum ReportBlock: Sendable {
    /// A paragraph of text.
    case paragraph(String)
    /// A sub-heading (`<h3>`).
    case subheading(String)
    /// Terms and their values (`<dl>`), e.g. a manifest.
    case facts([(term: String, detail: String)])
    /// A bulleted list; `warning` styles it as warnings.
    case list([String], warning: Bool)
    /// A command or other literal text, shown in a monospace block.
    case code(String)
    case table(ReportTable)
    case figure(ReportFigure)
}
