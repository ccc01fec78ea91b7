import Foundation
public import PlacementModel

/// A plan reduced to what a change of capacity moves: the objective, who is
/// placed where, and the totals of waits and distances.
public struct PlanTotals: Sendable, Equatable {
    public var objective: Double
    /// Per case (input order) the index of its service, nil when unplaced.
    public var services: [Int?]
    /// Per case its wait in days, start and distance, nil when unplaced.
    public var waits: [Int?]
    public var starts: [Day?]
    public var distances: [Double?]
    public var placed: Int
    public var waitDays: Int
    public var km: Double

    init(_ problem: PlacementProblem, chosen: [ColumnKey?], objective: Double) {
        self.objective = objective
        // from the pairs and slot groups alone: this runs once per what-if
        services = chosen.map { $0.map { Int(problem.pairs[Int($0.pair)].serviceIndex) } }
        let timing = chosen.map { $0.map(problem.startAndWait) }
        waits = timing.map { $0?.waitDays }
        starts = timing.map { $0?.start }
        distances = chosen.map { $0.map { problem.pairs[Int($0.pair)].distanceKm } }
        placed = chosen.count { $0 != nil }
        waitDays = waits.reduce(0) { $0 + ($1 ?? 0) }
        km = 0
        for d in distances { km += d ?? 0 }
    }

    init(_ plan: Plan) {
        objective = plan.objective
        services = plan.assignments.map { $0.candidate?.serviceIndex }
        waits = plan.assignments.map { $0.candidate?.waitDays }
        starts = plan.assignments.map { $0.candidate?.start }
        distances = plan.assignments.map { $0.candidate?.distanceKm }
        placed = plan.assignments.filter(\.isPlaced).count
        waitDays = plan.assignments.compactMap(\.candidate).reduce(0) { $0 + $1.waitDays }
        km = plan.assignments.compactMap(\.candidate).reduce(0) { $0 + $1.distanceKm }
    }
}

/// What one place more or fewer at a service changes, exactly: the optimal
/// objective's change (equal to planning again with `setCapacity`), and
/// what moves.
public struct CapacityChange: Sendable, Equatable {
    public var objectiveDelta: Double
    public var placedDelta: Int
    public var waitDaysDelta: Int
    public var kmDelta: Double
    /// Children at the service in the new plan who were not there before
    /// (who would get the place, and who moves in behind them).
    public var arriving: [CaseID]
    /// Children placed before and unplaced now, or the other way round.
    public var newlyPlaced: [CaseID]
    public var newlyUnplaced: [CaseID]
    /// Children at the service before and after who start sooner, by how
    /// many days (the extra place is an earlier one).
    public var sooner: [Sooner]

    public struct Sooner: Sendable, Equatable {
        public var child: CaseID
        public var days: Int
    }
    /// True when a cold plan was needed (sibling or conflict rules).
    public var replanned: Bool

    init(from base: PlanTotals, to changed: PlanTotals, service: Int, cases: [Case], replanned: Bool) {
        objectiveDelta = changed.objective - base.objective
        placedDelta = changed.placed - base.placed
        waitDaysDelta = changed.waitDays - base.waitDays
        kmDelta = changed.km - base.km
        arriving = []
        newlyPlaced = []
        newlyUnplaced = []
        sooner = []
        for (c, (before, after)) in zip(base.services, changed.services).enumerated() {
            if after == service && before != service { arriving.append(cases[c].id) }
            if after == service && before == service, let was = base.waits[c], let now = changed.waits[c], now < was {
                sooner.append(Sooner(child: cases[c].id, days: was - now))
            }
            if before == nil && after != nil { newlyPlaced.append(cases[c].id) }
            if before != nil && after == nil { newlyUnplaced.append(cases[c].id) }
        }
        self.replanned = replanned
    }
}

/// One service's value: `addOne` (≤ 0) and `removeOne` (≥ 0, nil without a
/// free place on the planning date), SPEC §8.
public struct ServiceValue: Sendable, Equatable {
    public var service: Int
    public var freeNow: Int
    public var addOne: CapacityChange
    public var removeOne: CapacityChange?
}
