import Foundation
import Placement
import PlacementModel

extension Replication {
    /// A plan of everyone waiting, with the places as the planner sees them
    /// today; the children it starts today take their places. Without a
    /// free place anywhere nobody can start today, so no plan is made.
    mutating func plan(on d: Int) throws {
        guard !waiting.isEmpty, places.indices.contains(where: { free($0) > 0 }) else { return }
        let problem = PlacementProblem(landscape: landscape(on: d), cases: waiting.map(\.child.profile))
        let plan = try planner.plan(problem)
        tally.plans += 1
        if plan.status != .optimal { tally.plansAtTimeLimit += 1 }
        let today = day0 + d
        let starting = plan.assignments.indices.filter { plan.assignments[$0].candidate?.start == today }.sorted { a, b in
            let x = waiting[a], y = waiting[b]
            return (x.child.profile.urgency, x.ready, x.child.serial) < (y.child.profile.urgency, y.ready, y.child.serial)
        }
        var started = Set<Int>()
        for i in starting {
            guard let candidate = plan.assignments[i].candidate, free(candidate.serviceIndex) > 0 else { continue }
            start(waiting[i], candidate, on: d)
            started.insert(i)
        }
        waiting = waiting.indices.filter { !started.contains($0) }.map { waiting[$0] }
        // pins are the coordinator's for the first week; later plans are free
        for k in waiting.indices { waiting[k].child.profile.pinnedService = nil }
    }

    /// Places of service s free right now (blocked ones are not).
    func free(_ s: Int) -> Int { simulation.input.landscape.services[s].capacity - places[s].count }

    /// The landscape as the planner sees it on day d: occupied places with
    /// their expected release dates (a past one counts as today; a place
    /// held by a child waiting for its next step, beyond the horizon).
    func landscape(on d: Int) -> Landscape {
        var l = simulation.input.landscape
        l.planningDate = day0 + d
        let beyond = d + l.horizonDays + 1
        for s in l.services.indices {
            l.services[s].occupied = places[s].map { day0 + ($0.blocked ? beyond : max($0.expected, d)) }
        }
        return l
    }

    mutating func start(_ waiter: Waiter, _ candidate: Candidate, on d: Int) {
        assert(waiter.ready <= d, "a child starts before it is ready")
        var child = waiter.child
        let service = simulation.input.landscape.services[candidate.serviceIndex]
        let stay = simulation.stay(candidate.careType)
        let days = Draw.stayDays(stay, &child.stays)
        if let s = waiter.blockedAt { unblock(child.serial, at: s) }
        places[candidate.serviceIndex].append(Occupant(
            child: child, ends: d + days, expected: d + max(1, Int(stay.meanDays.rounded())),
            careType: candidate.careType, residential: service.mode == .residential))
        tally.started(on: d, wait: d - waiter.ready, candidate: candidate, homeBased: service.mode.isHomeBased)
    }
}

/// The day-0 waiting list as profiles for new children: needs, age, sex,
/// urgency, region and flags; never siblings, conflicts, pins or forbidden
/// services. A network's profiles are drawn in proportion to its multiplier.
struct ProfilePool: Sendable {
    let profiles: [Case]
    /// The day-0 list's ids, which new children's ids must avoid.
    let inputIDs: Set<CaseID>
    let cumulative: [Double]
    let ratePerDay: Double

    init(_ simulation: Simulation) {
        let landscape = simulation.input.landscape
        let networkOf = landscape.networkOfRegion
        inputIDs = Set(simulation.input.cases.map(\.id))
        profiles = simulation.input.cases.map { c in
            var p = Case(id: c.id, home: c.home, region: c.region, age: c.age, needs: c.needs)
            p.sex = c.sex
            p.urgency = c.urgency
            p.requiresSecure = c.requiresSecure
            p.homeBasedPossible = c.homeBasedPossible
            p.maxDistanceKm = c.maxDistanceKm
            return p
        }
        var sum = 0.0
        cumulative = profiles.map { p in
            sum += networkOf[p.region].flatMap { simulation.arrivals.byNetwork[$0] } ?? 1
            return sum
        }
        ratePerDay = profiles.isEmpty ? 0 : simulation.arrivals.perWeek / 7 * sum / Double(profiles.count)
    }

    /// A profile, its home moved up to 3 km north or south and east or west.
    func draw(_ rng: inout SplitMix64) -> Case? {
        guard !profiles.isEmpty, (cumulative.last ?? 0) > 0 else { return nil }
        var p = profiles[rng.index(cumulative: cumulative)]
        let dlat = rng.double(-3...3) / 111.2
        let dlon = rng.double(-3...3) / (111.2 * max(0.1, cos(p.home.lat * Double.pi / 180)))
        p.home = GeoPoint(lat: min(90, max(-90, p.home.lat + dlat)), lon: min(180, max(-180, p.home.lon + dlon)))
        return p
    }
}
