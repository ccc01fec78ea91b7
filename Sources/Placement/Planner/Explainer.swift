import PlacementModel

/// Finds why a case was not placed, in terms a coordinator can act on: which
/// rule excluded the nearest services, or which compatible services were full
/// and who took their places (other cases by pseudonymous id only).
struct Explainer {
    let problem: PlacementProblem
    let chosen: [ColumnKey?]
    let takenBy: [Int: [Int]]

    func whyUnplaced(_ ci: Int) -> Explanation {
        let c = problem.cases[ci]
        let services = problem.landscape.services
        let distance = DistanceRule(landscape: problem.landscape)
        if problem.pairRanges[ci].isEmpty {
            // which services pass every rule but have no place within the horizon?
            var full: [(Service, Double)] = []
            var excluded: [(Service, Double, Incompatibility)] = []
            for s in services where CompatibilityRule.careType(c, s) == nil {
                let km = distance.km(from: c, to: s)
                if let why = CompatibilityRule.check(c, s, distanceKm: km, outsideNetworkBanned: problem.landscape.bansPlacement(of: c, at: s)) {
                    excluded.append((s, km, why))
                } else {
                    full.append((s, km))
                }
            }
            if !full.isEmpty {
                let nearest = full.sorted { $0.1 < $1.1 }.prefix(3).map { s, km in Explanation.ServiceAtDistance(service: s.id, distanceKm: km) }
                return .noPlaceWithinHorizon(nearest, horizonEnd: problem.landscape.horizonEnd)
            }
            if excluded.isEmpty { return .careNotOffered(needs: c.needs) }
            return .excluded(excluded.sorted { $0.1 < $1.1 }.prefix(3).map { s, km, why in
                Explanation.Exclusion(service: s.id, distanceKm: km, rule: why)
            })
        }
        // compatible places exist: say what happened to the cheapest ones
        var seen = Set<Int>()
        var outcomes: [Explanation.ServiceOutcome] = []
        let unplacedCost = problem.costModel.unplacedCost(c)
        // each compatible service's cheapest column (the earliest of equal
        // ones), cheapest services first; only those told are expanded
        let cheapest = problem.pairRanges[ci].map { p -> (cost: Double, service: Int, key: ColumnKey) in
            let pair = problem.pairs[p]
            var best = ColumnKey(pair: Int32(p), group: -1), bestCost = Double.infinity
            for g in problem.groupsOfService[Int(pair.serviceIndex)] {
                let key = ColumnKey(pair: Int32(p), group: Int32(g))
                let cost = problem.cost(key)
                if cost < bestCost { (best, bestCost) = (key, cost) }
            }
            return (bestCost, Int(pair.serviceIndex), best)
        }.sorted { ($0.cost, $0.service) < ($1.cost, $1.service) }
        for (_, _, key) in cheapest where key.group >= 0 {
            let candidate = problem.candidate(key)
            guard seen.insert(candidate.serviceIndex).inserted else { continue }
            let groups = problem.groupsOfService[candidate.serviceIndex]
            let takers = groups.flatMap { takenBy[$0] ?? [] }.map { problem.cases[$0].id }
            let places = groups.reduce(0) { $0 + problem.slotGroups[$1].count }
            let outcome: Explanation.Outcome
            if takers.count >= places {
                outcome = .taken(places: places, by: takers)
            } else if candidate.cost >= unplacedCost {
                outcome = .costsMore(release: candidate.release, cost: candidate.cost, unplacedCost: unplacedCost)
            } else {
                outcome = .sideRules
            }
            outcomes.append(Explanation.ServiceOutcome(
                service: services[candidate.serviceIndex].id, distanceKm: candidate.distanceKm, outcome: outcome))
            if outcomes.count == 3 { break }
        }
        return .placesWentElsewhere(outcomes)
    }
}
