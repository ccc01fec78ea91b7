public import Placement
import PlacementModel

extension Explanation {
    /// The explanation in a coordinator's words: one clause per service
    /// named, separated by "; " (assignments.csv and the terminal).
    public var text: String {
        func km(_ d: Double) -> Int { Int(d.rounded()) }
        switch self {
        case .noPlaceWithinHorizon(let services, let horizonEnd):
            return services.map { "\($0.service) (\(km($0.distanceKm)) km) has no place free until after \(horizonEnd)" }
                .joined(separator: "; ")
        case .careNotOffered(let needs):
            return "no service in the landscape offers \(needs.map(\.rawValue).joined(separator: ", "))"
        case .excluded(let exclusions):
            return "nearest services offering the care: " + exclusions.map { "\($0.service) \($0.rule)" }.joined(separator: "; ")
        case .placesWentElsewhere(let outcomes):
            return outcomes.map { o in
                let at = "\(o.service) (\(km(o.distanceKm)) km)"
                switch o.outcome {
                case .taken(let places, let takers):
                    let named = takers.prefix(5).map(\.rawValue).joined(separator: ", ")
                    let more = takers.count > 5 ? " and \(takers.count - 5) more" : ""
                    return "\(at): its \(places) place\(places == 1 ? "" : "s") within the horizon went to \(named)\(more)"
                case .costsMore(let release, let cost, let unplacedCost):
                    return "\(at) has a place from \(release), but it would cost \(km(cost)), more than leaving the child unplaced (\(km(unplacedCost)))"
                case .sideRules:
                    return "\(at) has a place, but sibling or conflict rules keep the child out of it"
                }
            }.joined(separator: "; ")
        }
    }
}
