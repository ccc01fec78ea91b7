public import PlacementModel

/// A compatible (case, service) pair with what does not depend on the slot:
/// the distance, the care type used and the slot-independent cost terms.
public struct Pair: Hashable, Sendable {
    public var caseIndex: Int32
    public var serviceIndex: Int32
    public var distanceKm: Double
    /// Index into the landscape's care types.
    public var careType: Int32
    public var outsideNetwork: Bool
    /// perKm·km + residential + outsideNetwork.
    public var baseCost: Double
}

/// One way to help a case: a slot group of a compatible service, expanded
/// with its dates and cost terms (for reports and explanations).
public struct Candidate: Hashable, Sendable {
    public var caseIndex: Int
    public var serviceIndex: Int
    /// Index into ``PlacementProblem/slotGroups``.
    public var group: Int
    public var distanceKm: Double
    public var careType: CareTypeID
    /// The service is in another network than the case's region (whatever its weight).
    public var outsideNetwork: Bool
    public var release: Day
    public var start: Day
    public var waitDays: Int
    public var terms: CostTerms
    public var cost: Double { terms.total }
}

/// A column of the placement model: a pair and one slot group of its service.
public struct ColumnKey: Hashable, Sendable {
    public var pair: Int32
    public var group: Int32
}

/// The placement problem of SPEC §3 with every rule applied: compatible
/// (case, service) pairs, slots, costs and the side constraints. Computed
/// once per input (distances and rules are the expensive part) and kept
/// compact: one ``Pair`` per compatible (case, service), with the slot
/// groups of the service giving the columns. A plain value.
public struct PlacementProblem: Sendable {
    public internal(set) var landscape: Landscape
    public internal(set) var cases: [Case]
    public let costModel: CostModel
    public internal(set) var slotGroups: [SlotGroup]
    /// `slotGroups[groupsOfService[s]]` are service s's groups, by release date.
    public internal(set) var groupsOfService: [Range<Int>]
    /// Compatible pairs, by case, then service order.
    public internal(set) var pairs: [Pair]
    /// `pairs[pairRanges[c]]` are case c's pairs.
    public internal(set) var pairRanges: [Range<Int>]
    /// Cases (indices) of each sibling group with two or more members, in input order.
    public internal(set) var siblingGroups: [SiblingGroup]
    /// Unordered conflicting pairs of cases (a < b), each once.
    public internal(set) var conflicts: [CasePair]
    /// Every service has a slot group on the planning date (see `init`).
    public let roomForOneMore: Bool

    public struct SiblingGroup: Sendable, Hashable {
        public var id: String
        public var members: [Int]
    }

    public struct CasePair: Sendable, Hashable {
        public var a: Int
        public var b: Int
    }

    /// Per case: perWaitDay·u(c), and the day help can start.
    let waitWeight: [Double]
    let ready: [Day]

    /// With `roomForOneMore`, every service has a slot group on the planning
    /// date, with no places when none is free there: ``PlanState`` adds a
    /// place by raising a count, and the services without places get their
    /// compatible pairs. The optimal objective is the same either way.
    public init(landscape: Landscape, cases: [Case], roomForOneMore: Bool = false) {
        self.landscape = landscape
        self.cases = cases
        self.roomForOneMore = roomForOneMore
        let costModel = CostModel(landscape: landscape)
        self.costModel = costModel
        (slotGroups, groupsOfService) = Self.slotGroups(landscape, roomForOneMore: roomForOneMore)
        (pairs, pairRanges) = Self.pairs(landscape, cases, costModel: costModel, groupsOfService: groupsOfService)
        waitWeight = cases.map(costModel.waitWeight)
        ready = cases.map { costModel.ready($0) }
        siblingGroups = Self.siblingGroups(cases)
        conflicts = Self.conflicts(cases)
    }

    /// The same compatible pairs with the places of `landscape`, whose
    /// services' capacities and occupied places may differ from this
    /// problem's, and nothing else (nil otherwise): only the slot groups are
    /// made again, not the distances and rules. For problems built with
    /// `roomForOneMore`, whose pairs do not depend on which services have places.
    public func withPlaces(of landscape: Landscape) -> PlacementProblem? {
        guard roomForOneMore else { return nil }
        var same = self.landscape
        same.services = landscape.services
        guard same == landscape, landscape.services.count == self.landscape.services.count else { return nil }
        for (a, b) in zip(landscape.services, self.landscape.services) {
            var a = a, b = b
            (a.capacity, a.occupied, b.capacity, b.occupied) = (0, [], 0, [])
            guard a == b else { return nil }
        }
        var changed = self
        changed.landscape = landscape
        (changed.slotGroups, changed.groupsOfService) = Self.slotGroups(landscape, roomForOneMore: true)
        return changed
    }

