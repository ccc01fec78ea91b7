/// One way to help a case: a slot group of a compatible service, with its
/// cost broken down. Precomputed once per input, so that re-solves after
/// small changes need not recompute distances and rules.
public struct Candidate: Hashable, Sendable {
    public var caseIndex: Int
    public var serviceIndex: Int
    /// Index into ``PlacementProblem/slotGroups``.
    public var group: Int
    public var distanceKm: Double
    public var careType: CareTypeID
    public var release: Day
    public var start: Day
    public var waitDays: Int
    public var terms: CostTerms
    public var cost: Double { terms.total }
}

/// The placement problem of SPEC §3 with every rule applied: compatible
/// (case, service) pairs, slots, costs, and the side constraints. A plain
/// value; the LP/MIP is built from it by ``PlacementFormulation``.
public struct PlacementProblem: Sendable {
    public let landscape: Landscape
    public let cases: [Case]
    public let costModel: CostModel
    public let slotGroups: [SlotGroup]
    /// Sorted by case, then service order, then release date.
    public let candidates: [Candidate]
    /// `candidates[candidateRanges[c]]` are case c's candidates.
    public let candidateRanges: [Range<Int>]
    /// Cases (indices) of each sibling group with two or more members, by group id.
    public let siblingGroups: [(id: String, members: [Int])]
    /// Unordered conflicting pairs (a < b), each once.
    public let conflicts: [(Int, Int)]

    public init(landscape: Landscape, cases: [Case]) {
        self.landscape = landscape
        self.cases = cases
        let costModel = CostModel(landscape: landscape)
        self.costModel = costModel
        let distance = DistanceRule(landscape: landscape)
        let networkOf = landscape.networkOfRegion

        var groups: [SlotGroup] = []
        var groupsOfService: [Range<Int>] = []
        for (k, s) in landscape.services.enumerated() {
            let first = groups.count
            groups += SlotRule.groups(of: s, index: k, landscape: landscape)
            groupsOfService.append(first..<groups.count)
        }
        slotGroups = groups

        var candidates: [Candidate] = []
        var ranges: [Range<Int>] = []
        candidates.reserveCapacity(cases.count * 8)
        for (ci, c) in cases.enumerated() {
            let first = candidates.count
            let caseNetwork = networkOf[c.region]
            for (si, s) in landscape.services.enumerated() where !groupsOfService[si].isEmpty {
                guard CompatibilityRule.careType(c, s) == nil else { continue }
                let km = distance.km(from: c, to: s)
                guard CompatibilityRule.check(c, s, distanceKm: km) == nil,
                      let careType = CompatibilityRule.careTypeUsed(c, s) else { continue }
                let outside = networkOf[s.region] != caseNetwork
                for g in groupsOfService[si] {
                    let release = groups[g].release
                    candidates.append(Candidate(
                        caseIndex: ci, serviceIndex: si, group: g, distanceKm: km, careType: careType,
                        release: release, start: costModel.startDate(c, release: release),
                        waitDays: costModel.waitDays(c, release: release),
                        terms: costModel.terms(c, mode: s.mode, distanceKm: km, release: release, outsideNetwork: outside)))
                }
            }
            ranges.append(first..<candidates.count)
        }
        self.candidates = candidates
        candidateRanges = ranges

        var byGroup: [String: [Int]] = [:]
        var groupOrder: [String] = []
        for (ci, c) in cases.enumerated() {
            guard let g = c.siblingGroup else { continue }
            if byGroup[g] == nil { groupOrder.append(g) }
            byGroup[g, default: []].append(ci)
        }
        siblingGroups = groupOrder.compactMap { g in
            let members = byGroup[g] ?? []
            return members.count >= 2 ? (g, members) : nil
        }

        var index: [CaseID: Int] = [:]
        for (ci, c) in cases.enumerated() { index[c.id] = ci }
        var pairs = Set<[Int]>()
        var conflicts: [(Int, Int)] = []
        for (ci, c) in cases.enumerated() {
            for other in c.conflictsWith {
                guard let oi = index[other], oi != ci else { continue }
                let pair = [min(ci, oi), max(ci, oi)]
                if pairs.insert(pair).inserted { conflicts.append((pair[0], pair[1])) }
            }
        }
        self.conflicts = conflicts
    }

    /// Side constraints make the LP relaxation fractional; without them it is
    /// a transportation problem whose basic optima are integral.
    public var hasSideConstraints: Bool { !siblingGroups.isEmpty || !conflicts.isEmpty }

    public func facility(of candidate: Candidate) -> FacilityID? {
        landscape.services[candidate.serviceIndex].facility
    }
}
