/// A point on the earth, decimal degrees (WGS84).
public struct GeoPoint: Hashable, Sendable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

public enum ServiceMode: String, Sendable, CaseIterable {
    /// A place to live in a facility.
    case residential
    /// Day treatment at a facility; the child lives at home.
    case day
    /// A mobile outreach team that helps the child at home.
    case outreach

    /// Help at home ("the child stays home, unless…"): day treatment and outreach.
    public var isHomeBased: Bool { self != .residential }
}

public enum Sex: String, Sendable, CaseIterable { case m, f, x }

public enum Urgency: String, Sendable, CaseIterable, Comparable {
    case crisis, high, normal
    public static func < (a: Urgency, b: Urgency) -> Bool {
        let order: [Urgency] = [.crisis, .high, .normal]
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}

public struct CareType: Hashable, Sendable {
    public var id: CareTypeID
    public var name: String

    public init(
        id: CareTypeID, name: String
    ) {
        self.id = id
        self.name = name
    }
}

public struct Network: Hashable, Sendable {
    public var id: NetworkID
    public var name: String

    public init(
        id: NetworkID, name: String
    ) {
        self.id = id
        self.name = name
    }
}

public struct Region: Hashable, Sendable {
    public var id: RegionID
    public var name: String
    public var network: NetworkID

    public init(
        id: RegionID, name: String, network: NetworkID
    ) {
        self.id = id
        self.name = name
        self.network = network
    }
}

public struct Facility: Hashable, Sendable {
    public var id: FacilityID
    public var name: String
    public var region: RegionID
    public var location: GeoPoint
    public var services: [ServiceID]

    public init(
        id: FacilityID, name: String, region: RegionID, location: GeoPoint, services: [ServiceID]
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.location = location
        self.services = services
    }
}

/// One unit of capacity: a facility's places for some care types, or an
/// outreach team's caseload. Facility services and teams share one namespace.
public struct Service: Hashable, Sendable {
    public var id: ServiceID
    public var name: String
    /// The facility, or nil for an outreach team.
    public var facility: FacilityID?
    public var region: RegionID
    /// The facility's location, or the team's base.
    public var location: GeoPoint
    public var careTypes: [CareTypeID]
    public var mode: ServiceMode
    public var capacity: Int
    public var secure: Bool
    public var ages: ClosedRange<Int>?
    public var sexes: Set<Sex>?
    public var maxTravelKm: Double?
    /// Expected release dates of the currently occupied places.
    public var occupied: [Day]

    public var isTeam: Bool { facility == nil }

    public init(
        id: ServiceID, name: String, facility: FacilityID? = nil, region: RegionID, location: GeoPoint, careTypes: [CareTypeID], mode: ServiceMode, capacity: Int, secure: Bool, ages: ClosedRange<Int>? = nil, sexes: Set<Sex>? = nil, maxTravelKm: Double? = nil, occupied: [Day]
    ) {
        self.id = id
        self.name = name
        self.facility = facility
        self.region = region
        self.location = location
        self.careTypes = careTypes
        self.mode = mode
        self.capacity = capacity
        self.secure = secure
        self.ages = ages
        self.sexes = sexes
        self.maxTravelKm = maxTravelKm
        self.occupied = occupied
    }
}

/// SPEC §1 `weights`: every cost term's weight, in one named place.
public struct Weights: Hashable, Sendable {
    public var perKm: Double = 1.0
    public var perWaitDay: Double = 2.0
    public var residential: Double = 20.0
    public var outsideNetwork: Double = 30.0
    public var unplaced: Double = 1000.0
    public var urgency: [Urgency: Double] = [.crisis: 4.0, .high: 2.0, .normal: 1.0]
    /// Days already waited raise a case's urgency factor by waited/agingDays
    /// (SPEC §3); 0 (the default) is off.
    public var agingDays: Double = 0
    /// SPEC §9: what moving a child placed in last week's plan costs (to
    /// another service, or unplaced); only with a previous plan.
    public var change: Double = 100

    public init() {}

    public func factor(_ u: Urgency) -> Double { urgency[u] ?? 1.0 }

    /// The urgency factor of level `u`, as one entry of the table.
    public subscript(urgency u: Urgency) -> Double {
        get { factor(u) }
        set { urgency[u] = newValue }
    }

    /// One weight: its key in landscape files, `setWeights` and `--set
    /// weights.KEY` (a dot nests: `urgency.crisis` is `urgency: { crisis: … }`),
    /// and where it is kept.
    public struct Entry: Sendable {
        public let key: String
        public let keyPath: any WritableKeyPath<Weights, Double> & Sendable
        /// Not written at this value (`agingDays` at 0, off; `change` at its
        /// default, which only matters with a previous plan).
        public var hiddenAt: Double?

