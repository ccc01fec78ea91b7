import DutchLandscape
import Foundation
import Placement
import PlacementIO
import PlacementModel

/// The comparison as one self-contained HTML page (no network access
/// needed): the KPI table with differences, a bar chart per headline KPI,
/// distance and wait distributions, and per scenario a map of the
/// Netherlands with its youth-care regions shaded by the share of their
/// children left unplaced, facilities and teams drawn where they are.
/// Every chart is inline SVG made here.
public struct ComparisonHTML {
    let comparison: ScenarioComparison

    public init(_ comparison: ScenarioComparison) { self.comparison = comparison }

    static let palette = ["#1b6ca8", "#e07a1f", "#3a9d5d", "#b8432f", "#7b5ea7", "#8c6d3f", "#c25b9e", "#5f6b73"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func n(_ x: Double) -> String { String(format: "%.1f", locale: nil, x) }

    public var document: String {
        let c = comparison
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>careplace: scenario comparison</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
            table { border-collapse: collapse; margin: 8px 0 24px; font-size: 13px; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .better { color: #2a7a3b; } .worse { color: #b0302a; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            figure { margin: 0; } figcaption { font-size: 13px; font-weight: 600; }
            svg text { font-family: system-ui, sans-serif; }
            </style>
            </head>
            <body>

            """
        out += "<h1>Scenario comparison</h1>\n<p>Baseline: <b>\(Self.escape(c.outcomes.first?.name ?? ""))</b>. Differences to the baseline in brackets (shares in percentage points).</p>\n<ul>\n"
        for (k, o) in c.outcomes.enumerated() {
            out += "<li><span style=\"color:\(Self.palette[k % Self.palette.count])\">■</span> <b>\(Self.escape(o.name))</b>: \(Self.escape(o.description ?? "")) (\(o.plan.status.rawValue))\(o.exceptions.map { "; " + Self.escape($0) } ?? "")</li>\n"
        }
        out += "</ul>\n<h2>KPIs</h2>\n" + kpiTable()
        out += "<h2>Headline KPIs</h2>\n<div class=\"charts\">\n"
        for key in ["placed", "unplaced", "unplaced.crisis", "distanceKm.mean", "distanceKm.p90", "waitDays.mean", "waitDays.p90", "shareHomeBased", "shareOutsideNetwork"] {
            if let m = c.metrics.first(where: { $0.key == key }) { out += barChart(m) }
        }
        out += "</div>\n<h2>Distributions of the placed children</h2>\n<div class=\"charts\">\n"
        out += histogram("distance from home (km)", edges: [0, 10, 20, 30, 50, 75, 100, 150]) { $0.distanceKm }
        out += histogram("wait (days)", edges: [0, 7, 14, 28, 42, 56, 84, 120]) { Double($0.waitDays) }
        out += "</div>\n<h2>Maps</h2>\n<p>Regions shaded by the share of their waiting children left unplaced; circles are facilities (area by places), triangles outreach teams; the number is the region's unplaced children.</p>\n<div class=\"charts\">\n"
        for k in c.outcomes.indices { out += map(k) }
        out += "</div>\n"
        for (title, areas) in [("network", c.networks), ("region", c.regions)] {
            out += "<h2>Per \(title) (children by home \(title))</h2>\n"
            out += "<table>\n<tr><th>\(title)</th><th>scenario</th>" + ScenarioComparison.breakdownColumns.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
            for a in areas {
                for (k, o) in c.outcomes.enumerated() {
                    out += "<tr><td>\(k == 0 ? Self.escape(a.name) : "")</td><td>\(Self.escape(o.name))</td>"
                        + ScenarioComparison.breakdownCells(a.scenarios[k]).map { "<td>\($0)</td>" }.joined() + "</tr>\n"
                }
            }
            out += "</table>\n"
        }
        out += "<p style=\"font-size:12px;color:#666\">Made by careplace. Region boundaries: CBS/PDOK jeugdregio's 2025 (CC-BY 4.0).</p>\n</body>\n</html>\n"
        return out
    }

    /// Lower is better for these; higher for the others shown in colour.
    static let lowerIsBetter: Set<String> = ["objective", "unplaced", "unplaced.crisis", "unplaced.high", "unplaced.normal",
        "distanceKm.mean", "distanceKm.p50", "distanceKm.p90", "distanceKm.max", "waitDays.mean", "waitDays.p50", "waitDays.p90",
        "waitDays.max", "shareOutsideNetwork"]
    static let higherIsBetter: Set<String> = ["placed", "shareHomeBased"]

    func kpiTable() -> String {
        let c = comparison
        var out = "<table>\n<tr><th>KPI</th>" + c.outcomes.map { "<th>\(Self.escape($0.name))</th>" }.joined() + "</tr>\n"
        for m in c.metrics {
            out += "<tr><td>\(Self.escape(m.label))</td>"
            for k in c.outcomes.indices {
                var cls = ""
                if k > 0 && abs(m.deltas[k]) > 1e-9 {
                    if Self.lowerIsBetter.contains(m.key) { cls = m.deltas[k] < 0 ? "better" : "worse" }
                    if Self.higherIsBetter.contains(m.key) { cls = m.deltas[k] > 0 ? "better" : "worse" }
                }
                out += "<td class=\"\(cls)\">\(Self.escape(c.cell(m, k)))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    func barChart(_ m: ScenarioComparison.Metric) -> String {
        let width = 300.0, rowHeight = 22.0, labelWidth = 110.0
        let height = rowHeight * Double(m.values.count) + 8
        let top = max(m.values.max() ?? 0, 1e-9)
        var svg = "<figure><figcaption>\(Self.escape(m.label))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        for (k, v) in m.values.enumerated() {
            let y = 4 + Double(k) * rowHeight
            let w = max(0, (width - labelWidth - 70) * v / top)
            let name = comparison.outcomes[k].name
            let shown = name.count > 16 ? String(name.prefix(15)) + "…" : name
            svg += "<text x=\"0\" y=\"\(Self.n(y + 14))\" font-size=\"11\">\(Self.escape(shown))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(Self.n(y + 3))\" width=\"\(Self.n(w))\" height=\"14\" fill=\"\(Self.palette[k % Self.palette.count])\"/>"
            svg += "<text x=\"\(Self.n(labelWidth + w + 4))\" y=\"\(Self.n(y + 14))\" font-size=\"11\">\(Self.escape(comparison.cell(m, k)))</text>"
        }
        return svg + "</svg></figure>\n"
    }

    /// Grouped bars: share of the placed children per bin, one bar per scenario.
    func histogram(_ title: String, edges: [Double], value: (Candidate) -> Double) -> String {
        let c = comparison
        let bins = edges.count // last bin is open-ended
        let width = 560.0, height = 200.0, left = 36.0, bottom = 30.0
        var shares: [[Double]] = []
        for o in c.outcomes {
            let values = o.plan.assignments.compactMap(\.candidate).map(value)
            var counts = [Int](repeating: 0, count: bins)
            for v in values {
                let b = (edges.lastIndex { v >= $0 }) ?? 0
                counts[b] += 1
            }
            shares.append(counts.map { values.isEmpty ? 0 : Double($0) / Double(values.count) })
        }
        let top = max(shares.flatMap { $0 }.max() ?? 0, 0.01)
        let groupWidth = (width - left) / Double(bins)
        let barWidth = groupWidth * 0.8 / Double(max(1, c.outcomes.count))
        var svg = "<figure><figcaption>\(Self.escape(title)), share of placed children</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        svg += "<line x1=\"\(Int(left))\" y1=\"\(Int(height - bottom))\" x2=\"\(Int(width))\" y2=\"\(Int(height - bottom))\" stroke=\"#999\"/>"
        svg += "<text x=\"0\" y=\"12\" font-size=\"10\">\(Int((top * 100).rounded()))%</text>"
        for b in 0..<bins {
            let x0 = left + Double(b) * groupWidth
            let label = b + 1 < bins ? "\(Int(edges[b]))–\(Int(edges[b + 1]))" : "≥\(Int(edges[b]))"
            svg += "<text x=\"\(Self.n(x0 + groupWidth * 0.1))\" y=\"\(Int(height - 12))\" font-size=\"10\">\(label)</text>"
            for (k, s) in shares.enumerated() {
                let h = (height - bottom - 16) * s[b] / top
                svg += "<rect x=\"\(Self.n(x0 + groupWidth * 0.1 + Double(k) * barWidth))\" y=\"\(Self.n(height - bottom - h))\" width=\"\(Self.n(barWidth))\" height=\"\(Self.n(h))\" fill=\"\(Self.palette[k % Self.palette.count])\"><title>\(Self.escape(c.outcomes[k].name)): \(Self.n(s[b] * 100))%</title></rect>"
            }
        }
        return svg + "</svg></figure>\n"
    }

    func map(_ k: Int) -> String {
        let o = comparison.outcomes[k]
        let landscape = o.plan.problem.landscape
        let (minLon, maxLon, minLat, maxLat) = (3.3, 7.3, 50.7, 53.6)
        let scaleX = cos(52.2 * .pi / 180), width = 330.0
        let scale = width / ((maxLon - minLon) * scaleX)
        let height = (maxLat - minLat) * scale
        func x(_ lon: Double) -> Double { (lon - minLon) * scaleX * scale }
        func y(_ lat: Double) -> Double { (maxLat - lat) * scale }
        var svg = "<figure><figcaption>\(Self.escape(o.name))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" style=\"background:#f4f8fb\">"
        let regionsIndex = comparison.regions.map(\.id)
        var unplacedAt: [(Double, Double, Int)] = []
        for region in landscape.regions {
            guard let rings = DutchGeography.outline(ofRegion: region.id.rawValue) ?? DutchGeography.outline(ofRegion: region.name) else { continue }
            let b = regionsIndex.firstIndex(of: region.id.rawValue).map { comparison.regions[$0].scenarios[k] }
            let share = b.map { $0.cases == 0 ? 0 : Double($0.unplaced) / Double($0.cases) } ?? 0
            let shade = Int(255 - min(1, share * 3) * 170) // 0% white-ish, >=33% deep red
            let fill = "rgb(255,\(shade),\(shade))"
            var d = ""
            var sx = 0.0, sy = 0.0, count = 0.0
            for ring in rings {
                for (i, p) in ring.enumerated() where p.count == 2 {
                    d += (i == 0 ? "M" : "L") + Self.n(x(p[0])) + "," + Self.n(y(p[1]))
                    sx += p[0]; sy += p[1]; count += 1
                }
                d += "Z"
            }
            svg += "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"#888\" stroke-width=\"0.6\"><title>\(Self.escape(region.name)): \(b?.unplaced ?? 0) of \(b?.cases ?? 0) unplaced</title></path>"
            if let b, b.unplaced > 0, count > 0 { unplacedAt.append((sx / count, sy / count, b.unplaced)) }
        }
        for f in landscape.facilities {
            let places = landscape.services.filter { $0.facility == f.id }.reduce(0) { $0 + $1.capacity }
            let r = max(1.2, sqrt(Double(places)) * 0.7)
            svg += "<circle cx=\"\(Self.n(x(f.location.lon)))\" cy=\"\(Self.n(y(f.location.lat)))\" r=\"\(Self.n(r))\" fill=\"#1b6ca8\" fill-opacity=\"0.55\"/>"
        }
        for t in landscape.services where t.isTeam {
            let cx = x(t.location.lon), cy = y(t.location.lat)
            svg += "<path d=\"M\(Self.n(cx)),\(Self.n(cy - 3))L\(Self.n(cx + 2.6)),\(Self.n(cy + 1.5))L\(Self.n(cx - 2.6)),\(Self.n(cy + 1.5))Z\" fill=\"#3a9d5d\"/>"
        }
        for (lon, lat, count) in unplacedAt {
            svg += "<text x=\"\(Self.n(x(lon)))\" y=\"\(Self.n(y(lat)))\" font-size=\"10\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#7a1010\">\(count)</text>"
        }
        return svg + "</svg></figure>\n"
    }
}
