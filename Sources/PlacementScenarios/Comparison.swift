import Foundation
public import Placement
public import PlacementIO
import PlacementModel

/// A planned scenario.
public struct ScenarioOutcome: Sendable {
    public var name: String
    public var description: String?
    public var plan: Plan
    public var kpis: PlanKPIs

    public init(name: String, description: String?, plan: Plan) {
        self.name = name
        self.description = description
        self.plan = plan
        kpis = PlanKPIs(plan)
    }

    /// Under ownNetworkOnly, the pins kept outside the child's network, in
    /// words (nil when there are none).
    public var exceptions: String? { exceptions(in: Language.en.comparison) }

    /// The same in the catalogue's language.
    public func exceptions(in words: any ComparisonCatalogue) -> String? {
        let kept = plan.problem.landscape.pinsOutsideOwnNetwork(plan.problem.cases)
        guard !kept.isEmpty else { return nil }
        return words.pinsKept(kept.map { (child: $0.case.rawValue, service: $0.service.rawValue) })
    }
}

/// What happened to the children of one network or region (by their home).
public struct Breakdown: Sendable, Encodable, Equatable {
    public var cases: Int
    public var placed: Int
    public var unplaced: Int
    public var meanKm: Double
    public var worstKm: Double
    public var meanWaitDays: Double
    public var worstWaitDays: Double
    public var shareHomeBased: Double
    public var shareOutsideNetwork: Double
    /// Places of the services located here that the plan uses.
    public var places: Int
    public var used: Int
    public var utilisation: Double
}

/// Every KPI of SPEC §4 per scenario and its difference to the baseline
/// (the first scenario), with breakdowns per network and region.
public struct ScenarioComparison: Sendable {
    public struct Metric: Sendable, Encodable {
        public var key: String
        public var label: String
        public var values: [Double]
        /// value minus the baseline's value, per scenario (0 for the baseline).
        public var deltas: [Double]
        /// Digits shown; shares are shown as percentages.
        var digits: Int
        var percent: Bool
    }

    public struct Area: Sendable, Encodable {
        public var id: String
        public var name: String
        /// One per scenario.
        public var scenarios: [Breakdown]
    }

    public let outcomes: [ScenarioOutcome]
    public let metrics: [Metric]
    public let networks: [Area]
    public let regions: [Area]
    /// Per scenario, every service's value of one more place (``valueOnePlace(planner:jobs:)``), nil when not asked.
    public var onePlace: [CapacityValueReport?]?
    /// The language of the terminal table, the Markdown and the HTML (`--lang`).
    public var language = Language.en
    var words: any ComparisonCatalogue { language.comparison }

