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
    /// Lines saying what was compared: the planning date, the inputs'
    /// hashes, when it was made (left out for reproducible runs).
    let provenance: [String]

    public init(_ comparison: ScenarioComparison, provenance: [String] = []) {
        self.comparison = comparison
        self.provenance = provenance
    }

    static let palette = ["#1b6ca8", "#e07a1f", "#3a9d5d", "#b8432f", "#7b5ea7", "#8c6d3f", "#c25b9e", "#5f6b73"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func n(_ x: Double) -> String { String(format: "%.1f", locale: nil, x) }

    var words: any ComparisonCatalogue { comparison.words }

    public var document: String {
        let c = comparison, words = self.words
        var out = """
            <!DOCTYPE html>
            <html lang="\(words.code)">
            <head>
            <meta charset="utf-8">
            <title>\(Self.escape(words.title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1200px; }
            table { border-collapse: collapse; margin: 8px 0 24px; font-size: 13px; }
            .scroll { overflow-x: auto; max-width: 100%; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .better { color: #2a7a3b; } .worse { color: #b0302a; }
            .short li { margin: 4px 0; font-size: 15px; } .note { font-size: 12px; color: #555; }
            th.sort { cursor: pointer; } th.sort:after { content: " ⇅"; color: #aaa; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            figure { margin: 0; } figcaption { font-size: 13px; font-weight: 600; } figure svg { display: block; }
            svg text { font-family: system-ui, sans-serif; }
            </style>
            </head>
            <body>

            """
        out += "<h1>\(Self.escape(words.heading))</h1>\n" + inShort()
        out += "<h2>\(Self.escape(words.scenariosHeading))</h2>\n<p>\(words.baselineLine("<b>" + Self.escape(c.outcomes.first?.name ?? "") + "</b>"))</p>\n<ul>\n"
        for (k, o) in c.outcomes.enumerated() {
            out += "<li><span style=\"color:\(Self.palette[k % Self.palette.count])\">■</span> <b>\(Self.escape(o.name))</b>: \(Self.escape(o.description ?? "")) (\(o.plan.status.rawValue))\(o.exceptions(in: words).map { "; " + Self.escape($0) } ?? "")</li>\n"
        }
        out += "</ul>\n<h2>\(Self.escape(words.kpisHeading))</h2>\n" + kpiTable()
        out += "<p class=\"note\">\(Self.escape(words.objectiveNote))</p>\n"
        out += "<h2>\(Self.escape(words.headlineHeading))</h2>\n<div class=\"charts\">\n"
        for key in ["placed", "unplaced", "unplaced.crisis", "distanceKm.mean", "distanceKm.p90", "waitDays.mean", "waitDays.p90", "shareHomeBased", "shareOutsideNetwork"] {
            if let m = c.metrics.first(where: { $0.key == key }) { out += barChart(m) }
        }
        out += "</div>\n<h2>\(Self.escape(words.distributionsHeading))</h2>\n<div class=\"charts\">\n"
        out += histogram(words.distanceTitle, edges: [0, 10, 20, 30, 50, 75, 100, 150]) { $0.distanceKm }
        out += histogram(words.waitTitle, edges: [0, 7, 14, 28, 42, 56, 84, 120]) { Double($0.waitDays) }
        out += "</div>\n<h2>\(Self.escape(words.mapsHeading))</h2>\n<p>\(Self.escape(words.mapsNote))</p>\n<div class=\"charts\">\n"
        for k in c.outcomes.indices { out += map(k) }
        out += "</div>\n"
        out += onePlaceSection() + areaTable(.network, c.networks) + areaTable(.region, c.regions)
        out += "<p class=\"note\">\(Self.escape(words.footer))</p>\n" + Self.sortScript + "</body>\n</html>\n"
        return out
    }

    /// The plain-language summary, one line per scenario, and what was compared.
    func inShort() -> String {
        let c = comparison
        var out = "<h2>\(Self.escape(words.inShort))</h2>\n<ul class=\"short\">\n"
        for k in c.outcomes.indices.dropFirst() {
            out += "<li><b>\(Self.escape(c.outcomes[k].name))</b>: \(Self.escape(c.inWords(k))).</li>\n"
        }
        out += "</ul>\n<p class=\"note\">\(Self.escape(words.againstBaseline(c.outcomes.first?.name ?? "")))</p>\n"
        if !provenance.isEmpty { out += "<p class=\"note\">" + provenance.map(Self.escape).joined(separator: "<br>") + "</p>\n" }
        return out
    }

    /// One row per area: its children and the baseline's unplaced and mean
    /// wait, then each scenario's differences; sortable by any column.
    func areaTable(_ scope: AreaScope, _ areas: [ScenarioComparison.Area]) -> String {
        let c = comparison, words = self.words, columns = words.areaColumns
        let others = Array(c.outcomes.indices.dropFirst())
        var out = "<h2>\(Self.escape(words.areaHeading(scope)))</h2>\n<p class=\"note\">\(Self.escape(words.sortNote))</p>\n"
        out += "<div class=\"scroll\"><table class=\"sortable\">\n<tr><th class=\"sort\">\(words.scope(scope))</th>"
            + [columns.children, columns.unplaced, columns.meanWait].map { "<th class=\"sort\">\(Self.escape($0))</th>" }.joined()
        out += others.map { "<th class=\"sort\">\(Self.escape(c.outcomes[$0].name)): \(Self.escape(columns.unplaced))</th><th class=\"sort\">\(Self.escape(columns.wait))</th>" }.joined() + "</tr>\n"
        for a in areas {
            let base = a.scenarios[0]
            out += "<tr><td>\(Self.escape(a.name))</td><td>\(base.cases)</td><td>\(base.unplaced)</td><td>\(words.decimal(Self.n(base.meanWaitDays)))</td>"
            for k in others {
                let s = a.scenarios[k]
                out += Self.deltaCell(Double(s.unplaced - base.unplaced), digits: 0, words) + Self.deltaCell(s.meanWaitDays - base.meanWaitDays, digits: 1, words)
            }
            out += "</tr>\n"
        }
        return out + "</table></div>\n"
    }

    /// A signed difference where lower is better: neutral when it shows as 0.
    static func deltaCell(_ d: Double, digits: Int, _ words: any ComparisonCatalogue) -> String {
        let text = words.decimal(String(format: "%+.\(digits)f", locale: nil, d))
        let zero = (d * pow(10, Double(digits))).rounded() == 0
        let cls = zero ? "" : d < 0 ? "better" : "worse"
        return "<td class=\"\(cls)\" data-v=\"\(zero ? "0" : text)\">\(zero ? "0" : text)</td>"
    }

    /// Sorts a table by the clicked column (numbers as numbers), no library.
    static let sortScript = """
        <script>
        document.querySelectorAll("table.sortable th").forEach(function (th, col) {
          th.addEventListener("click", function () {
            var table = th.closest("table"), rows = Array.from(table.rows).slice(1);
            var down = th.dataset.down !== "1"; th.dataset.down = down ? "1" : "0";
            var key = function (r) { var t = r.cells[col].textContent, v = parseFloat(t.replace(",", ".")); return isNaN(v) ? t : v; };
            rows.sort(function (a, b) { var x = key(a), y = key(b); return (x > y ? 1 : y > x ? -1 : 0) * (down ? -1 : 1); });
            rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
          });
        });
        </script>

        """

    /// Lower is better for these; higher for the others shown in colour.
    static let lowerIsBetter: Set<String> = ["objective", "unplaced", "unplaced.crisis", "unplaced.high", "unplaced.normal",
        "distanceKm.mean", "distanceKm.p50", "distanceKm.p90", "distanceKm.max", "waitDays.mean", "waitDays.p50", "waitDays.p90",
        "waitDays.max", "shareOutsideNetwork"]
    static let higherIsBetter: Set<String> = ["placed", "shareHomeBased"]

    func kpiTable() -> String {
        let c = comparison
        var out = "<div class=\"scroll\"><table>\n<tr><th>\(Self.escape(words.kpi))</th>" + c.outcomes.map { "<th>\(Self.escape($0.name))</th>" }.joined() + "</tr>\n"
        for m in c.metricsForReaders {
            out += "<tr><td>\(Self.escape(words.metric(m.key)))</td>"
            for k in c.outcomes.indices {
                var cls = ""
                if k > 0 && !c.showsNoChange(m, k) {
                    if Self.lowerIsBetter.contains(m.key) { cls = m.deltas[k] < 0 ? "better" : "worse" }
                    if Self.higherIsBetter.contains(m.key) { cls = m.deltas[k] > 0 ? "better" : "worse" }
                }
                out += "<td class=\"\(cls)\">\(Self.escape(c.cell(m, k)))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table></div>\n"
    }

    func barChart(_ m: ScenarioComparison.Metric) -> String {
        let width = 400.0, rowHeight = 22.0, labelWidth = 150.0
        let height = rowHeight * Double(m.values.count) + 8
        let top = max(m.values.max() ?? 0, 1e-9)
        // room for the longest value label after its bar (about 6.5 px a character at 11 px)
        let valueWidth = max(60, Double(m.values.indices.map { comparison.cell(m, $0).count }.max() ?? 0) * 6.5 + 8)
        var svg = "<figure><figcaption>\(Self.escape(words.metric(m.key)))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        for (k, v) in m.values.enumerated() {
            let y = 4 + Double(k) * rowHeight
            let w = max(0, (width - labelWidth - valueWidth) * v / top)
            let name = comparison.outcomes[k].name
            let shown = name.count > 24 ? String(name.prefix(23)) + "…" : name
            svg += "<text x=\"0\" y=\"\(Self.n(y + 14))\" font-size=\"11\"><title>\(Self.escape(name))</title>\(Self.escape(shown))</text>"
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
        var svg = "<figure><figcaption>\(Self.escape(words.shareOfPlaced(title)))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        svg += "<line x1=\"\(Int(left))\" y1=\"\(Int(height - bottom))\" x2=\"\(Int(width))\" y2=\"\(Int(height - bottom))\" stroke=\"#999\"/>"
        svg += "<text x=\"0\" y=\"12\" font-size=\"10\">\(Int((top * 100).rounded()))%</text>"
        for b in 0..<bins {
            let x0 = left + Double(b) * groupWidth
            let label = b + 1 < bins ? "\(Int(edges[b]))–\(Int(edges[b + 1]))" : "≥\(Int(edges[b]))"
            svg += "<text x=\"\(Self.n(x0 + groupWidth * 0.1))\" y=\"\(Int(height - 12))\" font-size=\"10\">\(label)</text>"
            for (k, s) in shares.enumerated() {
                let h = (height - bottom - 16) * s[b] / top
                svg += "<rect x=\"\(Self.n(x0 + groupWidth * 0.1 + Double(k) * barWidth))\" y=\"\(Self.n(height - bottom - h))\" width=\"\(Self.n(barWidth))\" height=\"\(Self.n(h))\" fill=\"\(Self.palette[k % Self.palette.count])\"><title>\(Self.escape(c.outcomes[k].name)): \(words.decimal(Self.n(s[b] * 100)))%</title></rect>"
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
        var unplacedAt: [(Double, Double, Int, String)] = []
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
            svg += "<path d=\"\(d)\" fill=\"\(fill)\" stroke=\"#888\" stroke-width=\"0.6\"><title>\(Self.escape(words.regionTooltip(region.name, unplaced: b?.unplaced ?? 0, of: b?.cases ?? 0)))</title></path>"
            if let b, b.unplaced > 0, count > 0 { unplacedAt.append((sx / count, sy / count, b.unplaced, region.name)) }
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
        for (lon, lat, count, name) in unplacedAt {
            svg += "<text x=\"\(Self.n(x(lon)))\" y=\"\(Self.n(y(lat)))\" font-size=\"8\" text-anchor=\"middle\" fill=\"#5a0c0c\">\(Self.escape(name)) <tspan font-weight=\"700\">\(count)</tspan></text>"
        }
        return svg + "</svg>" + Self.legend(width: width, top: words.legendTop) + "</figure>\n"
    }

    /// Where one more place helps most, per scenario (when computed).
    func onePlaceSection() -> String {
        let c = comparison, words = self.words
        guard c.onePlace != nil else { return "" }
        var out = "<h2>\(Self.escape(words.onePlaceHeading))</h2>\n<p class=\"note\">\(Self.escape(words.onePlaceNote))</p>\n<div class=\"charts\">\n"
        for k in c.outcomes.indices {
            out += "<figure><figcaption><span style=\"color:\(Self.palette[k % Self.palette.count])\">■</span> \(Self.escape(c.outcomes[k].name))</figcaption>"
            let rows = c.onePlaceRows(k)
            guard !rows.isEmpty else { out += "<p>\(Self.escape(c.onePlaceEmpty(k)))</p></figure>\n"; continue }
            out += "<div class=\"scroll\"><table>\n<tr>" + words.onePlaceColumns.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr>\n"
            for r in rows { out += "<tr>" + c.onePlaceCells(r).map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n" }
            out += "</table></div></figure>\n"
        }
        return out + "</div>\n"
    }

    /// The map's colour scale: the share of a region's children left unplaced.
    static func legend(width: Double, top: String) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"30\" role=\"img\">"
        let steps = 12, barWidth = (width - 60) / Double(steps)
        for s in 0..<steps {
            let shade = Int(255 - min(1, Double(s) / Double(steps - 1)) * 170)
            svg += "<rect x=\"\(Self.n(Double(s) * barWidth))\" y=\"2\" width=\"\(Self.n(barWidth + 0.5))\" height=\"10\" fill=\"rgb(255,\(shade),\(shade))\"/>"
        }
        for (share, label) in [(0.0, "0%"), (1.0 / 3, "11%"), (2.0 / 3, "22%")] {
            svg += "<text x=\"\(Self.n(share * (width - 60 - barWidth)))\" y=\"25\" font-size=\"10\">\(label)</text>"
        }
        // the last label ends at the right edge, however long it is in words
        svg += "<text x=\"\(Self.n(width - 2))\" y=\"25\" font-size=\"10\" text-anchor=\"end\">\(Self.escape(top))</text>"
        return svg + "</svg>"
    }
}
