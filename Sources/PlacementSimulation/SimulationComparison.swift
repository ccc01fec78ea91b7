import Foundation
import PlacementIO

/// Simulations side by side (`simulate --compare`): per KPI each one's mean
/// and interval, and its difference to the first (the baseline) from the
/// paired replications (the same seed gives replication r the same children
/// in both), with the interval of that difference.
public struct SimulationComparison: Sendable {
    public var summaries: [SimulationSummary]

    public init(_ summaries: [SimulationSummary]) { self.summaries = summaries }

    /// Merged simulations for a comparison: `baseline` first, then the
    /// others by name; all of one seed (else the pairs would mean nothing).
    public static func ordered(_ summaries: [SimulationSummary], baseline: String) throws(SimulationError) -> [SimulationSummary] {
        guard let first = summaries.first(where: { $0.simulation.name == baseline }) else {
            let names = summaries.map(\.simulation.name).joined(separator: ", ")
            throw SimulationError("--baseline: found \"\(baseline)\"; expected one of the merged simulations (\(names))")
        }
        guard summaries.count >= 2 else { throw SimulationError("--baseline: only one simulation merged; expected two or more to compare") }
        guard Set(summaries.map(\.simulation.seed)).count == 1 else {
            throw SimulationError("--baseline: the merged simulations have different seeds; expected one, so that replication r of each sees the same children")
        }
        return [first] + summaries.filter { $0.simulation.name != baseline }.sorted { $0.simulation.name < $1.simulation.name }
    }

    public struct Row: Sendable {
        public var kpi: String
        /// Per simulation (in order).
        public var estimates: [Estimate?]
        /// Per simulation after the baseline: the paired difference to the baseline.
        public var differences: [Estimate?]
    }

    public var rows: [Row] {
        guard let baseline = summaries.first else { return [] }
        return baseline.kpis.enumerated().map { k, kpi in
            let estimates = summaries.map { s in s.kpis.first { $0.name == kpi.name }?.estimate }
            let differences = summaries.dropFirst().map { other -> Estimate? in
                guard let j = other.results.first?.kpis.firstIndex(where: { $0.name == kpi.name }) else { return nil }
                let pairs = zip(baseline.results, other.results).compactMap { a, b -> Double? in
                    guard let x = a.kpis[k].value, let y = b.kpis[j].value else { return nil }
                    return y - x
                }
                return Estimate(pairs)
            }
            return Row(kpi: kpi.name, estimates: estimates, differences: differences)
        }
    }

    public var json: String {
        let names = summaries.map { SimulationSummary.jsonString($0.simulation.name) }
        var lines = ["{", "  \"baseline\": \(names.first ?? "null"),", "  \"simulations\": [\(names.joined(separator: ", "))],", "  \"kpis\": ["]
        let items = rows.map { row -> String in
            let values = zip(summaries, row.estimates).map { "{ \"simulation\": \(SimulationSummary.jsonString($0.simulation.name)), \"estimate\": \(SimulationSummary.json($1)) }" }
            let diffs = zip(summaries.dropFirst(), row.differences).map {
                "{ \"simulation\": \(SimulationSummary.jsonString($0.simulation.name)), \"differenceToBaseline\": \(SimulationSummary.json($1)) }"
            }
            return "    { \"kpi\": \(SimulationSummary.jsonString(row.kpi)),\n      \"values\": [\(values.joined(separator: ", "))],\n      \"differences\": [\(diffs.joined(separator: ", "))] }"
        }
        lines.append(items.joined(separator: ",\n"))
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A difference in plain words: its size, its interval, and whether the
    /// interval leaves no doubt about its sign.
    public static func words(_ d: Estimate?) -> String {
        guard let d else { return "-" }
        // enough decimals to show the interval's width (2 at least, 6 at most)
        let width = d.ci95.map { $0.upperBound - $0.lowerBound } ?? 0
        let decimals = width > 0 ? min(6, max(2, Int((-log10(width)).rounded(.up)) + 1)) : 2
        func signed(_ x: Double) -> String {
            var text = String(format: "%.\(decimals)f", x)
            if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }  // no "-0.00"
            return text.hasPrefix("-") ? text : "+" + text
        }
        guard let ci = d.ci95 else { return signed(d.mean) }
        let verdict = ci.lowerBound > 0 ? "higher" : ci.upperBound < 0 ? "lower" : "no clear difference"
        return "\(signed(d.mean)) (95% CI \(signed(ci.lowerBound)) to \(signed(ci.upperBound)); \(verdict))"
    }

    static func cell(_ e: Estimate?) -> String {
        guard let e else { return "-" }
        return String(format: "%.2f", e.mean) + (e.ci95.map { String(format: " (%.2f–%.2f)", $0.lowerBound, $0.upperBound) } ?? "")
    }

    public var markdown: String {
        let names = summaries.map(\.simulation.name)
        var out = "# Simulations compared\n\nBaseline: \(names.first ?? "-"). Means over the replications with their 95% intervals; "
            + "differences are paired (replication r of each simulation sees the same children arrive).\n\n"
        out += "| KPI | " + names.joined(separator: " | ") + " | " + names.dropFirst().map { "\($0) − baseline" }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: 1 + names.count + max(0, names.count - 1)) + "\n"
        for row in rows {
            out += "| \(row.kpi) | " + row.estimates.map(Self.cell).joined(separator: " | ")
                + (row.differences.isEmpty ? "" : " | " + row.differences.map(Self.words).joined(separator: " | ")) + " |\n"
        }
        return out
    }
}