    public init(_ outcomes: [ScenarioOutcome]) {
        self.outcomes = outcomes
        var metrics: [Metric] = []
        func add(_ key: String, _ label: String, digits: Int = 1, percent: Bool = false, _ value: (ScenarioOutcome) -> Double) {
            let values = outcomes.map(value)
            let base = values.first ?? 0
            metrics.append(Metric(key: key, label: label, values: values, deltas: values.map { $0 - base }, digits: digits, percent: percent))
        }
        add("objective", "objective (km-equivalents)", digits: 1) { $0.plan.objective }
        add("cases", "children waiting", digits: 0) { Double($0.kpis.cases) }
        add("placed", "placed", digits: 0) { Double($0.kpis.placed) }
        add("unplaced", "unplaced", digits: 0) { Double($0.kpis.unplaced) }
        for u in Urgency.allCases.reversed() {
            add("unplaced.\(u.rawValue)", "unplaced, \(u.rawValue)", digits: 0) { Double($0.kpis.unplacedByUrgency[u.rawValue] ?? 0) }
        }
        add("distanceKm.mean", "distance km, mean") { $0.kpis.distanceKm.mean }
        add("distanceKm.p50", "distance km, p50") { $0.kpis.distanceKm.p50 }
        add("distanceKm.p90", "distance km, p90") { $0.kpis.distanceKm.p90 }
        add("distanceKm.max", "distance km, max") { $0.kpis.distanceKm.max }
        add("waitDays.mean", "wait days, mean") { $0.kpis.waitDays.mean }
        add("waitDays.p50", "wait days, p50") { $0.kpis.waitDays.p50 }
        add("waitDays.p90", "wait days, p90") { $0.kpis.waitDays.p90 }
        add("waitDays.max", "wait days, max") { $0.kpis.waitDays.max }
        add("shareHomeBased", "share helped at home", percent: true) { $0.kpis.shareHomeBased }
        add("shareOutsideNetwork", "share outside own network", percent: true) { $0.kpis.shareOutsideNetwork }
        var careTypes: [String] = []
        for o in outcomes {
            for t in o.plan.problem.landscape.careTypes where !careTypes.contains(t.id.rawValue) { careTypes.append(t.id.rawValue) }
        }
        for t in careTypes {
            add("utilisation.\(t)", "utilisation, \(t)", percent: true) { $0.kpis.utilisationByCareType[t]?.share ?? 0 }
        }
        self.metrics = metrics

        // areas of the baseline's landscape, in file order
        let landscape = outcomes.first?.plan.problem.landscape
        let networkList = landscape?.networks.map { ($0.id.rawValue, $0.name) } ?? []
        let regionList = landscape?.regions.map { ($0.id.rawValue, $0.name) } ?? []
        let perScenario = outcomes.map { Self.breakdowns($0.plan) }
        networks = networkList.map { id, name in
            Area(id: id, name: name, scenarios: perScenario.map { $0.networks[id] ?? Self.empty })
        }
        regions = regionList.map { id, name in
            Area(id: id, name: name, scenarios: perScenario.map { $0.regions[id] ?? Self.empty })
        }
    }

    static let empty = Breakdown(
        cases: 0, placed: 0, unplaced: 0, meanKm: 0, worstKm: 0, meanWaitDays: 0, worstWaitDays: 0,
        shareHomeBased: 0, shareOutsideNetwork: 0, places: 0, used: 0, utilisation: 0)

    static func breakdowns(_ plan: Plan) -> (networks: [String: Breakdown], regions: [String: Breakdown]) {
        let problem = plan.problem
        let networkOf = problem.landscape.networkOfRegion
        let (placesAt, usedAt) = PlanKPIs.serviceUse(plan)
        func breakdown(cases: [Int], services: [Int]) -> Breakdown {
            let placed = cases.compactMap { plan.assignments[$0].candidate }
            let km = placed.map(\.distanceKm), wait = placed.map { Double($0.waitDays) }
            let shares = PlanKPIs.shares(of: placed, in: problem.landscape)
            let places = services.reduce(0) { $0 + placesAt[$1] }
            let used = services.reduce(0) { $0 + usedAt[$1] }
            return Breakdown(
                cases: cases.count, placed: placed.count, unplaced: cases.count - placed.count,
                meanKm: km.isEmpty ? 0 : km.reduce(0, +) / Double(km.count), worstKm: km.max() ?? 0,
                meanWaitDays: wait.isEmpty ? 0 : wait.reduce(0, +) / Double(wait.count), worstWaitDays: wait.max() ?? 0,
                shareHomeBased: shares.homeBased, shareOutsideNetwork: shares.outsideNetwork,
                places: places, used: used, utilisation: places == 0 ? 0 : Double(used) / Double(places))
        }
        var casesByRegion: [String: [Int]] = [:], casesByNetwork: [String: [Int]] = [:]
        for (ci, c) in problem.cases.enumerated() {
            casesByRegion[c.region.rawValue, default: []].append(ci)
            if let n = networkOf[c.region] { casesByNetwork[n.rawValue, default: []].append(ci) }
        }
        var servicesByRegion: [String: [Int]] = [:], servicesByNetwork: [String: [Int]] = [:]
        for (si, s) in problem.landscape.services.enumerated() {
            servicesByRegion[s.region.rawValue, default: []].append(si)
            if let n = networkOf[s.region] { servicesByNetwork[n.rawValue, default: []].append(si) }
        }
        var networks: [String: Breakdown] = [:], regions: [String: Breakdown] = [:]
        for n in problem.landscape.networks.map(\.id.rawValue) {
            networks[n] = breakdown(cases: casesByNetwork[n] ?? [], services: servicesByNetwork[n] ?? [])
        }
        for r in problem.landscape.regions.map(\.id.rawValue) {
            regions[r] = breakdown(cases: casesByRegion[r] ?? [], services: servicesByRegion[r] ?? [])
        }
        return (networks, regions)
    }

