import Foundation
import Simulation
import Studies

/// The report of a study folder: question, design, figures, estimates with intervals, paired
/// differences, warnings, manifest and the command that reproduces it.
public enum StudyPage {
    /// Builds the page for the study in `directory`.
    /// - Parameters:
    ///   - directory: the study folder (`results.sqlite`, or at least `estimates.csv`).
    ///   - spec: the study file, for folders without `study.json` (checked against the store's hash).
    ///   - halfWidth: the P(run) half-width above which an interval is reported as wide.
    public static func make(directory: URL, spec: StudySpec? = nil, halfWidth: Double? = nil) throws -> ReportPage {
        let folder = try StudyFolder(directory: directory, spec: spec)
        let warnings = StudyWarnings(folder: folder, halfWidth: halfWidth)
        let confidence = folder.record?.confidence ?? 0.95
        let names = folder.parameterNames
        var sections: [ReportSection] = []

        sections.append(ReportSection(anchor: "summary", heading: "Study", blocks: [.facts(summaryFacts(folder))]))
        var warningBlocks: [ReportBlock] =
            warnings.items.isEmpty
            ? [.paragraph("No warnings.")] : [.list(warnings.items, warning: true)]
        warningBlocks.append(.paragraph("Checked:"))
        warningBlocks.append(.list(warnings.checks, warning: false))
        sections.append(
            ReportSection(anchor: "warnings", heading: "Warnings (\(warnings.items.count))", blocks: warningBlocks))

        let figures = folder.figureFiles.enumerated().map { i, url in
            ReportBlock.figure(figure(url, index: i + 1, folder: folder, confidence: confidence))
        }
        sections.append(
            ReportSection(
                anchor: "figures", heading: "Figures",
                blocks: figures.isEmpty
                    ? [
                        .figure(
                            ReportFigure(
                                svg: directory.appendingPathComponent("figures/run-probability.svg"),
                                anchor: "figure-1",
                                caption: "Figure 1. P(run) against the study's parameters",
                                textAlternative: "No figure."))
                    ]
                    : figures))

        sections.append(
            ReportSection(
                anchor: "estimates", heading: "Estimates",
                blocks: [
                    .paragraph(
                        "One row per point, as in estimates.csv (rounded here; each cell holds the exact value as data-value). "
                            + "P(run) is the share of replicates whose withdrawn fraction reached the run threshold. Bad debt and "
                            + "liquidations are over the scenario's horizon; the 95th percentile is not annualised. "
                            + "A dash means no value (e.g. no replicate ran, so there is no run tick)."),
                    .table(EstimatesTable.estimates(folder.estimates, parameters: names, confidence: confidence)),
                ]))
        if let differences = folder.differences, !differences.rows.isEmpty {
            sections.append(
                ReportSection(
                    anchor: "differences", heading: "Paired differences",
                    blocks: [
                        .paragraph(
                            "Each level of the first parameter against its first level, at equal values of the others, on the same "
                                + "replicates (common random numbers), so the difference is not blurred by sampling noise."
                        ),
                        .table(EstimatesTable.differences(differences, parameters: names, confidence: confidence)),
                    ]))
        }
        if !folder.points.isEmpty {
            sections.append(
                ReportSection(anchor: "points", heading: "Design points", blocks: [.table(pointsTable(folder))]))
        }
        sections.append(ReportSection(anchor: "manifest", heading: "Manifest", blocks: [.facts(manifestFacts(folder))]))
        sections.append(
            ReportSection(
                anchor: "reproduce", heading: "Reproduce",
                blocks: [
                    .paragraph("From the repository root, with the same Ballast version:"),
                    .code(reproduceCommand(folder)),
                ]))
        return ReportPage(
            kind: "Study report", title: folder.studyName,
            question: folder.record.flatMap { $0.description.isEmpty ? nil : $0.description },
            sections: sections, footer: ReportProvenance.footer())
    }

    static func summaryFacts(_ folder: StudyFolder) -> [(term: String, detail: String)] {
        var facts: [(term: String, detail: String)] = [("Study", folder.studyName)]
        if let r = folder.record {
            facts.append(("Scenario", tidy(r.scenarioPath)))
            let counts = r.parameters.map { "\($0.levels.count)" }.joined(separator: " × ")
            facts.append(
                (
                    "Design",
                    r.design == "grid"
                        ? "grid of \(counts) = \(r.points) points"
                        : "\(r.design), \(r.points) points"
                ))
            for p in r.parameters {
                let values =
                    r.design == "grid"
                    ? p.levels.map(NumberText.parameter.text).joined(separator: ", ")
                    : "\(NumberText.parameter.text(p.lower)) to \(NumberText.parameter.text(p.upper))\(p.logScale ? " (log scale)" : "")"
                facts.append(("Parameter", "\(p.key): \(values)"))
            }
            if let a = r.adaptive {
                facts.append(
                    (
                        "Replicates",
                        "\(r.replicates) per point, then batches of \(a.batch) until the P(run) half-width is at most "
                            + "\(NumberText.probability.text(a.targetHalfWidth)), at most \(a.maxReplicates)"
                    ))
            } else {
                facts.append(("Replicates", "\(r.replicates) per point"))
            }
            facts.append(("Confidence", "\(Int((r.confidence * 100).rounded()))%"))
        } else {
            facts.append(("Design", "not recorded (\(folder.recordSource))"))
        }
        facts.append(("Points with results", "\(folder.estimates.rows.count)"))
        if let n = folder.replicatesStored { facts.append(("Replicates stored", "\(n)")) }
        return facts
    }