        /// The key's parts: `urgency.crisis` is ("urgency", "crisis"); `perKm` is ("perKm", nil).
        public var parts: (group: String, member: String?) {
            guard let dot = key.firstIndex(of: ".") else { return (key, nil) }
            return (String(key[..<dot]), String(key[key.index(after: dot)...]))
        }
    }

    /// THE table of weights, in the order files show them. Adding a weight
    /// here makes it read, written, overridable with `--set` and recorded.
    public static let table: [Entry] = [
        Entry(key: "perKm", keyPath: \.perKm),
        Entry(key: "perWaitDay", keyPath: \.perWaitDay),
        Entry(key: "residential", keyPath: \.residential),
        Entry(key: "outsideNetwork", keyPath: \.outsideNetwork),
        Entry(key: "unplaced", keyPath: \.unplaced),
    ] + Urgency.allCases.map { u in Entry(key: "urgency.\(u.rawValue)", keyPath: \.[urgency: u]) } + [
        Entry(key: "agingDays", keyPath: \.agingDays, hiddenAt: 0),
        Entry(key: "change", keyPath: \.change, hiddenAt: 100),
    ]

    public static func entry(_ key: String) -> Entry? { table.first { $0.key == key } }

    /// The table by top-level key of the `weights` mapping, in table order:
    /// a plain weight alone, a nested group (`urgency`) with its members.
    public static var groups: [(key: String, entries: [Entry])] {
        var out: [(key: String, entries: [Entry])] = []
        for e in table {
            if let k = out.firstIndex(where: { $0.key == e.parts.group }) { out[k].entries.append(e) } else { out.append((e.parts.group, [e])) }
        }
        return out
    }

    /// Every weight as YAML, one (top-level key, value) per group: a number,
    /// or a flow mapping for a nested group (`{ crisis: 4.0, high: 2.0, normal: 1.0 }`).
    public var yamlGroups: [(key: String, value: String)] {
        Self.groups.compactMap { group, entries in
            let shown = entries.filter { e in e.hiddenAt.map { self[keyPath: e.keyPath] != $0 } ?? true }
            guard !shown.isEmpty else { return nil }
            let values = shown.map { e in (e.parts.member, self[keyPath: e.keyPath].description) }
            if values.count == 1, values[0].0 == nil { return (group, values[0].1) }
            return (group, "{ " + values.map { "\($0.0 ?? ""): \($0.1)" }.joined(separator: ", ") + " }")
        }
    }
}

/// The care landscape of SPEC §1: what exists, where, and how full it is.
public struct Landscape: Hashable, Sendable {
    public var planningDate: Day
    public var horizonDays: Int = 120
    public var detourFactor: Double = 1.3
    public var matrix: DistanceMatrix?
    public var weights = Weights()
    public var careTypes: [CareType] = []
    public var networks: [Network] = []
    public var regions: [Region] = []
    public var facilities: [Facility] = []
    /// Facility services (in file order) followed by teams (in file order).
    public var services: [Service] = []
    /// Policy (scenario change `ownNetworkOnly`, SPEC §6): no placement
    /// outside the child's own network.
    public var ownNetworkOnly = false

    public init(planningDate: Day) { self.planningDate = planningDate }

    /// The last day a released slot still counts (SPEC §3 Slots).
    public var horizonEnd: Day { planningDate + horizonDays }

    public func region(_ id: RegionID) -> Region? { regions.first { $0.id == id } }

    /// Whether the own-network-only policy excludes `s` for `c`. A pin is a
    /// decision already taken: it stays (SPEC §6).
    public func bansPlacement(of c: Case, at s: Service) -> Bool {
        ownNetworkOnly && c.pinnedService != s.id && region(c.region)?.network != region(s.region)?.network
    }

    /// Under the own-network-only policy, the pinned children whose pin is
    /// outside their own network: kept, and listed where the run is reported.
    public func pinsOutsideOwnNetwork(_ cases: [Case]) -> [(case: CaseID, service: ServiceID)] {
        guard ownNetworkOnly else { return [] }
        let serviceRegion = Dictionary(services.map { ($0.id, $0.region) }, uniquingKeysWith: { a, _ in a })
        return cases.compactMap { c in
            guard let pin = c.pinnedService, let at = serviceRegion[pin],
                  region(c.region)?.network != region(at)?.network else { return nil }
            return (c.id, pin)
        }
    }

    /// Network of every region, for constant-time lookups.
    public var networkOfRegion: [RegionID: NetworkID] {
        Dictionary(regions.map { ($0.id, $0.network) }, uniquingKeysWith: { a, _ in a })
    }
}
