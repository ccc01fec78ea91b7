import LinearProgramming
import PlacementModel

extension Planner {
    /// A pinned case must get its service: say plainly when it cannot.
    func checkPins(_ problem: PlacementProblem) throws {
        var causes: [String] = []
        let distance = DistanceRule(landscape: problem.landscape)
        for (ci, c) in problem.cases.enumerated() {
            guard let pin = c.pinnedService, problem.pairRanges[ci].isEmpty else { continue }
            guard let s = problem.landscape.services.first(where: { $0.id == pin }) else {
                causes.append("case \(c.id) is pinned to \(pin), which is not in the landscape")
                continue
            }
            if let why = CompatibilityRule.check(c, s, distanceKm: distance.km(from: c, to: s), outsideNetworkBanned: problem.landscape.bansPlacement(of: c, at: s)) {
                causes.append("case \(c.id) is pinned to \(pin), which \(why)")
            } else {
                causes.append("case \(c.id) is pinned to \(pin), which has no place free within the horizon (until \(problem.landscape.horizonEnd))")
            }
        }
        if !causes.isEmpty { throw InfeasiblePlanError(causes: causes) }
    }

    /// After an infeasible solve: services with more pinned cases than places
    /// within the horizon, or side constraints between pinned cases.
    func pinConflicts(_ problem: PlacementProblem) -> [String] {
        var causes: [String] = []
        var pinned: [ServiceID: [CaseID]] = [:]
        for c in problem.cases { if let p = c.pinnedService { pinned[p, default: []].append(c.id) } }
        for (si, s) in problem.landscape.services.enumerated() {
            guard let ids = pinned[s.id] else { continue }
            let places = problem.groupsOfService[si].reduce(0) { $0 + problem.slotGroups[$1].count }
            if ids.count > places {
                causes.append("\(ids.count) cases are pinned to \(s.id) (\(ids.map(\.rawValue).joined(separator: ", "))), which has \(places) place\(places == 1 ? "" : "s") within the horizon")
            }
        }
        if causes.isEmpty {
            let pinnedCases = problem.cases.filter { $0.pinnedService != nil }.map(\.id.rawValue)
            causes.append("the pins of \(pinnedCases.joined(separator: ", ")) cannot all hold together with the sibling and conflict rules")
        }
        return causes
    }
}
