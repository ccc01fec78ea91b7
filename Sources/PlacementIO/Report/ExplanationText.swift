public import Placement
import PlacementModel

extension Explanation {
    /// The explanation in a coordinator's words (English): one clause per
    /// service named, separated by "; " (assignments.csv and the terminal).
    public var text: String { text(in: English()) }

    /// The same in the catalogue's language.
    public func text(in words: any Catalogue) -> String {
        func km(_ d: Double) -> Int { Int(d.rounded()) }
        switch self {
        case .noPlaceWithinHorizon(let services, let horizonEnd):
            return services.map { words.noPlace(service: $0.service, km: km($0.distanceKm), until: horizonEnd) }.joined(separator: "; ")
        case .careNotOffered(let needs):
            return words.careNotOffered(needs)
        case .excluded(let exclusions):
            return words.nearestOffering(exclusions.map { "\($0.service) \(words.rule($0.rule))" })
        case .placesWentElsewhere(let outcomes):
            return outcomes.map { o in
                let at = "\(o.service) (\(km(o.distanceKm)) km)"
                switch o.outcome {
                case .taken(let places, let takers):
                    return words.placesWent(at: at, places: places, to: takers.prefix(5).map(\.rawValue).joined(separator: ", "), more: max(0, takers.count - 5))
                case .costsMore(let release, let cost, let unplacedCost):
                    return words.costsMore(at: at, from: release, cost: km(cost), unplaced: km(unplacedCost))
                case .sideRules:
                    return words.sideRulesKeepOut(at: at)
                }
            }.joined(separator: "; ")
        }
    }
}
