import Foundation
public import Placement
import PlacementModel

/// The outputs of `careplace solve` (SPEC §4): assignments.csv, summary.json
/// and the terminal summary. Only pseudonymous case ids appear.
public struct PlanReport: Sendable {
    public let plan: Plan
    public let kpis: PlanKPIs
    /// Written into summary.json; 0 with `reproducible` so that repeated runs
    /// give byte-identical files.
    public let solveSeconds: Double
    public var solverName: String
    /// SPEC §9: planned against last week's plan (`--previous`): the
    /// outputs say who changed.
    public var withPrevious = false
    /// The language of the sentences (`--lang`); codes stay as they are.
    public var language = Language.en

    public init(plan: Plan, solverName: String, reproducible: Bool = false) {
        self.plan = plan
        kpis = PlanKPIs(plan)
        solveSeconds = reproducible ? 0 : plan.solveSeconds
        self.solverName = solverName
    }

    struct Summary: Encodable {
        var status: String
        var objective: Double
        var bound: Double?
        var gap: Double?
        var placed: Int
        var unplaced: Int
        var solveSeconds: Double
        var solver: String
        var planningDate: String
        var horizonDays: Int
        var cases: Int
        var distanceKm: Distribution
        var waitDays: Distribution
        var shareHomeBased: Double
        var shareOutsideNetwork: Double
        var unplacedByUrgency: [String: Int]
        var utilisationByCareType: [String: Utilisation]
        /// With a previous plan: the children placed last week who get another service or none.
        var changed: Int?
    }

    public var summaryJSON: String {
        let l = plan.problem.landscape
        let summary = Summary(
            status: plan.status.rawValue, objective: Self.rounded(plan.objective), bound: plan.bound.map(Self.rounded),
            gap: plan.gap.map(Self.rounded), placed: kpis.placed, unplaced: kpis.unplaced, solveSeconds: Self.rounded(solveSeconds),
            solver: solverName, planningDate: l.planningDate.description, horizonDays: l.horizonDays, cases: kpis.cases,
            distanceKm: Self.rounded(kpis.distanceKm), waitDays: Self.rounded(kpis.waitDays),
            shareHomeBased: Self.rounded(kpis.shareHomeBased), shareOutsideNetwork: Self.rounded(kpis.shareOutsideNetwork),
            unplacedByUrgency: kpis.unplacedByUrgency,
            utilisationByCareType: kpis.utilisationByCareType.mapValues { Utilisation(places: $0.places, used: $0.used, share: Self.rounded($0.share)) },
            changed: withPrevious ? rows.filter(\.changed).count : nil)
        return Self.jsonFile(summary) ?? "{\"status\":\"error\"}\n"
    }

    /// A value as the JSON files careplace writes: indented, keys sorted,
    /// slashes as they are, a final newline; nil if it cannot be encoded.
    package static func jsonFile(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return nil }
        return text + "\n"
    }

    /// The readable summary for the terminal, in the report's language.
    public var text: String {
        let l = plan.problem.landscape, words = language.catalogue, labels = words.labels
        var out: [String] = []
        func row(_ label: String, _ value: String) { out.append(label.padding(toLength: 22, withPad: " ", startingAt: 0) + value) }
        out.append(words.planHeader(l.planningDate, horizon: l.horizonDays))
        let gap = plan.gap.map { $0 == 0 ? "0" : String(format: "%.4g", $0) } ?? "-"
        row(labels.status, words.status(plan.status.rawValue, objective: Self.fixed(plan.objective, 2), gap: gap, seconds: String(format: "%.2f", plan.solveSeconds)))
        if plan.byFlow && plan.searchNodes > 0 {
            row(labels.model, words.modelFlowSearch(columns: plan.problem.columnCount, nodes: plan.searchNodes))
        } else if plan.byFlow {
            row(labels.model, words.modelFlow(columns: plan.problem.columnCount))
        } else {
            row(labels.model, words.modelGLPK(used: plan.columnsUsed, of: plan.problem.columnCount, rounds: plan.pricingRounds, iterations: plan.simplexIterations))
        }
        let u = kpis.unplacedByUrgency
        row(labels.cases, words.cases(kpis.cases, placed: kpis.placed, unplaced: kpis.unplaced, crisis: u["crisis"] ?? 0, high: u["high"] ?? 0, normal: u["normal"] ?? 0))
        let d = kpis.distanceKm, w = kpis.waitDays
        row(labels.distance, words.distribution(mean: Self.fixed(d.mean, 1), p50: Self.fixed(d.p50, 1), p90: Self.fixed(d.p90, 1), max: Self.fixed(d.max, 1)))
        row(labels.wait, words.distribution(mean: Self.fixed(w.mean, 1), p50: String(Int(w.p50)), p90: String(Int(w.p90)), max: String(Int(w.max))))
        row(labels.atHome, words.ofPlaced(Self.percent(kpis.shareHomeBased)))
        row(labels.outsideNetwork, words.ofPlaced(Self.percent(kpis.shareOutsideNetwork)))
        out.append(words.utilisationHeading)
        for t in l.careTypes {
            guard let x = kpis.utilisationByCareType[t.id.rawValue], x.places > 0 else { continue }
            let width = max(20, t.id.rawValue.count + 1)
            out.append("  " + t.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "\(x.used)/\(x.places) (\(Self.percent(x.share)))")
        }
        let unplaced = plan.assignments.filter { !$0.isPlaced }
        if !unplaced.isEmpty {
            out.append(words.unplacedHeading)
            for a in unplaced.prefix(20) {
                out.append("  \(a.caseID)  \(a.reason?.rawValue ?? "")  \(a.explanation?.text(in: words) ?? "")")
            }
            if unplaced.count > 20 { out.append(words.andMore(unplaced.count - 20)) }
        }
        return out.joined(separator: "\n")
    }

    // MARK: - Formatting (deterministic, locale-free)

    package static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", locale: nil, x) }
    package static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    /// 9 significant decimals: stable text across runs and platforms.
    package static func rounded(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
    package static func rounded(_ d: Distribution) -> Distribution {
        Distribution(mean: rounded(d.mean), p50: rounded(d.p50), p90: rounded(d.p90), max: rounded(d.max))
    }
}
