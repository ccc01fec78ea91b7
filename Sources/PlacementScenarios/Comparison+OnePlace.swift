import Foundation
public import Placement
import PlacementIO
import PlacementModel

extension ScenarioComparison {
    /// Where one more place helps most in each scenario (SPEC §8, issue 17):
    /// every service's exact `addOne` on the scenario's own plan, best first.
    /// Sets ``onePlace`` (nil for a scenario whose plan is not proven
    /// optimal); `jobs` threads share the services.
    public mutating func valueOnePlace(planner: Planner, jobs: Int) throws {
        onePlace = try outcomes.map { o in
            // against a plan cut off by a time limit the values would mean little
            guard o.plan.status == .optimal else { return nil }
            let problem = o.plan.problem
            let result = try CapacityValuation(planner: planner).values(
                landscape: problem.landscape, cases: problem.cases, addOnly: true, jobs: jobs)
            return CapacityValueReport(result)
        }
    }

    /// How many services each scenario's section lists.
    static let onePlaceTop = 5

    /// One service of a scenario's top: what the extra place changes.
    struct OnePlaceRow {
        var service, careTypes, region: String
        var gain: Double
        var placed, waitDays: Int
        var km: Double
        /// The first child who would be there and is not now (its id), if any.
        var gets: String?
    }

    /// Scenario k's top services whose extra place helps (objective falls).
    func onePlaceRows(_ k: Int) -> [OnePlaceRow] {
        guard let report = onePlace?[k] ?? nil else { return [] }
        let l = report.result.problem.landscape
        let regionNames = Dictionary(l.regions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return report.ranked.prefix(Self.onePlaceTop).filter { $0.addOne.objectiveDelta < -1e-9 }.map { v in
            let s = l.services[v.service]
            return OnePlaceRow(
                service: s.id.rawValue, careTypes: s.careTypes.map(\.rawValue).joined(separator: ", "),
                region: regionNames[s.region] ?? s.region.rawValue, gain: v.addOne.objectiveDelta, placed: v.addOne.placedDelta,
                waitDays: v.addOne.waitDaysDelta, km: v.addOne.kmDelta, gets: v.addOne.arriving.first?.rawValue)
        }
    }

    /// The cells of a row, in this language's numbers.
    func onePlaceCells(_ r: OnePlaceRow) -> [String] {
        func signed(_ x: Int) -> String { x > 0 ? "+\(x)" : "\(x)" }
        return [r.service, r.careTypes, r.region, words.decimal(Self.format(r.gain, digits: 1, percent: false)), signed(r.placed), signed(r.waitDays),
                words.decimal(Self.format(r.km, digits: 1, percent: false, signed: true)), r.gets ?? ""]
    }

    /// Why a scenario lists no service: none helps, or its plan was not valued.
    func onePlaceEmpty(_ k: Int) -> String {
        (onePlace?[k] ?? nil) == nil ? words.onePlaceNotOptimal : words.onePlaceNone
    }

    /// The section for the terminal, after the KPI table (empty when not
    /// computed): per scenario its top services as a table.
    public var onePlaceText: String {
        guard onePlace != nil else { return "" }
        var out = "\n\(words.onePlaceHeading)\n"
        for (k, name) in names.enumerated() {
            out += "\n\(name)\n"
            let rows = onePlaceRows(k)
            if rows.isEmpty { out += onePlaceEmpty(k) + "\n"; continue }
            out += Self.table([words.onePlaceColumns] + rows.map(onePlaceCells))
        }
        return out
    }

    /// The section for Markdown (empty when not computed).
    var onePlaceMarkdown: String {
        guard onePlace != nil else { return "" }
        var out = "\n## \(words.onePlaceHeading)\n\n\(words.onePlaceNote)\n"
        let columns = words.onePlaceColumns
        for (k, name) in names.enumerated() {
            out += "\n### \(name.replacingOccurrences(of: "|", with: "\\|"))\n\n"
            let rows = onePlaceRows(k)
            if rows.isEmpty { out += onePlaceEmpty(k) + "\n"; continue }
            out += "| " + columns.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: columns.count) + "\n"
            for r in rows { out += "| " + onePlaceCells(r).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        }
        return out
    }
}
