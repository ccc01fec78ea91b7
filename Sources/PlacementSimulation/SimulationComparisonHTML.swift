import Foundation

/// The comparison as one self-contained page (no network): the KPI table
/// with the paired differences in words, and per simulation the weekly
/// waiting list and mean wait as bands: the median and the middle 90% of
/// the replications.
public struct SimulationComparisonHTML: Sendable {
    public let comparison: SimulationComparison

    public init(_ comparison: SimulationComparison) { self.comparison = comparison }

    static let colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    public var document: String {
        let names = comparison.summaries.map { Self.escape($0.simulation.name) }
        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Simulations compared</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse}
            td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right}th:first-child,td:first-child{text-align:left}
            .higher{color:#b00}.lower{color:#060}.legend span{display:inline-block;margin-right:1.5em}svg{margin:0.5em 0}</style></head><body>
            <h1>Simulations compared</h1>
            <p>Baseline: <b>\(names.first ?? "-")</b>. Means over the replications with 95% intervals. A difference is
            paired: replication r of every simulation sees the same children arrive on the same days, so the interval
            of a difference is narrower than the two intervals suggest. "No clear difference" means its interval includes 0.</p>
            <table><tr><th>KPI</th>
            """
        html += names.map { "<th>\($0)</th>" }.joined() + names.dropFirst().map { "<th>\($0) − baseline</th>" }.joined() + "</tr>\n"
        for row in comparison.rows {
            html += "<tr><td>\(Self.escape(row.kpi))</td>" + row.estimates.map { "<td>\(Self.escape(SimulationComparison.cell($0)))</td>" }.joined()
            html += row.differences.map { d in
                let words = SimulationComparison.words(d)
                let cls = words.contains("higher") ? "higher" : words.contains("lower") ? "lower" : ""
                return "<td class=\"\(cls)\">\(Self.escape(words))</td>"
            }.joined() + "</tr>\n"
        }
        html += "</table>\n<p class=\"legend\">" + names.enumerated().map { k, n in
            "<span style=\"color:\(Self.colours[k % Self.colours.count])\">■ \(n)</span>"
        }.joined() + "</p>\n"
        html += chart("Children waiting at the end of each week", unit: "children") { Double($0.waiting) }
        html += chart("Mean wait of the children who started that week", unit: "days") { $0.waitDaysMean }
        return html + "</body></html>\n"
    }

    /// One chart: per simulation a band (5th to 95th percentile over the
    /// replications) and the median line, week by week.
    func chart(_ title: String, unit: String, _ value: (WeekRow) -> Double?) -> String {
        let bands = comparison.summaries.map { Self.band($0, value) }
        let weeks = bands.map(\.count).max() ?? 0
        let top = max(1, bands.flatMap { $0.compactMap { $0?.high } }.max() ?? 1)
        let (w, h, left, bottom) = (900.0, 240.0, 50.0, 24.0)
        func x(_ week: Int) -> Double { left + (w - left - 10) * Double(week) / Double(max(1, weeks - 1)) }
        func y(_ v: Double) -> Double { (h - bottom) * (1 - v / top) + 4 }
        var svg = "<h2>\(Self.escape(title))</h2>\n<svg width=\"\(Int(w))\" height=\"\(Int(h))\" role=\"img\" aria-label=\"\(Self.escape(title))\">"
        svg += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(w - 10)\" y2=\"\(y(0))\" stroke=\"#999\"/>"
        svg += "<text x=\"4\" y=\"\(y(top) + 10)\" font-size=\"11\">\(String(format: "%.0f", top)) \(unit)</text><text x=\"4\" y=\"\(y(0))\" font-size=\"11\">0</text>"
        svg += "<text x=\"\(left)\" y=\"\(h - 4)\" font-size=\"11\">week 1</text><text x=\"\(w - 60)\" y=\"\(h - 4)\" font-size=\"11\">week \(weeks)</text>"
        for (k, band) in bands.enumerated() {
            let colour = Self.colours[k % Self.colours.count]
            let points = band.enumerated().compactMap { week, b in b.map { (week, $0) } }
            guard !points.isEmpty else { continue }
            let upper = points.map { "\(Self.f(x($0.0))),\(Self.f(y($0.1.high)))" }
            let lower = points.reversed().map { "\(Self.f(x($0.0))),\(Self.f(y($0.1.low)))" }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.15\"/>"
            svg += "<polyline points=\"\(points.map { "\(Self.f(x($0.0))),\(Self.f(y($0.1.median)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        }
        return svg + "</svg>\n"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Per week: the 5th percentile, median and 95th percentile over the
    /// replications that have a value (nearest rank), nil when none has.
    static func band(_ s: SimulationSummary, _ value: (WeekRow) -> Double?) -> [(low: Double, median: Double, high: Double)?] {
        let weeks = s.results.map(\.weeks.count).max() ?? 0
        return (0..<weeks).map { w in
            let values = s.results.compactMap { $0.weeks.indices.contains(w) ? value($0.weeks[w]) : nil }.sorted()
            guard !values.isEmpty else { return nil }
            func rank(_ p: Double) -> Double { values[max(0, min(values.count - 1, Int((p * Double(values.count)).rounded(.up)) - 1))] }
            return (rank(0.05), rank(0.5), rank(0.95))
        }
    }
}
