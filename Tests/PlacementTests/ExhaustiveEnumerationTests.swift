@testable import DutchLandscape
import Foundation
import GLPK
import LinearProgramming
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// The plan must be optimal for SPEC §3's objective: on small random
/// instances, an independent brute force written from the SPEC (its own
/// distance, compatibility, slot and cost code) enumerates every assignment,
/// and its minimum must equal the planner's objective.
@Suite("Optimality against exhaustive enumeration")
struct ExhaustiveEnumerationTests {
    static func instance(seed: UInt64) -> PlacementInput {
        var r = SplitMix64(seed: seed) // the generator's own deterministic stream
        let planning = Day(year: 2026, month: 11, day: 23) ?? Day(number: 0)
        var l = Landscape(planningDate: planning)
        l.horizonDays = r.int(0...60)
        l.detourFactor = r.double(1.0...1.5)
        l.weights.residential = Double(r.int(0...40))
        l.weights.outsideNetwork = Double(r.int(0...40))
        l.weights.perWaitDay = r.double(0...3)
        l.weights.unplaced = Double(r.int(50...400))
        // waiting time counts in some (a stream of its own: the rest of the instance stays)
        var aging = SplitMix64(seed: seed, stream: 99)
        if aging.chance(0.4) { l.weights.agingDays = aging.double(5...120) }
        l.careTypes = ["a", "b", "c"].map { CareType(id: CareTypeID($0), name: $0) }
        l.networks = [Network(id: "n1", name: "n1"), Network(id: "n2", name: "n2")]
        l.regions = [Region(id: "r1", name: "r1", network: "n1"), Region(id: "r2", name: "r2", network: "n2")]
        func point() -> GeoPoint { GeoPoint(lat: r.double(52.0...53.0), lon: r.double(5.0...6.5)) }
        func careTypes() -> [CareTypeID] {
            let all: [CareTypeID] = ["a", "b", "c"]
            let picked = all.filter { _ in r.chance(0.5) }
            return picked.isEmpty ? [all[r.int(0...2)]] : picked
        }
        func occupied(_ capacity: Int) -> [Day] {
            (0..<r.int(0...capacity)).map { _ in planning + r.int(-5...80) }
        }
        for f in 0..<r.int(1...3) {
            let fid = FacilityID("F\(f)")
            let region: RegionID = r.chance(0.5) ? "r1" : "r2"
            let place = point()
            var facility = Facility(id: fid, name: "F\(f)", region: region, location: place, services: [])
            for k in 0..<r.int(1...2) {
                let capacity = r.int(0...2)
                let s = Service(
                    id: ServiceID("F\(f)-s\(k)"), name: "s", facility: fid, region: region, location: place,
                    careTypes: careTypes(), mode: r.chance(0.7) ? .residential : .day, capacity: capacity,
                    secure: r.chance(0.2), ages: r.chance(0.3) ? 10...17 : nil, sexes: r.chance(0.15) ? [.f] : nil,
                    maxTravelKm: r.chance(0.2) ? r.double(20...120) : nil, occupied: occupied(capacity))
                facility.services.append(s.id)
                l.services.append(s)
            }
            l.facilities.append(facility)
        }
        for t in 0..<r.int(0...1) {
            let capacity = r.int(1...2)
            l.services.append(Service(
                id: ServiceID("T\(t)"), name: "t", facility: nil, region: r.chance(0.5) ? "r1" : "r2", location: point(),
                careTypes: careTypes(), mode: .outreach, capacity: capacity, secure: false, ages: nil, sexes: nil,
                maxTravelKm: r.double(30...150), occupied: occupied(capacity)))
        }
        var cases: [Case] = []
        let n = r.int(1...5)
        for k in 0..<n {
            var c = Case(id: CaseID("C\(k)"), home: point(), region: r.chance(0.5) ? "r1" : "r2", age: r.int(6...19), needs: careTypes())
            c.sex = [Sex.m, .f, nil][r.int(0...2)]
            c.urgency = Urgency.allCases[r.int(0...2)]
            if r.chance(0.3) { c.readyDate = planning + r.int(-10...40) }
            c.requiresSecure = r.chance(0.15)
            c.homeBasedPossible = !r.chance(0.2)
            if r.chance(0.2) { c.maxDistanceKm = r.double(10...100) }
            if r.chance(0.15), !l.services.isEmpty { c.forbiddenServices = [l.services[r.int(0...(l.services.count - 1))].id] }
            cases.append(c)
        }
        // side constraints and pins
        if n >= 2 && r.chance(0.35) {
            cases[0].siblingGroup = "g"
            cases[1].siblingGroup = "g"
            if n >= 3 && r.chance(0.5) { cases[2].siblingGroup = "g" }
        }
        if n >= 2 && r.chance(0.35) {
            let a = r.int(0...(n - 1)), b = r.int(0...(n - 1))
            if a != b { cases[a].conflictsWith = [cases[b].id] }
        }
        if r.chance(0.2), !l.services.isEmpty {
            cases[r.int(0...(n - 1))].pinnedService = l.services[r.int(0...(l.services.count - 1))].id
        }
        return PlacementInput(landscape: l, cases: cases)
    }

