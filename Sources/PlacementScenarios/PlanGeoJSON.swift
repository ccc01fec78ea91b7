import DutchLandscape
import Foundation
public import Placement
import PlacementIO
import PlacementModel

/// `solve --geojson FILE` (SPEC §9): the plan on a map, as GeoJSON that QGIS
/// and geojson.io open as is. Facilities and teams are points with their
/// places (capacity, used by the plan, free within the horizon); where the
/// regions are the Dutch youth-care regions, each is a polygon with its
/// children placed, unplaced and their mean wait. No child's home appears.
public struct PlanGeoJSON: Sendable {
    let plan: Plan

    public init(_ plan: Plan) { self.plan = plan }

    static func number(_ x: Double, _ digits: Int = 6) -> String { GeoJSONText.number(x, digits) }
    static func string(_ s: String) -> String { GeoJSONText.string(s) }
    static func properties(_ pairs: [(String, String)]) -> String { GeoJSONText.properties(pairs) }

    public var document: String {
        GeoJSONText.collection(places() + regions())
    }

    /// Per facility (its services together) and per team: places within the
    /// horizon, how many the plan uses, how many stay free.
    func places() -> [String] {
        let problem = plan.problem, l = problem.landscape
        var used = [Int](repeating: 0, count: l.services.count)
        for a in plan.assignments { if let c = a.candidate { used[c.serviceIndex] += 1 } }
        let slots = l.services.indices.map { s in problem.groupsOfService[s].reduce(0) { $0 + problem.slotGroups[$1].count } }
        func feature(id: String, name: String, kind: String, at point: GeoPoint, services: [Int]) -> String {
            let capacity = services.reduce(0) { $0 + l.services[$1].capacity }
            let inUse = services.reduce(0) { $0 + used[$1] }, within = services.reduce(0) { $0 + slots[$1] }
            let types = Array(Set(services.flatMap { l.services[$0].careTypes.map(\.rawValue) })).sorted()
            let props = Self.properties([
                ("id", Self.string(id)), ("name", Self.string(name)), ("kind", Self.string(kind)),
                ("careTypes", "[" + types.map(Self.string).joined(separator: ",") + "]"),
                ("capacity", String(capacity)), ("used", String(inUse)), ("free", String(max(0, within - inUse))),
            ])
            return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(Self.number(point.lon)),\(Self.number(point.lat))]},\"properties\":\(props)}"
        }
        var out: [String] = []
        for f in l.facilities {
            let services = l.services.indices.filter { l.services[$0].facility == f.id }
            out.append(feature(id: f.id.rawValue, name: f.name, kind: "facility", at: f.location, services: services))
        }
        for (s, t) in l.services.enumerated() where t.isTeam {
            out.append(feature(id: t.id.rawValue, name: t.name, kind: "team", at: t.location, services: [s]))
        }
        return out
    }

    /// The Dutch youth-care regions with their children's outcomes (by home
    /// region); none when the landscape's regions are not those.
    func regions() -> [String] {
        let problem = plan.problem, l = problem.landscape
        var placed: [RegionID: Int] = [:], unplaced: [RegionID: Int] = [:], wait: [RegionID: Int] = [:]
        for (c, a) in zip(problem.cases, plan.assignments) {
            if let candidate = a.candidate {
                placed[c.region, default: 0] += 1
                wait[c.region, default: 0] += candidate.waitDays
            } else {
                unplaced[c.region, default: 0] += 1
            }
        }
        return l.regions.compactMap { region in
            guard let rings = DutchGeography.outline(ofRegion: region.id.rawValue) ?? DutchGeography.outline(ofRegion: region.name) else { return nil }
            let polygons = rings.map { ring -> String in
                var points = ring.filter { $0.count == 2 }
                if let first = points.first, first != points.last { points.append(first) }
                return "[[" + points.map { "[\(Self.number($0[0]))," + "\(Self.number($0[1]))]" }.joined(separator: ",") + "]]"
            }
            let p = placed[region.id] ?? 0
            let props = Self.properties([
                ("id", Self.string(region.id.rawValue)), ("name", Self.string(region.name)), ("kind", Self.string("region")),
                ("network", Self.string(region.network.rawValue)), ("placed", String(p)), ("unplaced", String(unplaced[region.id] ?? 0)),
                ("meanWaitDays", p == 0 ? "null" : Self.number(Double(wait[region.id] ?? 0) / Double(p), 2)),
            ])
            return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[\(polygons.joined(separator: ","))]},\"properties\":\(props)}"
        }
    }
}
