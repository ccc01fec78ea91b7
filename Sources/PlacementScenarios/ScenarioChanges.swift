import Placement
import PlacementIO
public import PlacementModel

/// What each scenario change does to the inputs (SPEC §6), one function per
/// kind. A change that names something that is not there is a problem,
/// never silently skipped.
public enum ScenarioChanges {
    /// Applies `located` to `input`; returns the problem instead when it cannot.
    public static func apply(_ located: LocatedChange, to input: inout PlacementInput) -> InputProblem? {
        func problem(_ message: String) -> InputProblem {
            InputProblem(file: located.file, line: located.line, field: located.path, message: message)
        }
        var l = input.landscape
        switch located.change {
        case .addTeam(let team):
            if l.services.contains(where: { $0.id == team.id }) { return problem("team id \(shown(team.id.rawValue)) is already in the landscape; expected a new id") }
            l.services.append(team)
        case .addFacility(let facility, let services):
            if l.facilities.contains(where: { $0.id == facility.id }) {
                return problem("facility id \(shown(facility.id.rawValue)) is already in the landscape; expected a new id")
            }
            l.facilities.append(facility)
            // facility services stay ahead of the teams
            let firstTeam = l.services.firstIndex(where: \.isTeam) ?? l.services.endIndex
            l.services.insert(contentsOf: services, at: firstTeam)
        case .removeFacility(let id):
            guard l.facilities.contains(where: { $0.id == id }) else {
                return problem("found \(shown(id.rawValue)); expected a facility id of the landscape")
            }
            l.facilities.removeAll { $0.id == id }
            l.services.removeAll { $0.facility == id }
        case .removeTeam(let id):
            guard l.services.contains(where: { $0.id == id && $0.isTeam }) else {
                return problem("found \(shown(id.rawValue)); expected a team id of the landscape")
            }
            l.services.removeAll { $0.id == id }
        case .setCapacity(let id, let capacity):
            guard let k = l.services.firstIndex(where: { $0.id == id }) else {
                return problem("found \(shown(id.rawValue)); expected a service or team id of the landscape")
            }
            if capacity < l.services[k].occupied.count {
                return problem("found \(capacity); expected at least the \(l.services[k].occupied.count) places occupied now")
            }
            l.services[k].capacity = capacity
        case .scaleCapacity(let factor, let filter):
            let networkOf = l.networkOfRegion
            for k in l.services.indices where matches(l.services[k], filter, networkOf) {
                let s = l.services[k]
                let scaled = max(Double(s.occupied.count), (Double(s.capacity) * factor).rounded(.toNearestOrAwayFromZero))
                guard scaled <= Double(Limits.capacity.upperBound) else {
                    return problem("gives \(s.id) \(Int(scaled)) places; expected at most \(Limits.capacity.upperBound) per service")
                }
                l.services[k].capacity = Int(scaled)
            }
        case .scaleDemand(let factor, let seed, let filter):
            switch scaleDemand(input.cases, factor: factor, seed: seed, filter: filter, networkOf: l.networkOfRegion) {
            case .success(let cases): input.cases = cases
            case .failure(let count): return problem("gives \(count.cases) cases; expected at most \(Limits.cases) after all changes")
            }
        case .setWeights(let w):
            for (e, v) in w.entries { l.weights[keyPath: e.keyPath] = v }
        case .setHorizon(let days):
            l.horizonDays = days
        case .ownNetworkOnly(let on):
            l.ownNetworkOnly = on
        }
        input.landscape = l
        return nil
    }

    static func matches(_ s: Service, _ f: ScenarioFilter, _ networkOf: [RegionID: NetworkID]) -> Bool {
        if let t = f.careType, !s.careTypes.contains(t) { return false }
        if let r = f.region, s.region != r { return false }
        if let n = f.network, networkOf[s.region] != n { return false }
        return true
    }

    static func matches(_ c: Case, _ f: ScenarioFilter, _ networkOf: [RegionID: NetworkID]) -> Bool {
        if let t = f.careType, !c.needs.contains(t) { return false }
        if let r = f.region, c.region != r { return false }
        if let n = f.network, networkOf[c.region] != n { return false }
        return true
    }

    /// Deterministic for a seed. Below 1: drops round(n·(1−factor)) of the n
    /// matching cases, chosen by the seed; the rest keep their order. Above
    /// 1: appends round(n·(factor−1)) copies of matching cases, chosen by the
    /// seed (each once before any twice), with new ids `<id>-d<k>`. A copy is
    /// a new child like the original: same home, needs and rules, but none of
    /// the decisions about the original (sibling group, conflicts, pin,
    /// forbidden services). More than ``Limits/cases`` in all (changes in a
    /// row multiply) is a failure, found before any copy is made.
    static func scaleDemand(
        _ cases: [Case], factor: Double, seed: UInt64, filter: ScenarioFilter, networkOf: [RegionID: NetworkID]
    ) -> Result<[Case], TooManyCases> {
        let matching = cases.indices.filter { matches(cases[$0], filter, networkOf) }
        guard !matching.isEmpty, factor != 1 else { return .success(cases) }
        let add = factor > 1 ? (Double(matching.count) * (factor - 1)).rounded(.toNearestOrAwayFromZero) : 0
        guard Double(cases.count) + add <= Double(Limits.cases) else { return .failure(TooManyCases(cases: cases.count + Int(add))) }
        var random = SplitMix64(seed: seed, stream: 0x5CA1E)
        var shuffled = matching
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
            let j = Int(random.next() % UInt64(i + 1))
            shuffled.swapAt(i, j)
        }
        if factor < 1 {
            let drop = Int((Double(matching.count) * (1 - factor)).rounded(.toNearestOrAwayFromZero))
            let dropped = Set(shuffled.prefix(drop))
            return .success(cases.indices.filter { !dropped.contains($0) }.map { cases[$0] })
        }
        var ids = Set(cases.map(\.id))
        var result = cases
        for k in 0..<Int(add) {
            var copy = cases[shuffled[k % shuffled.count]]
            var n = k + 1
            while true {
                let id = CaseID("\(copy.id.rawValue)-d\(n)")
                if ids.insert(id).inserted { copy.id = id; break }
                n += Int(add)
            }
            copy.siblingGroup = nil
            copy.conflictsWith = []
            copy.pinnedService = nil
            copy.forbiddenServices = []
            result.append(copy)
        }
        return .success(result)
    }

    /// scaleDemand's count when it would pass ``Limits/cases``.
    struct TooManyCases: Error { var cases: Int }
}
