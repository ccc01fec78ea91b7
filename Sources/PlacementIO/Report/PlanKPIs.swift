public import Placement
package import PlacementModel

/// Summary statistics of a distribution: mean and nearest-rank percentiles.
public struct Distribution: Sendable, Encodable, Equatable {
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var max: Double

    public init(_ values: [Double]) {
        guard !values.isEmpty else {
            self.init(mean: 0, p50: 0, p90: 0, max: 0)
            return
        }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double {
            // nearest rank: the smallest value with at least p of the values at or below it
            let k = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, k - 1))]
        }
        self.init(mean: sorted.reduce(0, +) / Double(sorted.count), p50: rank(0.5), p90: rank(0.9), max: sorted[sorted.count - 1])
    }

    public init(mean: Double, p50: Double, p90: Double, max: Double) {
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.max = max
    }
}

public struct Utilisation: Sendable, Encodable, Equatable {
    /// Places within the horizon of services offering the care type.
    public var places: Int
    /// Of those, taken in this plan.
    public var used: Int
    public var share: Double
}

/// The KPIs of SPEC §4, computed from a plan. Distances and waits are over
/// placed children.
public struct PlanKPIs: Sendable, Encodable, Equatable {
    public var cases: Int
    public var placed: Int
    public var unplaced: Int
    public var distanceKm: Distribution
    public var waitDays: Distribution
    /// Placed children helped at home (day treatment or outreach), as a share of the placed.
    public var shareHomeBased: Double
    /// Placed children whose service is in another network than their region's.
    public var shareOutsideNetwork: Double
    public var unplacedByUrgency: [String: Int]
    /// By care type id: places of the services offering it, and how many are used.
    public var utilisationByCareType: [String: Utilisation]

    public init(_ plan: Plan) {
        let problem = plan.problem
        let placed = plan.assignments.compactMap(\.candidate)
        cases = plan.assignments.count
        self.placed = placed.count
        unplaced = cases - placed.count
        distanceKm = Distribution(placed.map(\.distanceKm))
        waitDays = Distribution(placed.map { Double($0.waitDays) })
        (shareHomeBased, shareOutsideNetwork) = Self.shares(of: placed, in: problem.landscape)
        var byUrgency = Dictionary(uniqueKeysWithValues: Urgency.allCases.map { ($0.rawValue, 0) })
        for (ci, a) in plan.assignments.enumerated() where !a.isPlaced {
            byUrgency[problem.cases[ci].urgency.rawValue, default: 0] += 1
        }
        unplacedByUrgency = byUrgency
        let (places, used) = Self.serviceUse(plan)
        var utilisation: [String: Utilisation] = [:]
        for t in problem.landscape.careTypes {
            var p = 0, u = 0
            for (si, s) in problem.landscape.services.enumerated() where s.careTypes.contains(t.id) {
                p += places[si]
                u += used[si]
            }
            utilisation[t.id.rawValue] = Utilisation(places: p, used: u, share: p == 0 ? 0 : Double(u) / Double(p))
        }
        utilisationByCareType = utilisation
    }

    /// Of placed children: the share helped at home, and the share placed
    /// outside their own network.
    package static func shares(of placed: [Candidate], in landscape: Landscape) -> (homeBased: Double, outsideNetwork: Double) {
        guard !placed.isEmpty else { return (0, 0) }
        let home = placed.filter { landscape.services[$0.serviceIndex].mode.isHomeBased }.count
        let outside = placed.filter(\.outsideNetwork).count
        return (Double(home) / Double(placed.count), Double(outside) / Double(placed.count))
    }

    /// Per service (by index): its places within the horizon, and how many the plan uses.
    package static func serviceUse(_ plan: Plan) -> (places: [Int], used: [Int]) {
        var places = [Int](repeating: 0, count: plan.problem.landscape.services.count)
        var used = places
        for g in plan.problem.slotGroups { places[g.service] += g.count }
        for a in plan.assignments { if let c = a.candidate { used[c.serviceIndex] += 1 } }
        return (places, used)
    }
}