    /// Case c pinned to service s, as if the cases file said so: its pairs
    /// at other services go (the rules exclude them). Nil, and nothing
    /// changed, when c has no pair at s; else where each pair index moves
    /// (c's pair at s to the start of its range, later ones down).
    mutating func pin(case c: Int, toService s: Int) -> ((Int32) -> Int32)? {
        let range = pairRanges[c]
        guard let keep = range.first(where: { Int(pairs[$0].serviceIndex) == s }) else { return nil }
        pairs.replaceSubrange(range, with: [pairs[keep]])
        let shift = range.count - 1
        pairRanges[c] = range.lowerBound..<range.lowerBound + 1
        if shift > 0 {
            for k in (c + 1)..<pairRanges.count { pairRanges[k] = pairRanges[k].lowerBound - shift..<pairRanges[k].upperBound - shift }
        }
        cases[c].pinnedService = landscape.services[s].id
        let lower = Int32(range.lowerBound), upper = Int32(range.upperBound), down = Int32(shift)
        return { p in p < lower ? p : p >= upper ? p - down : lower }
    }

    private static func slotGroups(_ landscape: Landscape, roomForOneMore: Bool) -> ([SlotGroup], [Range<Int>]) {
        var groups: [SlotGroup] = []
        var groupsOfService: [Range<Int>] = []
        for (k, s) in landscape.services.enumerated() {
            let first = groups.count
            groups += SlotRule.groups(of: s, index: k, landscape: landscape)
            if roomForOneMore && groups[first...].first?.release != landscape.planningDate {
                groups.insert(SlotGroup(service: k, release: landscape.planningDate, count: 0), at: first)
            }
            groupsOfService.append(first..<groups.count)
        }
        return (groups, groupsOfService)
    }