    // MARK: - The brute force, straight from SPEC §3

    struct Option { var slot: Int; var facility: FacilityID?; var cost: Double }

    static func bruteForce(_ input: PlacementInput) -> Double? {
        let l = input.landscape
        let planning = l.planningDate
        // slots one by one: (service index, release day)
        var slots: [(Int, Day)] = []
        for (si, s) in l.services.enumerated() {
            for _ in 0..<max(0, s.capacity - s.occupied.count) { slots.append((si, planning)) }
            for d in s.occupied {
                let release = d < planning ? planning : d
                if release - planning <= l.horizonDays { slots.append((si, release)) }
            }
        }
        let network = Dictionary(uniqueKeysWithValues: l.regions.map { ($0.id, $0.network) })
        func km(_ c: Case, _ s: Service) -> Double {
            let rad = Double.pi / 180
            let a = c.home, b = s.location
            let h = pow(sin((b.lat - a.lat) * rad / 2), 2) + cos(a.lat * rad) * cos(b.lat * rad) * pow(sin((b.lon - a.lon) * rad / 2), 2)
            return 2 * 6371.0088 * asin(min(1, sqrt(h))) * l.detourFactor
        }
        func compatible(_ c: Case, _ s: Service, _ d: Double) -> Bool {
            guard c.needs.contains(where: { s.careTypes.contains($0) }) else { return false }
            if let ages = s.ages, !ages.contains(c.age) { return false }
            if c.requiresSecure != s.secure { return false }
            if let sexes = s.sexes { guard let sex = c.sex, sexes.contains(sex) else { return false } }
            if s.mode != .residential && !c.homeBasedPossible { return false }
            if let limit = s.maxTravelKm, d > limit { return false }
            if s.mode != .outreach, let limit = c.maxDistanceKm, d > limit { return false }
            if c.forbiddenServices.contains(s.id) { return false }
            if let pin = c.pinnedService, pin != s.id { return false }
            return true
        }
        var options: [[Option]] = []
        var unplaced: [Double] = []
        for c in input.cases {
            var u = l.weights.urgency[c.urgency] ?? 1
            if l.weights.agingDays > 0, let readyDate = c.readyDate {
                u *= 1 + Double(max(0, planning - readyDate)) / l.weights.agingDays
            }
            // SPEC §9: a child placed last week pays `change` for any other service, or none
            let moveCost = c.previousService == nil ? 0 : l.weights.change
            unplaced.append(c.pinnedService == nil ? l.weights.unplaced * u + moveCost : .infinity)
            let ready = max(c.readyDate ?? planning, planning)
            var list: [Option] = []
            for (k, (si, release)) in slots.enumerated() {
                let s = l.services[si]
                let d = km(c, s)
                guard compatible(c, s, d) else { continue }
                let wait = max(0, release - ready)
                let cost = l.weights.perKm * d + l.weights.perWaitDay * u * Double(wait)
                    + (s.mode == .residential ? l.weights.residential : 0)
                    + (network[s.region] != network[c.region] ? l.weights.outsideNetwork : 0)
                    + (c.previousService != nil && c.previousService != s.id ? moveCost : 0)
                list.append(Option(slot: k, facility: s.facility, cost: cost))
            }
            options.append(list)
        }
        var best = Double.infinity
        var used = Set<Int>()
        var facilityOf: [FacilityID?] = Array(repeating: nil, count: input.cases.count)
        let index = Dictionary(uniqueKeysWithValues: input.cases.enumerated().map { ($1.id, $0) })
        func allowed(_ ci: Int, _ f: FacilityID?) -> Bool {
            guard let f else { return true }
            let c = input.cases[ci]
            for (cj, other) in input.cases.enumerated() where cj < ci {
                guard let g = facilityOf[cj] else { continue }
                if let sg = c.siblingGroup, sg == other.siblingGroup, g != f { return false }
                let conflict = c.conflictsWith.contains(other.id) || other.conflictsWith.contains(c.id)
                if conflict && g == f { return false }
            }
            _ = index
            return true
        }
        func go(_ ci: Int, _ total: Double) {
            if total >= best { return }
            if ci == input.cases.count { best = total; return }
            if unplaced[ci].isFinite {
                facilityOf[ci] = nil
                go(ci + 1, total + unplaced[ci])
            }
            for o in options[ci] where !used.contains(o.slot) && allowed(ci, o.facility) {
                used.insert(o.slot)
                facilityOf[ci] = o.facility
                go(ci + 1, total + o.cost)
                used.remove(o.slot)
                facilityOf[ci] = nil
            }
        }
        go(0, 0)
        return best.isFinite ? best : nil
    }

