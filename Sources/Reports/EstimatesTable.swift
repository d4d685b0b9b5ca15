/// The estimates and paired-differences tables of a study report, built from the CSV text the study
/// writes, so every number shown is the number in `estimates.csv` (rounded for display), and each
/// cell names its column and exact value.
enum EstimatesTable {
    /// A shown column: its CSV name, its heading under the group, the group, and how to show it.
    struct Column {
        let csv: String
        let heading: String
        let group: String
        let style: NumberText
    }

    static func columns(confidence: Double) -> [Column] {
        let pct = "\(Int((confidence * 100).rounded()))%"
        return [
            Column(csv: "replicates", heading: "n", group: "Replicates", style: .count),
            Column(csv: "runs", heading: "runs", group: "Replicates", style: .count),
            Column(csv: "p_run", heading: "estimate", group: "P(run)", style: .probability),
            Column(csv: "p_run_wilson_lo", heading: "\(pct) low", group: "P(run)", style: .probability),
            Column(csv: "p_run_wilson_hi", heading: "\(pct) high", group: "P(run)", style: .probability),
            Column(csv: "bad_debt_mean", heading: "mean", group: "Bad debt (USD)", style: .compactUSD),
            Column(csv: "bad_debt_mean_lo", heading: "\(pct) low", group: "Bad debt (USD)", style: .compactUSD),
            Column(csv: "bad_debt_mean_hi", heading: "\(pct) high", group: "Bad debt (USD)", style: .compactUSD),
            Column(csv: "bad_debt_p95", heading: "95th pct", group: "Bad debt (USD)", style: .compactUSD),
            Column(csv: "liquidated_mean", heading: "mean", group: "Liquidations (USD)", style: .compactUSD),
            Column(csv: "liquidated_mean_lo", heading: "\(pct) low", group: "Liquidations (USD)", style: .compactUSD),
            Column(csv: "liquidated_mean_hi", heading: "\(pct) high", group: "Liquidations (USD)", style: .compactUSD),
            Column(csv: "min_amm_price_mean", heading: "mean", group: "Min AMM price", style: .price),
            Column(csv: "run_tick_median", heading: "median", group: "Run tick", style: .tick),
        ]
    }

    /// One row per point: the parameters as row headers, then the shown columns.
    static func estimates(_ csv: CSVTable, parameters: [String], confidence: Double) -> ReportTable {
        let shown = columns(confidence: confidence).filter { csv.column($0.csv) != nil }
        var groups: [ReportTable.Heading] = [ReportTable.Heading("Point", span: parameters.count)]
        for c in shown {
            if let last = groups.last, last.text == c.group, groups.count > 1 {
                groups[groups.count - 1].span += 1
            } else {
                groups.append(ReportTable.Heading(c.group))
            }
        }
        let second =
            parameters.map { ReportTable.Heading(breakable($0)) } + shown.map { ReportTable.Heading($0.heading) }
        let rows = csv.rows.map { row -> [ReportTable.Cell] in
            parameters.map { cell(row, csv, $0, .parameter, header: true) }
                + shown.map { cell(row, csv, $0.csv, $0.style, header: false) }
        }
        let pct = "\(Int((confidence * 100).rounded()))%"
        return ReportTable(
            anchor: "estimates-table",
            caption: "Estimates per point, with \(pct) intervals (Wilson for P(run), percentile bootstrap for means)",
            headerRows: [groups, second], rows: rows)
    }

    /// Each level of the first parameter against its first level, on paired replicates.
    static func differences(_ csv: CSVTable, parameters: [String], confidence: Double) -> ReportTable {
        let pct = "\(Int((confidence * 100).rounded()))%"
        let baseline = parameters.map { "baseline_" + $0 }
        let tail: [(String, String, NumberText)] = [
            ("pairs", "pairs", .count), ("dp_run", "ΔP(run)", .probability), ("dp_run_lo", "\(pct) low", .probability),
            ("dp_run_hi", "\(pct) high", .probability), ("only_baseline_ran", "only baseline ran", .count),
            ("only_treatment_ran", "only treatment ran", .count),
        ]
        let headers = [
            ReportTable.Heading("Baseline", span: parameters.count),
            ReportTable.Heading("Treatment", span: parameters.count),
            ReportTable.Heading("Paired difference", span: tail.count),
        ]
        let second =
            (parameters + parameters).map { ReportTable.Heading(breakable($0)) }
            + tail.map { ReportTable.Heading($0.1) }
        let rows = csv.rows.map { row -> [ReportTable.Cell] in
            baseline.map { cell(row, csv, $0, .parameter, header: true) }
                + parameters.map { cell(row, csv, $0, .parameter, header: true) }
                + tail.map { cell(row, csv, $0.0, $0.2, header: false) }
        }
        return ReportTable(
            anchor: "differences-table",
            caption:
                "Paired differences in P(run) against the first level of \(parameters.first ?? "the first parameter"), "
                + "with \(pct) paired-bootstrap intervals", headerRows: [headers, second], rows: rows)
    }

    /// A key path that may wrap after its dots in a narrow header (a zero-width space after each '.').
    static func breakable(_ key: String) -> String {
        key.replacingOccurrences(of: ".", with: ".\u{200B}")
    }

    private static func cell(_ row: [String], _ csv: CSVTable, _ column: String, _ style: NumberText, header: Bool)
        -> ReportTable.Cell
    {
        guard let i = csv.column(column) else { return ReportTable.Cell("–", isRowHeader: header, isNumeric: true) }
        let raw = row[i]
        let shown = Double(raw).map(style.text) ?? raw
        return ReportTable.Cell(shown, isRowHeader: header, isNumeric: true, source: (column, raw))
    }
}