    // MARK: - formatting

    var names: [String] { outcomes.map(\.name) }

    static func format(_ x: Double, digits: Int, percent: Bool, signed: Bool = false) -> String {
        let v = percent ? x * 100 : x
        var text = String(format: "%.\(percent ? 1 : digits)f", locale: nil, v)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() } // no "-0.0"
        if signed && !text.hasPrefix("-") { text = "+" + text }
        return text + (percent ? "%" : "")
    }

    func cell(_ m: Metric, _ k: Int) -> String {
        let value = words.decimal(Self.format(m.values[k], digits: m.digits, percent: m.percent))
        guard k > 0 else { return value }
        // differences of shares are percentage points
        let delta = Self.format(m.deltas[k], digits: m.digits, percent: m.percent, signed: true)
            .replacingOccurrences(of: "%", with: m.percent ? words.percentagePoints : "")
        return "\(value) (\(words.decimal(delta)))"
    }

    static let breakdownColumns = ["placed", "unplaced", "mean km", "worst km", "mean wait", "worst wait", "at home", "outside network", "utilisation"]

    static func breakdownCells(_ b: Breakdown) -> [String] {
        [String(b.placed), String(b.unplaced), format(b.meanKm, digits: 1, percent: false), format(b.worstKm, digits: 1, percent: false),
         format(b.meanWaitDays, digits: 1, percent: false), format(b.worstWaitDays, digits: 0, percent: false),
         format(b.shareHomeBased, digits: 1, percent: true), format(b.shareOutsideNetwork, digits: 1, percent: true),
         format(b.utilisation, digits: 1, percent: true)]
    }

    /// The KPI table for a terminal.
    public var text: String {
        let header = [words.kpi] + names.enumerated().map { $0 == 0 ? "\($1) \(words.baselineSuffix)" : $1 }
        let rows = metrics.map { m in [words.metric(m.key)] + outcomes.indices.map { cell(m, $0) } }
        return Self.table([header] + rows)
    }

    public static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.enumerated().map { r, row in
            let line = row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
            return r == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n") + "\n"
    }

    public var markdown: String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "# \(words.heading)\n\n## \(words.inShort)\n\n"
        for k in outcomes.indices.dropFirst() { out += "- **\(escape(names[k]))**: \(escape(inWords(k))).\n" }
        out += "\n" + escape(words.waitsNote) + "\n\n" + escape(words.baselineLine("**\(names.first ?? "")**")) + "\n\n"
        for o in outcomes {
            out += "- **\(escape(o.name))**: \(escape(o.description ?? "")) (\(o.plan.status.rawValue))\(o.exceptions(in: words).map { "; " + escape($0) } ?? "")\n"
        }
        out += "\n## \(words.kpisHeading)\n\n| \(words.kpi) | " + names.map(escape).joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: names.count) + "\n"
        for m in metricsForReaders {
            out += "| \(words.metric(m.key)) | " + outcomes.indices.map { cell(m, $0) }.joined(separator: " | ") + " |\n"
        }
        for (scope, areas) in [(AreaScope.network, networks), (.region, regions)] {
            out += "\n## \(words.areaHeading(scope))\n"
            for (k, name) in names.enumerated() {
                out += "\n### \(escape(name))\n\n| \(words.scope(scope)) | " + words.breakdownColumns.joined(separator: " | ") + " |\n|---|"
                    + String(repeating: "---:|", count: words.breakdownColumns.count) + "\n"
                for a in areas {
                    out += "| \(escape(a.name)) | " + Self.breakdownCells(a.scenarios[k]).map(words.decimal).joined(separator: " | ") + " |\n"
                }
            }
        }
        return out + onePlaceMarkdown
    }

    /// Long format: one row per scope, metric and scenario.
    public var csv: String {
        var out = "scope,area,metric,scenario,value,delta\n"
        func field(_ s: String) -> String { PlanReport.csvField(s) }
        func number(_ x: Double) -> String { String(format: "%.6f", locale: nil, x) }
        for m in metrics {
            for (k, name) in names.enumerated() {
                out += "kpi,,\(field(m.key)),\(field(name)),\(number(m.values[k])),\(number(m.deltas[k]))\n"
            }
        }
        let fields: [(String, (Breakdown) -> Double)] = [
            ("placed", { Double($0.placed) }), ("unplaced", { Double($0.unplaced) }), ("meanKm", \.meanKm), ("worstKm", \.worstKm),
            ("meanWaitDays", \.meanWaitDays), ("worstWaitDays", \.worstWaitDays), ("shareHomeBased", \.shareHomeBased),
            ("shareOutsideNetwork", \.shareOutsideNetwork), ("utilisation", \.utilisation),
        ]
        for (scope, areas) in [("network", networks), ("region", regions)] {
            for a in areas {
                for (key, value) in fields {
                    let base = a.scenarios.first.map(value) ?? 0
                    for (k, name) in names.enumerated() {
                        let v = value(a.scenarios[k])
                        out += "\(scope),\(field(a.id)),\(key),\(field(name)),\(number(v)),\(number(v - base))\n"
                    }
                }
            }
        }
        return out
    }

    public var json: String {
        struct Scenario: Encodable { var name: String; var description: String?; var status: String; var objective: Double; var bound: Double?; var kpis: PlanKPIs }
        struct Document: Encodable { var baseline: String; var scenarios: [Scenario]; var metrics: [Metric]; var networks: [Area]; var regions: [Area] }
        let doc = Document(
            baseline: names.first ?? "",
            scenarios: outcomes.map { Scenario(name: $0.name, description: $0.description, status: $0.plan.status.rawValue, objective: PlanReport.rounded($0.plan.objective), bound: $0.plan.bound.map(PlanReport.rounded), kpis: $0.kpis) },
            metrics: metrics.map { m in
                var r = m
                r.values = m.values.map(PlanReport.rounded)
                r.deltas = m.deltas.map(PlanReport.rounded)
                return r
            },
            networks: networks.map(Self.roundedArea), regions: regions.map(Self.roundedArea))
        return PlanReport.jsonFile(doc) ?? "{}\n"
    }

    static func roundedArea(_ a: Area) -> Area {
        var r = a
        r.scenarios = a.scenarios.map { b in
            var x = b
            x.meanKm = PlanReport.rounded(b.meanKm); x.worstKm = PlanReport.rounded(b.worstKm)
            x.meanWaitDays = PlanReport.rounded(b.meanWaitDays); x.worstWaitDays = PlanReport.rounded(b.worstWaitDays)
            x.shareHomeBased = PlanReport.rounded(b.shareHomeBased); x.shareOutsideNetwork = PlanReport.rounded(b.shareOutsideNetwork)
            x.utilisation = PlanReport.rounded(b.utilisation)
            return x
        }
        return r
    }
}

extension ScenarioComparison.Metric {
    enum CodingKeys: String, CodingKey { case key, label, values, deltas }
}