    static func manifestFacts(_ folder: StudyFolder) -> [(term: String, detail: String)] {
        let notKept = "not recorded (the store, \(ResultStore.fileName), is not in this folder)"
        var facts: [(term: String, detail: String)] = []
        facts.append(("Ballast version", folder.manifest?.ballastVersion ?? notKept))
        facts.append(
            (
                "Study hash",
                folder.manifest?.studyHash ?? folder.record.map { "\($0.hash) (from the study file)" } ?? notKept
            ))
        let hashes = Set(folder.points.map(\.scenarioHash).filter { !$0.isEmpty })
        facts.append(
            (
                "Scenario hashes",
                hashes.isEmpty
                    ? notKept
                    : hashes.count == 1
                        ? (hashes.first ?? "") : "\(hashes.count) distinct, one per point (see Design points)"
            ))
        facts.append(
            (
                "Scenario file",
                (folder.manifest?.scenarioPath ?? folder.record?.scenarioPath).map(tidy)
                    ?? notKept
            ))
        let seed = folder.manifest?.seed ?? folder.record?.seed
        facts.append(("Seed", seed.map { "\($0)" } ?? notKept))
        let overrides = folder.record?.overrides
        facts.append(
            ("Overrides", overrides.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "not recorded"))
        let commit =
            folder.record?.gitCommit
            ?? (folder.hasStoredRecord
                ? "unknown (the study file was not in a git checkout)"
                : "not recorded (no \(StudyRecord.fileName))")
        facts.append(("Git commit (study)", commit))
        facts.append(("Study record", folder.recordSource))
        return facts
    }

    static func reproduceCommand(_ folder: StudyFolder) -> String {
        if let command = folder.manifest?.command, !command.isEmpty { return command }
        if let r = folder.record, r.sourcePath.hasSuffix(".yaml") || r.sourcePath.hasSuffix(".yml") {
            return "ballast sweep \(r.sourcePath) --out \(folder.directory.relativePath)"
        }
        return "not recorded: the store holds the command; this folder has none"
    }

    static func pointsTable(_ folder: StudyFolder) -> ReportTable {
        let names = folder.parameterNames
        let counts = Dictionary(
            folder.estimates.rows.compactMap { row -> ([Double], Int)? in
                let values = names.compactMap { folder.estimates.number(row, $0) }
                return values.count == names.count
                    ? (values, Int(folder.estimates.number(row, "replicates") ?? 0)) : nil
            }, uniquingKeysWith: { a, _ in a })
        let rows = folder.points.map { p -> [ReportTable.Cell] in
            [ReportTable.Cell("\(p.index)", isRowHeader: true, isNumeric: true)]
                + p.values.map { ReportTable.Cell(NumberText.parameter.text($0), isNumeric: true) }
                + [
                    ReportTable.Cell("\(counts[p.values] ?? 0)", isNumeric: true),
                    ReportTable.Cell(p.scenarioHash.isEmpty ? "–" : p.scenarioHash),
                ]
        }
        return ReportTable(
            anchor: "points-table", caption: "The design's points, their stored replicates and scenario hashes",
            headerRows: [(["point"] + names + ["replicates", "scenario hash"]).map { ReportTable.Heading($0) }],
            rows: rows)
    }

    static func figure(_ url: URL, index: Int, folder: StudyFolder, confidence: Double) -> ReportFigure {
        let names = folder.parameterNames
        let csv = folder.estimates
        let p = csv.rows.compactMap { csv.number($0, "p_run") }.filter(\.isFinite)
        let range =
            p.isEmpty
            ? ""
            : " P(run) ranges from \(NumberText.probability.text(p.min() ?? 0)) to \(NumberText.probability.text(p.max() ?? 0)) across the \(p.count) points."
        let pct = "\(Int((confidence * 100).rounded()))%"
        let x = names.last ?? "the parameter"
        if url.lastPathComponent.contains("heatmap") {
            return ReportFigure(
                svg: url, anchor: "figure-\(index)",
                caption: "Figure \(index). P(run) over \(names.joined(separator: " and "))",
                textAlternative: "A heatmap: \(x) along the horizontal axis, \(names.first ?? "") along the vertical; "
                    + "each cell is coloured by the estimated P(run), from dark (0) to bright (1), with its value printed."
                    + range)
        }
        let by = names.count > 1 ? ", one curve per value of \(names.dropLast().joined(separator: ", "))" : ""
        return ReportFigure(
            svg: url, anchor: "figure-\(index)", caption: "Figure \(index). P(run) against \(x)\(by)",
            textAlternative:
                "Estimated probability of a run (vertical axis, 0 to 1) against \(x) (horizontal axis)\(by), "
                + "with shaded \(pct) Wilson intervals." + range)
    }

    /// `a/b/../c` as `a/c` (a study's scenario path is relative to its file's folder); other paths unchanged.
    static func tidy(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "..", let last = parts.last, last != "..", !last.isEmpty {
                parts.removeLast()
            } else if part != "." {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
