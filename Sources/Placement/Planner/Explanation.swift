public import PlacementModel

/// Why a case is unplaced, as data: the services, dates, children and costs
/// it names (children by pseudonymous id only). `PlacementIO` puts it into
/// a coordinator's words.
public enum Explanation: Sendable, Hashable {
    /// Services pass every rule, but none has a place free within the
    /// horizon: the nearest (at most three), and the horizon's last day.
    case noPlaceWithinHorizon([ServiceAtDistance], horizonEnd: Day)
    /// No service of the landscape offers any of the needed care types.
    case careNotOffered(needs: [CareTypeID])
    /// Services offer the care, but a rule excludes each: the nearest (at most three).
    case excluded([Exclusion])
    /// Compatible places exist: what became of the cheapest services' places
    /// (at most three services, cheapest first).
    case placesWentElsewhere([ServiceOutcome])

    public var reason: UnplacedReason {
        switch self {
        case .noPlaceWithinHorizon, .placesWentElsewhere: return .capacity
        case .careNotOffered, .excluded: return .noCompatibleService
        }
    }

    public struct ServiceAtDistance: Sendable, Hashable {
        public var service: ServiceID
        public var distanceKm: Double
    }

    public struct Exclusion: Sendable, Hashable {
        public var service: ServiceID
        public var distanceKm: Double
        public var rule: Incompatibility
    }

    public struct ServiceOutcome: Sendable, Hashable {
        public var service: ServiceID
        public var distanceKm: Double
        public var outcome: Outcome
    }

    public enum Outcome: Sendable, Hashable {
        /// All its places within the horizon went to these cases (in input order).
        case taken(places: Int, by: [CaseID])
        /// Its place from `release` would cost more than leaving the child unplaced.
        case costsMore(release: Day, cost: Double, unplacedCost: Double)
        /// It has a place, but sibling or conflict rules keep the child out of it.
        case sideRules
    }
}
