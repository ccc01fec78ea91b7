import Foundation
public import Placement
import PlacementModel

/// The outputs of `careplace value` (SPEC §8): capacity-value.csv and .json,
/// best first, and the terminal's top N with who would get the place.
public struct CapacityValueReport: Sendable {
    public let result: CapacityValuation.Result
    /// The values, best first: addOne ascending, then service id.
    public let ranked: [ServiceValue]

    public init(_ result: CapacityValuation.Result) {
        self.result = result
        let services = result.problem.landscape.services
        // by the value as written (rounding noise does not reorder equal values), then by id
        ranked = result.values.sorted {
            (PlanReport.rounded($0.addOne.objectiveDelta), services[$0.service].id.rawValue)
                < (PlanReport.rounded($1.addOne.objectiveDelta), services[$1.service].id.rawValue)
        }
    }

    public static let csvColumns = [
        "service", "facilityOrTeam", "region", "network", "careTypes", "mode", "capacity", "freeNow",
        "addOne", "removeOne", "placedDelta", "waitDaysDelta", "kmDelta",
    ]

    struct Row: Encodable {
        var service, facilityOrTeam, region, network: String
        var careTypes: [String]
        var mode: String
        var capacity, freeNow: Int
        var addOne: Double
        var removeOne: Double?
        var placedDelta, waitDaysDelta: Int
        var kmDelta: Double
        /// Who would be at the service with the extra place who is not now.
        var gets: [String]
        var removeOneMoves: Moves?
        var replanned: Bool
    }

    struct Moves: Encodable {
        var placedDelta, waitDaysDelta: Int
        var kmDelta: Double
    }

    func row(_ v: ServiceValue) -> Row {
        let l = result.problem.landscape
        let s = l.services[v.service]
        let network = l.networkOfRegion[s.region]?.rawValue ?? ""
        return Row(
            service: s.id.rawValue, facilityOrTeam: s.facility?.rawValue ?? s.id.rawValue, region: s.region.rawValue, network: network,
            careTypes: s.careTypes.map(\.rawValue), mode: s.mode.rawValue, capacity: s.capacity, freeNow: v.freeNow,
            addOne: PlanReport.rounded(v.addOne.objectiveDelta), removeOne: v.removeOne.map { PlanReport.rounded($0.objectiveDelta) },
            placedDelta: v.addOne.placedDelta, waitDaysDelta: v.addOne.waitDaysDelta, kmDelta: PlanReport.rounded(v.addOne.kmDelta),
            gets: v.addOne.arriving.map(\.rawValue),
            removeOneMoves: v.removeOne.map { Moves(placedDelta: $0.placedDelta, waitDaysDelta: $0.waitDaysDelta, kmDelta: PlanReport.rounded($0.kmDelta)) },
            replanned: v.addOne.replanned || v.removeOne?.replanned == true)
    }

    public var csv: String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for v in ranked {
            let r = row(v)
            let fields = [
                r.service, r.facilityOrTeam, r.region, r.network, r.careTypes.joined(separator: "|"), r.mode, String(r.capacity),
                String(r.freeNow), PlanReport.fixed(v.addOne.objectiveDelta, 6), v.removeOne.map { PlanReport.fixed($0.objectiveDelta, 6) } ?? "",
                String(r.placedDelta), String(r.waitDaysDelta), PlanReport.fixed(v.addOne.kmDelta, 3),
            ]
            lines.append(fields.map { PlanReport.csvField($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        struct File: Encodable {
            var planningDate: String
            var objective: Double
            var placed: Int
            var services: [Row]
        }
        let file = File(
            planningDate: result.problem.landscape.planningDate.description, objective: PlanReport.rounded(result.base.objective),
            placed: result.base.placed, services: ranked.map(row))
        return PlanReport.jsonFile(file) ?? "{}\n"
    }

    /// Who would get the extra place, in words: the first child arriving at
    /// the service, where it was, and what the plan gains in all.
    public func why(_ v: ServiceValue) -> String {
        let change = v.addOne
        guard change.objectiveDelta < -1e-9 else {
            return "no child would be better off: the places there are not what the waiting children need"
        }
        guard let first = change.arriving.first, let c = result.problem.cases.firstIndex(where: { $0.id == first }) else {
            let sooner = change.sooner.max { $0.days < $1.days }
            return sooner.map { "\($0.child) would start \($0.days) days sooner there" } ?? "the plan gains elsewhere"
        }
        let services = result.problem.landscape.services
        let was = result.base.services[c].map { "now at \(services[$0].id)" } ?? "now without a place"
        var text = "\(first) would get it (\(was))"
        if change.arriving.count > 1 { text += ", and \(change.arriving.count - 1) more move in behind" }
        let km = PlanReport.fixed(change.kmDelta, 1)
        return text + "; \(change.placedDelta >= 0 ? "+" : "")\(change.placedDelta) placed, \(change.waitDaysDelta >= 0 ? "+" : "")\(change.waitDaysDelta) wait days, \(change.kmDelta >= 0 ? "+" : "")\(km) km in all"
    }

    /// The top `n` for the terminal, one line each on why.
    public func text(top n: Int) -> String {
        let l = result.problem.landscape
        var out = "where one more place helps most (\(l.services.count) services; plan objective \(PlanReport.fixed(result.base.objective, 2)), \(result.base.placed) of \(result.problem.cases.count) placed)\n"
        for (rank, v) in ranked.prefix(n).enumerated() {
            let s = l.services[v.service]
            let types = s.careTypes.map(\.rawValue).joined(separator: "/")
            out += String(format: "%3d  ", rank + 1) + "\(s.id) (\(types), \(s.region))  addOne \(PlanReport.fixed(v.addOne.objectiveDelta, 2))"
            out += v.removeOne.map { ", removeOne +\(PlanReport.fixed($0.objectiveDelta, 2))" } ?? ""
            out += "\n     \(why(v))\n"
        }
        return out
    }

    /// `--per careType,network`: per care type and network, the service of
    /// that type there where one more place helps most.
    public var perCareTypeAndNetwork: [(careType: String, network: String, service: ServiceValue)] {
        let l = result.problem.landscape
        var best: [String: (String, String, ServiceValue)] = [:]
        for v in ranked {
            let s = l.services[v.service]
            let network = l.networkOfRegion[s.region]?.rawValue ?? ""
            for t in s.careTypes where best["\(t)\u{0}\(network)"] == nil {
                best["\(t)\u{0}\(network)"] = (t.rawValue, network, v)
            }
        }
        return best.values.sorted {
            (PlanReport.rounded($0.2.addOne.objectiveDelta), $0.0, $0.1) < (PlanReport.rounded($1.2.addOne.objectiveDelta), $1.0, $1.1)
        }
    }

    public var perCSV: String {
        let l = result.problem.landscape
        var lines = ["careType,network,service,addOne,placedDelta,waitDaysDelta,kmDelta"]
        for (t, n, v) in perCareTypeAndNetwork {
            lines.append([t, n, l.services[v.service].id.rawValue, PlanReport.fixed(v.addOne.objectiveDelta, 6), String(v.addOne.placedDelta),
                          String(v.addOne.waitDaysDelta), PlanReport.fixed(v.addOne.kmDelta, 3)].map { PlanReport.csvField($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
