/// A policy what-if (SPEC §6): a landscape and cases plus ordered changes,
/// possibly on top of another scenario (`base`).
public struct ScenarioFile: Sendable, Hashable {
    /// The file it was read from (paths in it are relative to this file).
    public var file: String
    public var name: String
    public var description: String?
    /// Resolved to a path relative to the working directory.
    public var base: String?
    public var landscape: String?
    public var cases: String?
    public var changes: [LocatedChange]
}

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

    /// The key of the change in a scenario file.
    public var kind: String {
        switch self {
        case .addTeam: "addTeam"
        case .addFacility: "addFacility"
        case .removeFacility: "removeFacility"
        case .removeTeam: "removeTeam"
        case .setCapacity: "setCapacity"
        case .scaleCapacity: "scaleCapacity"
        case .scaleDemand: "scaleDemand"
        case .setWeights: "setWeights"
        case .setHorizon: "setHorizon"
        case .ownNetworkOnly: "ownNetworkOnly"
        }
    }
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
