import Foundation
import PlacementModel
import PlacementIO
import PlacementScenarios

/// What the outputs say about a simulation besides its results (also what
/// a shard records, so that a merge needs no input files).
public struct SimulationInfo: Sendable, Hashable, Codable {
    public var name: String
    public var weeks: Int
    public var warmUpWeeks: Int
    public var seed: UInt64
    public var replications: Int
    /// The landscape's care types, in its order (occupancy columns).
    public var careTypes: [String]
    /// SHA-256 of the contents of the simulation file and every input file
    /// it names: shards of different files (or of a file edited between
    /// shards) do not merge.
    public var inputs: String

    public init(_ s: Simulation) {
        name = s.name
        weeks = s.weeks
        warmUpWeeks = s.warmUpWeeks
        seed = s.seed
        replications = s.replications
        careTypes = s.input.landscape.careTypes.map(\.id.rawValue)
        // the contents only: shards may run where the files have other paths
        var bytes: [UInt8] = []
        for path in [s.file] + s.inputFiles {
            bytes += Array(FileManager.default.contents(atPath: path) ?? Data())
            bytes.append(0)
        }
        inputs = SHA256.hex(bytes)
    }
}

/// A simulation's results over its replications: `summary.json` and
/// `weekly.csv` (SPEC §7), and a table for the terminal.
public struct SimulationSummary: Sendable {
    public var simulation: SimulationInfo
    /// In replication order.
    public var results: [ReplicationResult]

    public init(_ simulation: Simulation, results: [ReplicationResult]) {
        self.init(SimulationInfo(simulation), results: results)
    }

    public init(_ info: SimulationInfo, results: [ReplicationResult]) {
        simulation = info
        self.results = results
    }

    /// Per KPI (in SPEC §7's order) its estimate over the replications.
    public var kpis: [(name: String, estimate: Estimate?)] {
        guard let first = results.first else { return [] }
        return first.kpis.indices.map { k in
            (first.kpis[k].name, Estimate(results.compactMap { $0.kpis[k].value }))
        }
    }

    public var plans: Int { results.reduce(0) { $0 + $1.plans } }
    public var plansAtTimeLimit: Int { results.reduce(0) { $0 + $1.plansAtTimeLimit } }

    /// A number in the outputs: six decimals, the same on every machine.
    static func number(_ x: Double) -> String { PlanReport.fixed(PlanReport.rounded(x), 6) }

    /// An estimate as JSON (null when no replication had a value).
    static func json(_ e: Estimate?) -> String {
        guard let e else { return "null" }
        let ci = e.ci95.map { "[\(number($0.lowerBound)), \(number($0.upperBound))]" } ?? "null"
        return "{ \"mean\": \(number(e.mean)), \"ci95\": \(ci), \"sd\": \(number(e.sd)), \"replications\": \(e.count) }"
    }

    public var json: String {
        var lines = [
            "{",
            "  \"name\": \(Self.jsonString(simulation.name)),",
            "  \"replications\": \(results.count),",
            "  \"weeks\": \(simulation.weeks),",
            "  \"warmUpWeeks\": \(simulation.warmUpWeeks),",
            "  \"seed\": \(simulation.seed),",
            "  \"plans\": \(plans),",
            "  \"plansAtTimeLimit\": \(plansAtTimeLimit),",
            "  \"kpis\": {",
        ]
        let entries = kpis.map { name, e in "    \(Self.jsonString(name)): \(Self.json(e))" }
        lines.append(entries.joined(separator: ",\n"))
        lines += ["  }", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    public var weeklyCSV: String {
        let types = simulation.careTypes
        var rows = [(["replication", "week", "waiting", "longestWaitDays", "started", "waitDaysMean", "blockedPlaceDays"] + types.map { "occupancy.\($0)" })
            .map { PlanReport.csvField($0) }.joined(separator: ",")]
        for (r, result) in results.enumerated() {
            for w in result.weeks {
                let fields = [String(r + 1), String(w.week), String(w.waiting), String(w.longestWaitDays), String(w.started),
                              w.waitDaysMean.map { Self.number($0) } ?? "", String(w.blockedPlaceDays)]
                    + w.occupancy.map { $0.map { Self.number($0) } ?? "" }
                rows.append(fields.joined(separator: ","))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The KPI table: mean and 95% interval per KPI.
    public var text: String {
        var out = "\(simulation.name): \(results.count) replication\(results.count == 1 ? "" : "s") of \(simulation.weeks) weeks"
            + (simulation.warmUpWeeks > 0 ? " after \(simulation.warmUpWeeks) weeks of warm-up" : "")
            + ", \(plans) plans (\(plansAtTimeLimit) stopped at the time limit)\n"
        let width = kpis.map(\.name.count).max() ?? 0
        for (name, e) in kpis {
            let value = e.map { e in
                String(format: "%.2f", e.mean) + (e.ci95.map { String(format: "  (95%% CI %.2f to %.2f)", $0.lowerBound, $0.upperBound) } ?? "")
            } ?? "-"
            out += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value + "\n"
        }
        return out
    }

    static func jsonString(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