    /// GLPK seen only as a `LinearSolver`: the planner then solves the full model.
    struct FullModelSolver: LinearSolver {
        let inner = GLPKSolver()
        var name: String { "full model" }
        func solve(_ model: LinearModel, parameters: SolveParameters) throws -> SolveResult {
            try inner.solve(model, parameters: parameters)
        }
    }

    @Test("planner objective equals the brute-force optimum on 240 random instances", arguments: ["min-cost flow, then GLPK for side constraints", "min-cost flow, GLPK seeded with near-zero reduced costs", "column generation", "column generation from the greedy columns only", "full model"])
    func matchesBruteForce(_ path: String) throws {
        let solver: any LinearSolver = path == "full model" ? FullModelSolver() : GLPKSolver()
        var checked = 0, infeasible = 0, withSideConstraints = 0, withPins = 0
        for seed in 1...240 as ClosedRange<UInt64> {
            let input = Self.instance(seed: seed)
            let expected = Self.bruteForce(input)
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
            if problem.hasSideConstraints { withSideConstraints += 1 }
            if input.cases.contains(where: { $0.pinnedService != nil }) { withPins += 1 }
            do {
                var planner = Planner(solver: solver)
                if !path.hasPrefix("min-cost flow") { planner.method = .columnGeneration }
                if path.hasSuffix("near-zero reduced costs") { planner.flowSeedSlack = 5 }
                if path.hasSuffix("greedy columns only") { planner.initialColumnsPerCase = 0 }
                let plan = try planner.plan(problem)
                let value = try #require(expected, "seed \(seed): planner found \(plan.objective), brute force found no plan")
                #expect(abs(plan.objective - value) <= 1e-6 * max(1, abs(value)), "seed \(seed): planner \(plan.objective) vs brute force \(value)")
                #expect(plan.status == .optimal)
                // the reported assignments add up to the objective
                let sum = plan.assignments.reduce(0) { $0 + $1.cost }
                #expect(abs(sum - plan.objective) <= 1e-6 * max(1, abs(sum)), "seed \(seed)")
                checked += 1
            } catch is InfeasiblePlanError {
                #expect(expected == nil, "seed \(seed): planner says infeasible, brute force found \(String(describing: expected))")
                infeasible += 1
            }
        }
        #expect(checked >= 200)
        #expect(withSideConstraints >= 40)
        #expect(withPins >= 20)
        #expect(infeasible >= 1)
    }
}
