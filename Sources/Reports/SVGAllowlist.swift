import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The elements and attributes a static gnuplot chart uses, and nothing else.
///
/// ``InlineSVG`` parses a figure as XML and refuses any element or attribute outside these lists, any
/// reference that leaves the figure, and any value that names a scheme (`javascript:`, `data:`, …).
/// An allowlist, not a list of dangers: markup a browser would run, fetch or turn into HTML (event
/// handlers however spelled, `<img>`, `<meta>`, `<embed>`, animation of `href`) is refused because it is
/// not on the list. Character references are decoded by the parser before the checks, so `&#106;avascript:`
/// is seen as `javascript:`.
enum SVGAllowlist {
    static let elements: Set<String> = [
        "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "use", "clipPath", "filter", "feFlood", "feComposite", "feOffset", "feMerge",
        "feMergeNode", "linearGradient", "radialGradient", "stop", "marker", "symbol", "pattern",
    ]

    static let attributes: Set<String> = [
        "xmlns", "xmlns:xlink", "version", "width", "height", "viewBox", "preserveAspectRatio", "id", "class",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "transform", "dx", "dy",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linejoin",
        "stroke-linecap", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity", "color",
        "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
        "alignment-baseline", "shape-rendering", "text-rendering", "clip-path", "clip-rule", "clipPathUnits",
        "filter", "filterUnits", "result", "in", "in2", "operator", "k1", "k2", "k3", "k4", "flood-color",
        "flood-opacity", "offset", "stop-color", "stop-opacity", "gradientUnits", "markerWidth", "markerHeight",
        "refX", "refY", "orient", "patternUnits", "visibility", "display", "xml:space", "href", "xlink:href",
    ]

    static let namespaces: Set<String> = ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]

    /// Why `svg` (one `<svg>` element, as text) may not be inlined, or nil when it may.
    static func refusal(of svg: String) -> String? {
        let parser = XMLParser(data: Data(svg.utf8))
        let checker = Checker()
        parser.delegate = checker
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let reason = checker.reason { return reason }
        return parsed ? nil : "markup that is not well-formed XML"
    }

    /// Why one attribute value may not stay, or nil. Links may only point inside the figure (`#id`),
    /// and no value may name a scheme or a `url()` outside the figure.
    static func refusal(attribute name: String, value: String) -> String? {
        // Namespace names are identifiers, never fetched; only SVG's and XLink's are expected.
        if name == "xmlns" || name == "xmlns:xlink" {
            return namespaces.contains(value) ? nil : "an unexpected namespace (\(value))"
        }
        let compact = value.lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        if name == "href" || name == "xlink:href" {
            return compact.hasPrefix("#") ? nil : "a link outside the figure"
        }
        for scheme in ["javascript:", "vbscript:", "data:", "http:", "https:", "file:", "//"]
        where compact.contains(scheme) {
            return "a \(scheme) reference"
        }
        var rest = Substring(compact)
        while let open = rest.range(of: "url(") {
            rest = rest[open.upperBound...]
            let target = rest.drop { $0 == "'" || $0 == "\"" }
            if !target.hasPrefix("#") { return "a url() outside the figure" }
        }
        return nil
    }

    private final class Checker: NSObject, XMLParserDelegate {
        var reason: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            guard reason == nil else { return }
            guard SVGAllowlist.elements.contains(elementName) else {
                reason = "a <\(elementName)> element"
                parser.abortParsing()
                return
            }
            // Sorted, so the reason names the same attribute on every platform.
            for name in attributes.keys.sorted() {
                guard SVGAllowlist.attributes.contains(name) else {
                    reason = name.lowercased().hasPrefix("on") ? "an event handler (\(name))" : "a \(name) attribute"
                    parser.abortParsing()
                    return
                }
                if let why = SVGAllowlist.refusal(attribute: name, value: attributes[name] ?? "") {
                    reason = why
                    parser.abortParsing()
                    return
                }
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            reason = reason ?? "markup that is not well-formed XML"
        }

        func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
            reason = reason ?? "markup that is not well-formed XML"
        }

        func parser(_ parser: XMLParser, foundCDATA cdataBlock: Data) {
            reason = reason ?? "a CDATA section"
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
            reason = reason ?? "a processing instruction"
            parser.abortParsing()
        }
    }
}
