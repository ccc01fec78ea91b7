public import PlacementModel

/// SPEC §8 "where to open something new": the exact change of the optimal
/// objective with a new team or facility service at each candidate base.
/// Every candidate is added to the landscape with no places first (which
/// changes no plan), so that opening it is a change of capacity from 0:
/// warm on the optimal flow, or planned again where sibling and conflict
/// rules need it, exactly as ``CapacityValuation``.
public struct SiteValuation: Sendable {
    public let planner: Planner

    public init(planner: Planner) { self.planner = planner }

    /// What is opened: a team (outreach) or a facility service.
    public struct Site: Sendable, Equatable {
        public var careTypes: [CareTypeID]
        public var mode: ServiceMode
        public var capacity: Int
        public var secure = false
        public var maxTravelKm: Double?

        public init(careTypes: [CareTypeID], mode: ServiceMode, capacity: Int, secure: Bool = false, maxTravelKm: Double? = nil) {
            (self.careTypes, self.mode, self.capacity, self.secure, self.maxTravelKm) = (careTypes, mode, capacity, secure, maxTravelKm)
        }
    }

    /// A candidate base.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var location: GeoPoint
        public var region: RegionID

        public init(id: String, location: GeoPoint, region: RegionID) {
            (self.id, self.location, self.region) = (id, location, region)
        }
    }

    /// A candidate's service id is taken, or two candidates share an id.
    public struct SiteClash: Error, CustomStringConvertible {
        public var id: String
        public var description: String { "the new site's id \(id) is already used in the landscape or by another candidate; expected unique candidate ids" }
    }

    public struct Value: Sendable, Equatable {
        public var candidate: Candidate
        /// The change of the optimal objective (≤ 0: the gain); nil when no
        /// plan holds with it (never, since a new site only adds places).
        public var change: CapacityChange?
    }

    /// The landscape with every candidate added at capacity 0: teams after
    /// the teams, a facility per candidate before them. The service ids are
    /// `NEW-<candidate id>`.
    public static func extended(_ landscape: Landscape, site: Site, candidates: [Candidate]) -> (Landscape, [ServiceID]) {
        var l = landscape
        var ids: [ServiceID] = []
        var newServices: [Service] = []
        for candidate in candidates {
            let id = ServiceID("NEW-\(candidate.id)")
            ids.append(id)
            let facility = site.mode == .outreach ? nil : FacilityID("NEW-\(candidate.id)")
            newServices.append(Service(
                id: id, name: "new at \(candidate.id)", facility: facility, region: candidate.region, location: candidate.location,
                careTypes: site.careTypes, mode: site.mode, capacity: 0, secure: site.secure, maxTravelKm: site.maxTravelKm, occupied: []))
            if let facility {
                l.facilities.append(Facility(id: facility, name: "new at \(candidate.id)", region: candidate.region, location: candidate.location, services: [id]))
            }
        }
        if site.mode == .outreach {
            l.services += newServices
        } else {
            l.services.insert(contentsOf: newServices, at: l.services.firstIndex(where: \.isTeam) ?? l.services.count)
        }
        return (l, ids)
    }

    /// Each candidate's value, in the candidates' order.
    public func values(
        landscape: Landscape, cases: [Case], site: Site, candidates: [Candidate], jobs: Int = 1,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> (base: PlanTotals, values: [Value]) {
        let (extended, ids) = Self.extended(landscape, site: site, candidates: candidates)
        let problem = PlacementProblem(landscape: extended, cases: cases, roomForOneMore: true)
        let engine = try Engine(problem: problem, planner: planner)
        let index = Dictionary(extended.services.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let taken = Set(landscape.services.map(\.id.rawValue) + landscape.facilities.map(\.id.rawValue))
        if let clash = ids.first(where: { taken.contains($0.rawValue) }) ?? (Set(ids).count < ids.count ? ids.first : nil) {
            throw SiteClash(id: clash.rawValue)
        }
        let values = try Chunked.each(candidates.count, jobs: jobs, progress: progress) { k -> Value? in
            guard let s = index[ids[k]] else { return nil }
            return Value(candidate: candidates[k], change: try engine.changed(s, by: site.capacity))
        }
        return (engine.base, values.compactMap { $0 })
    }
}
