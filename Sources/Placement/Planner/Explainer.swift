import PlacementModel

/// Says why a case was not placed, in terms a coordinator can act on: which
/// rule excluded the nearest services, or which compatible services were full
/// and who took their places. Mentions other cases by pseudonymous id only.
struct Explainer {
    let problem: PlacementProblem
    let chosen: [ColumnKey?]
    let takenBy: [Int: [Int]]

    func whyUnplaced(_ ci: Int) -> (UnplacedReason, String) {
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
                let listed = full.sorted { $0.1 < $1.1 }.prefix(3).map { s, km in
                    "\(s.id) (\(Int(km.rounded())) km) has no place free until after \(problem.landscape.horizonEnd)"
                }
                return (.capacity, listed.joined(separator: "; "))
            }
            if excluded.isEmpty {
                let needs = c.needs.map(\.rawValue).joined(separator: ", ")
                return (.noCompatibleService, "no service in the landscape offers \(needs)")
            }
            let nearest = excluded.sorted { $0.1 < $1.1 }.prefix(3).map { s, _, why in "\(s.id) \(why)" }
            return (.noCompatibleService, "nearest services offering the care: " + nearest.joined(separator: "; "))
        }
        // compatible places exist: say what happened to the cheapest ones
        var seen = Set<Int>()
        var lines: [String] = []
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
            let s = services[candidate.serviceIndex]
            let km = Int(candidate.distanceKm.rounded())
            let groups = problem.groupsOfService[candidate.serviceIndex]
            let takers = groups.flatMap { takenBy[$0] ?? [] }.map { problem.cases[$0].id.rawValue }
            let places = groups.reduce(0) { $0 + problem.slotGroups[$1].count }
            if takers.count >= places {
                lines.append("\(s.id) (\(km) km): its \(places) place\(places == 1 ? "" : "s") within the horizon went to \(takers.prefix(5).joined(separator: ", "))\(takers.count > 5 ? " and \(takers.count - 5) more" : "")")
            } else if candidate.cost >= unplacedCost {
                lines.append("\(s.id) (\(km) km) has a place from \(candidate.release), but it would cost \(Int(candidate.cost.rounded())), more than leaving the child unplaced (\(Int(unplacedCost.rounded())))")
            } else {
                lines.append("\(s.id) (\(km) km) has a place, but sibling or conflict rules keep the child out of it")
            }
            if lines.count == 3 { break }
        }
        return (.capacity, lines.joined(separator: "; "))
    }
}
