import Foundation

/// Makes a gnuplot SVG file safe and self-contained for inlining in a report.
///
/// - Drops whatever precedes `<svg` (the XML prolog, a DOCTYPE, comments) and follows `</svg>`.
/// - Refuses markup that could run or fetch anything: first a few patterns on the raw text (scripts,
///   event handlers, entity declarations, …), then ``SVGAllowlist``: the file is parsed as XML and every
///   element and attribute must be one a static chart uses, every link must stay inside the figure. gnuplot's
///   `svg` terminal emits a script only with its `mouse` option, which Ballast's figures do not use.
/// - Prefixes every `id` (and each `#id` reference) with the figure's anchor, so two figures on one
///   page never share an id (gnuplot names its markers and filters alike in every file).
/// - Replaces gnuplot's own `<title>` with a label from the page (`aria-labelledby`).
enum InlineSVG {
    /// Why a file was not inlined.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Patterns that have no place in a static chart, lower-cased.
    static let forbidden: [(pattern: String, what: String)] = [
        (#"<script"#, "a script"), (#"<foreignobject"#, "foreignObject"), (#"<image"#, "an embedded image"),
        (#"<style"#, "a style sheet"), (#"<iframe"#, "an iframe"), (#"<!entity"#, "an entity declaration"),
        (#"<!doctype"#, "a second DOCTYPE"), (#"<\?xml"#, "a second XML prolog"),
        (#"[\s"'/]on[a-z]+\s*="#, "an event handler"), (#"javascript:"#, "a javascript: URL"),
        (#"href\s*=\s*["'][^#"']"#, "a link outside the figure"),
        (#"url\(\s*["']?[^#"'\s]"#, "a url() outside the figure"),
        (#"@import"#, "an @import"),
    ]

    /// The `<svg>` element of `text`, checked and ready to inline; `labelledBy` names the page
    /// elements that describe it.
    static func prepare(_ text: String, anchor: String, labelledBy: String) throws(Refusal) -> String {
        guard let start = text.range(of: "<svg"), let end = text.range(of: "</svg>", options: .backwards),
            start.lowerBound < end.lowerBound
        else {
            throw Refusal(description: "the file holds no <svg> element")
        }
        var svg = String(text[start.lowerBound..<end.upperBound])
        let lower = svg.lowercased()
        for rule in forbidden where lower.range(of: rule.pattern, options: .regularExpression) != nil {
            throw Refusal(description: "the file holds \(rule.what)")
        }
        // Then the allowlist: every element and attribute must be one a static chart uses.
        if let reason = SVGAllowlist.refusal(of: svg) {
            throw Refusal(description: "the file holds \(reason)")
        }
        svg = replace(#"<title>[^<]*</title>"#, in: svg, with: "")
        svg = replace(#"\bid=(["'])([^"']+)\1"#, in: svg, with: "id=$1\(anchor)-$2$1")
        svg = replace(#"href=(["'])#"#, in: svg, with: "href=$1#\(anchor)-")
        svg = replace(#"url\(#"#, in: svg, with: "url(#\(anchor)-")
        // The root element: class for the page's styles and a label from the page.
        svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(labelledBy)\"" + svg.dropFirst("<svg".count)
        return svg
    }

    private static func replace(_ pattern: String, in text: String, with template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
