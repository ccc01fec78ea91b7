import Foundation
public import Placement
import PlacementIO
import PlacementModel

extension ScenarioChange {
    /// One line saying what the change does, ids only.
    public var summary: String {
        func n(_ x: Double) -> String { PlanReport.fixed(x, 3).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression) }
        func filter(_ f: ScenarioFilter) -> String {
            let parts = [f.careType.map { "careType \($0)" }, f.region.map { "region \($0)" }, f.network.map { "network \($0)" }].compactMap { $0 }
            return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        }
        switch self {
        case .addTeam(let t):
            return "addTeam \(t.id): \(t.careTypes.map(\.rawValue).joined(separator: "/")), caseload \(t.capacity), based in \(t.region)"
        case .addFacility(let f, let services):
            return "addFacility \(f.id) in \(f.region): " + services.map { "\($0.id) \($0.capacity) places" }.joined(separator: ", ")
        case .removeFacility(let id): return "removeFacility \(id)"
        case .removeTeam(let id): return "removeTeam \(id)"
        case .setCapacity(let id, let c): return "setCapacity \(id) to \(c)"
        case .scaleCapacity(let factor, let f): return "scaleCapacity ×\(n(factor))\(filter(f))"
        case .scaleDemand(let factor, let seed, let f): return "scaleDemand ×\(n(factor)), seed \(seed)\(filter(f))"
        case .setWeights(let w):
            let parts = w.entries.map { "\($0.entry.key) \(n($0.value))" }
            return "setWeights " + parts.joined(separator: ", ")
        case .setHorizon(let d): return "setHorizon \(d) days"
        case .ownNetworkOnly(let on): return "ownNetworkOnly \(on)"
        }
    }
}

extension ResolvedScenario {
    /// The resolved scenario, readable (YAML): where everything came from and
    /// what the landscape looks like after the changes.
    public var resolvedYAML: String {
        func q(_ s: String) -> String {
            let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
            return "\"" + escaped + "\""
        }
        let l = input.landscape
        var out = "# resolved scenario (careplace scenario run --print-resolved)\n"
        out += "name: \(q(name))\n"
        if let description { out += "description: \(q(description))\n" }
        out += "chain:\n" + chain.map { "  - \(q($0))\n" }.joined()
        out += "landscape: \(q(landscapePath))\ncases: \(q(casesPath))\n"
        out += "changes:\n"
        if changes.isEmpty { out += "  []\n" }
        for c in changes {
            out += "  - { change: \(q(c.change.summary)), from: \(q(c.file + (c.line.map { ":\($0)" } ?? ""))), at: \(q(c.path)) }\n"
        }
        let places = l.services.reduce(0) { $0 + $1.capacity }
        out += "result:\n"
        out += "  planningDate: \(l.planningDate)\n  horizonDays: \(l.horizonDays)\n  ownNetworkOnly: \(l.ownNetworkOnly)\n"
        let w = l.weights
        out += "  weights: { " + w.yamlGroups.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + " }\n"
        out += "  facilities: \(l.facilities.count)\n  teams: \(l.services.filter(\.isTeam).count)\n"
        out += "  services: \(l.services.count)\n  places: \(places)\n  cases: \(input.cases.count)\n"
        return out
    }
}

/// What a scenario run leaves behind so that its result can be audited and
/// re-run: the resolved scenario, hashes of every input, the plan's outputs
/// and the solver's statistics.
public struct RunRecord: Encodable, Sendable {
    public struct File: Encodable, Sendable {
        public var path: String
        public var sha256: String
    }
    public struct Change: Encodable, Sendable {
        public var change: String
        public var file: String
        public var line: Int?
        public var at: String
    }
    public struct Solver: Encodable, Sendable {
        public var name: String
        public var status: String
        public var objective: Double
        public var bound: Double?
        public var gap: Double?
        public var columnsUsed: Int
        public var columnsInFullModel: Int
        public var pricingRounds: Int
        public var simplexIterations: Int
        public var solveSeconds: Double
    }
    public var scenario: String
    public var description: String?
    public var scenarioFiles: [File]
    public var landscape: File
    public var cases: File
    public var changes: [Change]
    public var overrides: [String]
    /// Under ownNetworkOnly: pins kept outside the child's network ("C-1 at S-2").
    public var pinsOutsideOwnNetwork: [String]?
    public var solver: Solver
    public var outputs: [String]
    public var rerun: String

    public init(_ scenario: ResolvedScenario, plan: Plan, solverName: String, reproducible: Bool, outputs: [String]) {
        func file(_ path: String) -> File {
            File(path: path, sha256: FileManager.default.contents(atPath: path).map { SHA256.hex([UInt8]($0)) } ?? "unreadable")
        }
        self.scenario = scenario.name
        description = scenario.description
        scenarioFiles = scenario.chain.map(file)
        landscape = file(scenario.landscapePath)
        cases = file(scenario.casesPath)
        changes = scenario.changes.map { Change(change: $0.change.summary, file: $0.file, line: $0.line, at: $0.path) }
        overrides = scenario.overrides
        let planned = plan.problem.landscape
        pinsOutsideOwnNetwork = planned.ownNetworkOnly
            ? planned.pinsOutsideOwnNetwork(plan.problem.cases).map { "\($0.case) at \($0.service)" } : nil
        solver = Solver(
            name: solverName, status: plan.status.rawValue, objective: PlanReport.rounded(plan.objective),
            bound: plan.bound.map(PlanReport.rounded), gap: plan.gap.map(PlanReport.rounded),
            columnsUsed: plan.columnsUsed, columnsInFullModel: plan.problem.columnCount, pricingRounds: plan.pricingRounds,
            simplexIterations: plan.simplexIterations, solveSeconds: reproducible ? 0 : PlanReport.rounded(plan.solveSeconds))
        self.outputs = outputs
        // POSIX shell quoting: plain words as they are, anything else in single quotes
        func shell(_ word: String) -> String {
            let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
                ($0.properties.isAlphabetic && $0.isASCII) || "0123456789-_./=@,:+".unicodeScalars.contains($0)
            }
            return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        rerun = (["careplace", "scenario", "run", scenario.chain.last ?? ""] + scenario.overrides.flatMap { ["--set", $0] })
            .map(shell).joined(separator: " ")
    }

    public var json: String { PlanReport.jsonFile(self) ?? "{}\n" }
}
