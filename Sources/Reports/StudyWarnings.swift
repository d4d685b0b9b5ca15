import Studies

/// What a risk committee should know before trusting a study's numbers: points that hit the
/// adaptive cap, intervals wider than the stated width, and replicates or points that are missing
/// (a replicate that fails stops the study, so a missing replicate failed or was interrupted).
struct StudyWarnings {
    /// The Wilson half-width of P(run) above which an interval is called wide.
    let statedHalfWidth: Double
    /// Where that width comes from, in words.
    let widthSource: String
    let items: [String]
    /// What was checked, in words (shown when there is nothing to warn about, and always below the list).
    let checks: [String]

    /// The most points named in one warning; the rest are counted.
    static let listed = 8

    init(folder: StudyFolder, halfWidth given: Double?) {
        let record = folder.record
        if let given {
            statedHalfWidth = given
            widthSource = "given to the report (--max-half-width)"
        } else if let target = record?.adaptive?.targetHalfWidth {
            statedHalfWidth = target
            widthSource = "the study's adaptive target (adaptive.target_half_width)"
        } else {
            statedHalfWidth = 0.05
            widthSource = "the report's default; set adaptive.target_half_width in the study or pass --max-half-width"
        }
        let csv = folder.estimates
        let names = folder.parameterNames
        // Points are named by their values, e.g. "(0.1, 0.35)", after one legend naming the parameters.
        func label(_ row: [String]) -> String {
            "(" + names.map { n in csv.number(row, n).map(NumberText.parameter.text) ?? "?" }.joined(separator: ", ")
                + ")"
        }
        let legend = "(" + names.joined(separator: ", ") + ")"
        func summary(_ rows: [[String]], _ detail: ([String]) -> String) -> String {
            let shown = rows.prefix(Self.listed).map { "\(label($0)) \(detail($0))" }.joined(separator: "; ")
            return "at \(legend) = " + shown
                + (rows.count > Self.listed ? "; and \(rows.count - Self.listed) more" : "")
        }
        func halfWidth(_ row: [String]) -> Double {
            guard let lo = csv.number(row, "p_run_wilson_lo"), let hi = csv.number(row, "p_run_wilson_hi") else {
                return .nan
            }
            return (hi - lo) / 2
        }
        func n(_ row: [String]) -> Int { Int(csv.number(row, "replicates") ?? 0) }
        var items: [String] = []
        var checks: [String] = []

        if let adaptive = record?.adaptive {
            let capped = csv.rows.filter { n($0) >= adaptive.maxReplicates && halfWidth($0) > adaptive.targetHalfWidth }
            if !capped.isEmpty {
                items.append(
                    "\(capped.count) point(s) reached the adaptive cap of \(adaptive.maxReplicates) replicates with the "
                        + "P(run) half-width still above the target \(NumberText.probability.text(adaptive.targetHalfWidth)), "
                        + summary(capped) { "±\(NumberText.probability.text(halfWidth($0)))" })
            }
            checks.append(
                "adaptive cap: points at \(adaptive.maxReplicates) replicates whose half-width is still above "
                    + NumberText.probability.text(adaptive.targetHalfWidth))
        } else {
            checks.append(
                "adaptive cap: not applicable (the study has a fixed number of replicates"
                    + (record == nil ? ", or its record is absent)" : ")"))
        }

        let stated = statedHalfWidth
        let wide = csv.rows.filter { halfWidth($0) > stated }
        if !wide.isEmpty {
            items.append(
                "\(wide.count) of \(csv.rows.count) point(s) have a P(run) interval wider than ±"
                    + "\(NumberText.probability.text(stated)), "
                    + summary(wide) { "±\(NumberText.probability.text(halfWidth($0)))" })
        }
        checks.append(
            "interval width: Wilson half-width of P(run) above ±\(NumberText.probability.text(stated)) (\(widthSource))"
        )

        if let record {
            let short = csv.rows.filter { n($0) < record.replicates }
            if !short.isEmpty {
                items.append(
                    "\(short.count) point(s) have fewer replicates than the \(record.replicates) planned "
                        + "(a replicate that fails stops the study, so these failed or were interrupted; finish with --resume), "
                        + summary(short) { "\(n($0)) stored" })
            }
            if csv.rows.count < record.points {
                items.append(
                    "\(record.points - csv.rows.count) of the design's \(record.points) points have no replicates at all"
                )
            }
            checks.append(
                "missing replicates: points with fewer than \(record.replicates) replicates, and points with none")
        } else {
            checks.append(
                "missing replicates: not checked (the planned replicates are unknown without the study record)")
        }
        if let manifest = folder.manifest {
            let versions = Set([manifest.ballastVersion])
            checks.append(
                "provenance: every point was stored by Ballast \(versions.sorted().joined(separator: ", ")) "
                    + "with seed \(manifest.seed) (a resume with another version, seed or scenario is refused)")
        }
        self.items = items
        self.checks = checks
    }
}
