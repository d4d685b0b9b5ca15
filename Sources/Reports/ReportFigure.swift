import Foundation

/// A figure of a report: the inlined SVG (or a note saying why it is absent), a caption and a
/// text alternative that says in words what the figure shows.
public struct ReportFigure: Sendable {
    /// The figure's `id` (chosen by code).
    public var anchor: String
    public var caption: String
    /// What the figure shows, for readers who cannot see it.
    public var textAlternative: String
    /// Checked SVG markup; nil when the figure is absent.
    var markup: String?
    /// Why the figure is absent, when it is.
    public var absentNote: String?

    /// Reads and checks `svg`; a missing or refused file gives a figure that says why it is absent.
    public init(svg: URL, anchor: String, caption: String, textAlternative: String) {
        self.anchor = anchor.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        self.caption = caption
        self.textAlternative = textAlternative
        guard let data = FileManager.default.contents(atPath: svg.path) else {
            absentNote =
                "Figure absent: \(svg.lastPathComponent) was not found (gnuplot may be missing; "
                + "install gnuplot-nox and run 'ballast plot' on this folder, then 'ballast report')."
            return
        }
        do {
            markup = try InlineSVG.prepare(
                String(decoding: data, as: UTF8.self), anchor: self.anchor,
                labelledBy: "\(self.anchor)-caption \(self.anchor)-alt")
        } catch {
            absentNote = "Figure not shown: \(svg.lastPathComponent) was refused because \(error.description)."
        }
    }

    /// Whether the figure's SVG is on the page.
    public var isPresent: Bool { markup != nil }
}
