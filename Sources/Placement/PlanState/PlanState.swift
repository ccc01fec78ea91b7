public import PlacementModel

/// An optimal plan with what a warm re-solve needs: the flow and its node
/// potentials. A change of one service's capacity, or one case pinned to a
/// service, is answered by a few shortest paths in the flow's residual
/// graph instead of a new plan from scratch, with the same optimal
/// objective as a cold solve of the changed input (the flow stays optimal
/// for what it carries after every step; ``certified()`` proves it again
/// from the duals when wanted).
///
/// For the plan without sibling and conflict rules (the transportation
/// problem): with those rules, solve again with ``Planner``.
public struct PlanState: Sendable {
    var flow: Flow

    public enum Failure: Error, Equatable, Sendable {
        /// Sibling or conflict rules: not a transportation problem.
        case sideConstraints
        /// A problem built without `roomForOneMore`.
        case noRoomForOneMore
        /// The pins ask for more places than there are.
        case pinsCannotHold
        /// The duals did not prove the first plan optimal (numerical trouble).
        case notCertified
        /// A capacity below zero.
        case negativeCapacity(service: ServiceID, capacity: Int)
        /// The case cannot go to the service (a rule excludes it).
        case notCompatible(case: CaseID, service: ServiceID)
    }

    /// Plans the input cold, by the flow, and keeps the flow.
    public init(landscape: Landscape, cases: [Case]) throws(Failure) {
        try self.init(PlacementProblem(landscape: landscape, cases: cases, roomForOneMore: true))
    }

    public init(_ input: PlacementInput) throws(Failure) {
        try self.init(landscape: input.landscape, cases: input.cases)
    }

    /// Plans a problem built with `roomForOneMore` (a place can then be
    /// added to any service) cold, and keeps the flow.
    public init(_ problem: PlacementProblem) throws(Failure) {
        guard problem.roomForOneMore else { throw .noRoomForOneMore }
        guard !problem.hasSideConstraints else { throw .sideConstraints }
        let (outcome, flow) = TransportationSolver(problem: problem).solveKeepingFlow()
        switch outcome {
        case .solved(let solution) where solution.certified: self.flow = flow
        case .solved: throw .notCertified
        case .pinsCannotHold: throw .pinsCannotHold
        case .stopped: throw .notCertified  // nothing asked it to stop
        }
    }

    /// A flow that is optimal for its problem (a side-rule search's node).
    init(flow: Flow) { self.flow = flow }

    /// The problem as it is now (capacities and pins changed), with a slot
    /// group on the planning date for every service.
    public var problem: PlacementProblem { flow.problem }

    /// Per case (input order) its column, nil when unplaced.
    public var assignments: [ColumnKey?] { flow.columns() }

    /// The plan's objective (SPEC §3), in km-equivalents.
    public var objective: Double { flow.objective() }

    /// The plan's totals (each case's service, wait, start, distance; the
    /// objective), the flow's columns read once.
    var totals: PlanTotals {
        let chosen = flow.columns()
        return PlanTotals(flow.problem, chosen: chosen, objective: flow.objective(of: chosen))
    }

    /// Proves the plan optimal again from the flow's potentials, checking
    /// every column's reduced cost (as the cold solve does).
    public func certified() -> Bool {
        TransportationSolver(problem: flow.problem).certify(flow).certified
    }

    /// Service `s` (an index into the landscape's services) with `delta`
    /// more places (fewer when negative), as `setCapacity` would have it:
    /// the places free on the planning date are the capacity minus the
    /// occupied places, when that is positive. Unchanged when it throws.
    public mutating func changeCapacity(ofService s: Int, by delta: Int) throws(Failure) {
        try changeCapacity(ofService: s, by: delta, risingLessThan: .infinity)
    }

    /// The same, wanted only when a place fewer raises the plan's cost by
    /// less than `limit`: its searches stop there, and `pinsCannotHold`
    /// then also says that no such plan exists (a what-if that must beat
    /// a plan found elsewhere).
    mutating func changeCapacity(ofService s: Int, by delta: Int, risingLessThan limit: Double) throws(Failure) {
        var next = self
        try next.applyCapacityChange(ofService: s, by: delta, limit: limit)
        self = next
    }

    /// Case `c` (an index into the cases) may only go to service `s`, as a
    /// pin in the cases file would have it: ``problem`` then is that input's
    /// problem. A case pinned in the input, or here before, has a pair at its
    /// pin only, so it cannot be pinned elsewhere (`notCompatible`; pin a
    /// copy of an earlier state instead). Unchanged when it throws.
    public mutating func pin(case c: Int, toService s: Int) throws(Failure) {
        var next = self
        next.flow.release(case: c)
        guard next.flow.pin(case: c, toService: s) else {
            throw .notCompatible(case: flow.problem.cases[c].id, service: flow.problem.landscape.services[s].id)
        }
        guard next.flow.augment(from: c) else { throw .pinsCannotHold }
        self = next
    }

    /// One place more at service `s` by `tree`, this state's flow after
    /// ``Flow/searchFromSink()``: the same plan as
    /// ``changeCapacity(ofService:by:)`` with 1, without a search of its
    /// own. Its potentials are then stale: read the plan, change nothing more.
    mutating func addPlace(ofService s: Int, along tree: Flow) {
        flow.problem.landscape.services[s].capacity += 1
        let g = flow.problem.groupsOfService[s].lowerBound
        flow.problem.slotGroups[g].count += 1
        flow.addedPlace(group: g, along: tree)
    }

    private mutating func applyCapacityChange(ofService s: Int, by delta: Int, limit: Double) throws(Failure) {
        var service = flow.problem.landscape.services[s]
        let before = SlotRule.freePlaces(service)
        service.capacity += delta
        guard service.capacity >= 0 else { throw .negativeCapacity(service: service.id, capacity: service.capacity) }
        let change = SlotRule.freePlaces(service) - before
        flow.problem.landscape.services[s] = service
        // the planning date's group: the first of the service's (roomForOneMore)
        let g = flow.problem.groupsOfService[s].lowerBound
        let risen = flow.costChange
        for _ in 0..<abs(change) {
            if change > 0 {
                flow.problem.slotGroups[g].count += 1
                flow.addedPlace(group: g)
            } else {
                flow.problem.slotGroups[g].count -= 1
                guard flow.removedPlace(group: g, limit: limit - (flow.costChange - risen)) else { throw .pinsCannotHold }
            }
        }
    }
}
