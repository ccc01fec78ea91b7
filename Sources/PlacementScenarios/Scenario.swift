import Placement
import PlacementIO
public import PlacementModel

/// Selects services (scaleCapacity) or cases (scaleDemand); every filter given must match.
public struct ScenarioFilter: Sendable, Hashable {
    public var careType: CareTypeID?
    public var region: RegionID?
    public var network: NetworkID?

    public init(careType: CareTypeID? = nil, region: RegionID? = nil, network: NetworkID? = nil) {
        self.careType = careType
        self.region = region
        self.network = network
    }

    public var isEmpty: Bool { careType == nil && region == nil && network == nil }
}

/// Weights a scenario sets, by their key in ``Weights/table``; a weight
/// not set keeps the landscape's value.
public struct WeightChanges: Sendable, Hashable {
    public var values: [String: Double] = [:]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    /// The weights set, in table order.
    public var entries: [(entry: Weights.Entry, value: Double)] {
        Weights.table.compactMap { e in values[e.key].map { (e, $0) } }
    }
}

/// One change of SPEC §6.
public enum ScenarioChange: Sendable, Hashable {
    case addTeam(Service)
    case addFacility(Facility, services: [Service])
    case removeFacility(FacilityID)
    case removeTeam(ServiceID)
    case setCapacity(service: ServiceID, capacity: Int)
    case scaleCapacity(factor: Double, ScenarioFilter)
    case scaleDemand(factor: Double, seed: UInt64, ScenarioFilter)
    case setWeights(WeightChanges)
    case setHorizon(Int)
    case ownNetworkOnly(Bool)
}

/// A change with where it was written, for error messages.
public struct LocatedChange: Sendable, Hashable {
    public var change: ScenarioChange
    public var file: String
    public var line: Int?
    /// e.g. `changes[2].setCapacity`, or `--set horizonDays` for overrides.
    public var path: String
}

/// A scenario with its base chain, overrides and changes resolved, ready to plan.
public struct ResolvedScenario: Sendable {
    public var name: String
    public var description: String?
    /// The scenario files, base first.
    public var chain: [String]
    public var landscapePath: String
    public var casesPath: String
    /// Every change in the order applied: bases', own, then overrides.
    public var changes: [LocatedChange]
    /// The `--set` overrides as given.
    public var overrides: [String]
    /// The inputs with every change applied.
    public var input: PlacementInput
}
