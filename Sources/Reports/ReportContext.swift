/// The values the templates read (through Mustache's reflection): plain strings, optionals and
/// arrays built from a ``ReportPage``. Every string here is escaped by Mustache when rendered,
/// except `FigureContext.svg`, which ``InlineSVG`` has checked.
struct PageContext {
    let kind: String
    let title: String
    let question: String?
    let sections: [SectionContext]
    let footer: String
    let style: String

    init(_ page: ReportPage) {
        kind = page.kind
        title = page.title
        question = page.question.flatMap { $0.isEmpty ? nil : $0 }
        sections = page.sections.map(SectionContext.init)
        footer = page.footer
        style = ReportTemplates.style
    }
}

struct SectionContext {
    let anchor: String
    let heading: String
    let blocks: [BlockContext]

    init(_ s: ReportSection) {
        anchor = s.anchor
        heading = s.heading
        blocks = s.blocks.map(BlockContext.init)
    }
}

/// Exactly one field is set.
struct BlockContext {
    var paragraph: String?
    var subheading: String?
    var facts: FactList?
    var list: ListContext?
    var code: String?
    var table: TableContext?
    var figure: FigureContext?

    init(_ block: ReportBlock) {
        switch block {
        case let .paragraph(text): paragraph = text
        case let .subheading(text): subheading = text
        case let .facts(pairs): facts = FactList(items: pairs.map { FactContext(term: $0.term, detail: $0.detail) })
        case let .list(items, warning): list = ListContext(items: items, warning: warning)
        case let .code(text): code = text
        case let .table(t): table = TableContext(t)
        case let .figure(f): figure = FigureContext(f)
        }
    }
}

struct FactList {
    let items: [FactContext]
}

struct FactContext {
    let term: String
    let detail: String
}

struct ListContext {
    let items: [String]
    let warning: Bool
}

struct TableContext {
    struct HeadingContext {
        let text: String
        let span: String?
    }
    struct HeaderRow { let cells: [HeadingContext] }
    struct CellContext {
        let text: String
        let rowHeader: Bool
        let numeric: Bool
        let column: String?
        let value: String?
    }
    struct Row { let cells: [CellContext] }

    let anchor: String
    let caption: String
    let headerRows: [HeaderRow]
    let rows: [Row]

    init(_ t: ReportTable) {
        anchor = t.anchor
        caption = t.caption
        headerRows = t.headerRows.map {
            HeaderRow(cells: $0.map { HeadingContext(text: $0.text, span: $0.span > 1 ? "\($0.span)" : nil) })
        }
        rows = t.rows.map {
            Row(
                cells: $0.map {
                    CellContext(
                        text: $0.text, rowHeader: $0.isRowHeader, numeric: $0.isNumeric,
                        column: $0.source?.column, value: $0.source?.value)
                })
        }
    }
}

struct FigureContext {
    let anchor: String
    let caption: String
    let textAlternative: String
    let svg: String?
    let absentNote: String?

    init(_ f: ReportFigure) {
        anchor = f.anchor
        caption = f.caption
        textAlternative = f.textAlternative
        svg = f.markup
        absentNote = f.absentNote
    }
}
