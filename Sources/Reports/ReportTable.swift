/// A table with header cells: one or more header rows (cells may span columns), body rows whose
/// first cells may be row headers, and a caption.
///
/// A numeric cell can carry the exact value it shows (`data-column`, `data-value`), so a reader or a
/// test can match it against the CSV it came from.
public struct ReportTable: Sendable {
    /// A header cell spanning `span` columns.
    public struct Heading: Sendable {
        public var text: String
        public var span: Int
        public init(_ text: String, span: Int = 1) {
            self.text = text
            self.span = max(1, span)
        }
    }

    /// A body cell.
    public struct Cell: Sendable {
        public var text: String
        /// A row header (`<th scope="row">`) rather than data.
        public var isRowHeader: Bool
        /// Right-aligned, tabular figures.
        public var isNumeric: Bool
        /// The source column and its exact text, when the cell shows a number from a file.
        public var source: (column: String, value: String)?

        public init(
            _ text: String, isRowHeader: Bool = false, isNumeric: Bool = false,
            source: (column: String, value: String)? = nil
        ) {
            self.text = text
            self.isRowHeader = isRowHeader
            self.isNumeric = isNumeric
            self.source = source
        }
    }

    /// The table's `id` (chosen by code: letters, digits and '-').
    public var anchor: String
    public var caption: String
    public var headerRows: [[Heading]]
    public var rows: [[Cell]]

    public init(anchor: String, caption: String, headerRows: [[Heading]], rows: [[Cell]]) {
        self.anchor = anchor.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        self.caption = caption
        self.headerRows = headerRows
        self.rows = rows
    }
}