    /// The compatible pairs, by case, and each case's range of them.
    private static func pairs(
        _ landscape: Landscape, _ cases: [Case], costModel: CostModel, groupsOfService: [Range<Int>]
    ) -> ([Pair], [Range<Int>]) {
        let distance = DistanceRule(landscape: landscape)
        let networkOf = landscape.networkOfRegion
        let careTypeIndex = Dictionary(landscape.careTypes.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        // Per service and case, what the cheap rules need, as numbers: the
        // network, the care types as a bit set (when there are at most 64),
        // the place and the distance limits. Pairs that fail rule 1 (care
        // type) or rule 3 (secure) are skipped before any distance is
        // computed, and pairs beyond a distance limit (rules 5 and 6) before
        // the service is copied (a Service is many references to retain);
        // CompatibilityRule.check then decides every remaining pair, so it
        // stays the only judge.
        let networkIndex = Dictionary(landscape.networks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        @Sendable func network(_ r: RegionID) -> Int { networkOf[r].flatMap { networkIndex[$0] } ?? -1 }
        let useMasks = careTypeIndex.count <= 64
        @Sendable func mask(_ types: [CareTypeID]) -> UInt64 {
            types.reduce(0) { m, t in careTypeIndex[t].map { m | (1 << UInt64($0)) } ?? m }
        }
        let services = landscape.services
        let serviceNetwork = services.map { network($0.region) }
        let serviceMask = services.map { mask($0.careTypes) }
        let serviceSecure = services.map(\.secure)
        let servicePlace = services.map { distance.placeIndex($0.facility?.rawValue ?? $0.id.rawValue) }
        let serviceLocation = services.map(\.location)
        let serviceTravelLimit = services.map { $0.maxTravelKm ?? .infinity }
        let serviceFamilyLimited = services.map { $0.mode != .outreach }
        // services with places, as indices (the loop below copies no Service it skips)
        let open = services.indices.filter { !groupsOfService[$0].isEmpty }
        // Without a matrix a pair's distance is at least its latitude
        // difference's arc times the detour: pairs farther apart than that
        // in latitude alone than their limit are skipped before any
        // trigonometry (with a margin for rounding: the rule still decides
        // every pair kept, and no pair beyond it is kept).
        let kmPerDegree = landscape.matrix == nil ? DistanceRule.earthRadiusKm * Double.pi / 180 * landscape.detourFactor * (1 - 1e-9) : 0
        // each case's pairs alone, the cases in chunks over the cores (the
        // distances and rules are most of the formulation's time)
        let (pairs, starts) = Chunked.rows(cases.count) { (ci, pairs: inout [Pair]) in
            let c = cases[ci]
            let caseNetwork = network(c.region)
            let distances = distance.from(c)
            let needs = mask(c.needs)
            for si in open {
                if useMasks && needs & serviceMask[si] == 0 { continue }
                if c.requiresSecure != serviceSecure[si] { continue }
                let limit = serviceFamilyLimited[si] ? min(serviceTravelLimit[si], c.maxDistanceKm ?? .infinity) : serviceTravelLimit[si]
                if abs(c.home.lat - serviceLocation[si].lat) * kmPerDegree > limit + 1e-6 { continue }
                let km = distances.km(toPlace: servicePlace[si], at: serviceLocation[si])
                if km > serviceTravelLimit[si] { continue }
                if let limit = c.maxDistanceKm, serviceFamilyLimited[si], km > limit { continue }
                let s = services[si]
                guard let careType = CompatibilityRule.careTypeUsed(c, s) else { continue }
                let outside = serviceNetwork[si] != caseNetwork
                guard CompatibilityRule.check(c, s, distanceKm: km, outsideNetworkBanned: landscape.ownNetworkOnly && outside && c.pinnedService != s.id) == nil else { continue }
                let base = costModel.baseCost(distanceKm: km, mode: s.mode, outsideNetwork: outside, moved: costModel.moved(c, to: s.id))
                pairs.append(Pair(
                    caseIndex: Int32(ci), serviceIndex: Int32(si), distanceKm: km,
                    careType: careTypeIndex[careType] ?? 0, outsideNetwork: outside, baseCost: base))
            }
        }
        return (pairs, cases.indices.map { starts[$0]..<starts[$0 + 1] })
    }

    private static func siblingGroups(_ cases: [Case]) -> [SiblingGroup] {
        var byGroup: [String: [Int]] = [:]
        var groupOrder: [String] = []
        for (ci, c) in cases.enumerated() {
            guard let g = c.siblingGroup else { continue }
            if byGroup[g] == nil { groupOrder.append(g) }
            byGroup[g, default: []].append(ci)
        }
        return groupOrder.compactMap { g in
            let members = byGroup[g] ?? []
            return members.count >= 2 ? SiblingGroup(id: g, members: members) : nil
        }
    }

    private static func conflicts(_ cases: [Case]) -> [CasePair] {
        var index: [CaseID: Int] = [:]
        for (ci, c) in cases.enumerated() { index[c.id] = ci }
        var seen = Set<CasePair>()
        var conflicts: [CasePair] = []
        for (ci, c) in cases.enumerated() {
            for other in c.conflictsWith {
                guard let oi = index[other], oi != ci else { continue }
                let pair = CasePair(a: min(ci, oi), b: max(ci, oi))
                if seen.insert(pair).inserted { conflicts.append(pair) }
            }
        }
        return conflicts
    }

    /// Side constraints make the LP relaxation fractional; without them it is
    /// a transportation problem whose basic optima are integral.
    public var hasSideConstraints: Bool { !siblingGroups.isEmpty || !conflicts.isEmpty }

    /// The number of columns of the full model.
    public var columnCount: Int {
        pairs.reduce(0) { $0 + groupsOfService[Int($1.serviceIndex)].count }
    }

    /// Cost of a column, in km-equivalents (SPEC §3 Cost).
    @inline(__always)
    public func cost(_ key: ColumnKey) -> Double {
        let p = pairs[Int(key.pair)]
        return CostModel.cost(base: p.baseCost, waitWeight: waitWeight[Int(p.caseIndex)], waitDays: startAndWait(key).waitDays)
    }

    /// A column's start and wait in days, from its case's ready day (as
    /// ``CostModel/startDate(_:release:)`` and `waitDays` have them), without
    /// expanding the column (``candidate(_:)`` copies the case and service).
    @inline(__always)
    public func startAndWait(_ key: ColumnKey) -> (start: Day, waitDays: Int) {
        let release = slotGroups[Int(key.group)].release, ready = self.ready[Int(pairs[Int(key.pair)].caseIndex)]
        return (max(release, ready), max(0, release - ready))
    }

    /// Every column of case `c`: its pairs times their services' slot groups.
    public func columns(ofCase c: Int) -> [ColumnKey] {
        var keys: [ColumnKey] = []
        for p in pairRanges[c] {
            for g in groupsOfService[Int(pairs[p].serviceIndex)] { keys.append(ColumnKey(pair: Int32(p), group: Int32(g))) }
        }
        return keys
    }

    public func facility(of key: ColumnKey) -> FacilityID? {
        landscape.services[Int(pairs[Int(key.pair)].serviceIndex)].facility
    }

    /// The column expanded for reports.
    public func candidate(_ key: ColumnKey) -> Candidate {
        let p = pairs[Int(key.pair)]
        let c = cases[Int(p.caseIndex)], s = landscape.services[Int(p.serviceIndex)]
        let release = slotGroups[Int(key.group)].release
        return Candidate(
            caseIndex: Int(p.caseIndex), serviceIndex: Int(p.serviceIndex), group: Int(key.group),
            distanceKm: p.distanceKm, careType: landscape.careTypes[Int(p.careType)].id,
            outsideNetwork: p.outsideNetwork, release: release,
            start: costModel.startDate(c, release: release), waitDays: costModel.waitDays(c, release: release),
            terms: costModel.terms(
                c, mode: s.mode, distanceKm: p.distanceKm, release: release, outsideNetwork: p.outsideNetwork, moved: costModel.moved(c, to: s.id)))
    }
}
