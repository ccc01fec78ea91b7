@testable import DutchLandscape
import GLPK
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// SPEC §3 side constraints, pins and forbidden services, through the planner.
@Suite("Rule: siblings, conflicts, pins")
struct SideConstraintTests {
    func plan(_ services: [Service], _ cases: [Case]) throws -> Plan {
        try Planner(solver: GLPKSolver()).plan(PlacementInput(landscape: Fixture.landscape(services), cases: cases))
    }

    func facility(_ p: Plan, _ id: String) -> FacilityID? {
        p.assignments.first { $0.caseID.rawValue == id }?.service?.facility
    }

    @Test("siblings placed in facilities share one, even when splitting them would be cheaper")
    func siblings() throws {
        // each facility has one place near and one far; apart, each child would take the nearer facility
        let near = Fixture.service("A", facility: "FA", capacity: 2, at: Fixture.groningen)
        let far = Fixture.service("B", facility: "FB", capacity: 1, at: GeoPoint(lat: 53.3, lon: 6.6))
        var a = Fixture.child("C1", at: Fixture.groningen), b = Fixture.child("C2", at: GeoPoint(lat: 53.3, lon: 6.6))
        let apart = try plan([near, far], [a, b])
        #expect(facility(apart, "C1") != facility(apart, "C2"))
        a.siblingGroup = "g"
        b.siblingGroup = "g"
        let together = try plan([near, far], [a, b])
        #expect(together.placedCount == 2)
        #expect(facility(together, "C1") == facility(together, "C2"))
        #expect(together.objective > apart.objective)
    }

    @Test("a sibling helped at home is free; the others still share a facility")
    func siblingAtHome() throws {
        let team = Fixture.service("T", facility: nil, careTypes: ["fact"], capacity: 1)
        let f1 = Fixture.service("A", facility: "FA", capacity: 1), f2 = Fixture.service("B", facility: "FB", capacity: 1)
        var cases = [Fixture.child("C1", needs: ["fact"]), Fixture.child("C2"), Fixture.child("C3")]
        for k in cases.indices { cases[k].siblingGroup = "g" }
        let p = try plan([team, f1, f2], cases)
        #expect(p.assignments[0].service?.id == "T")
        // only one facility may be used and each has one place: one of C2, C3 stays unplaced
        #expect(p.placedCount == 2)
    }

    @Test("conflicting cases never share a facility")
    func conflicts() throws {
        let s = Fixture.service("A", facility: "FA", capacity: 2)
        let other = Fixture.service("B", facility: "FB", capacity: 1, at: GeoPoint(lat: 52.0, lon: 5.0))
        var a = Fixture.child("C1")
        let b = Fixture.child("C2")
        let free = try plan([s, other], [a, b])
        #expect(facility(free, "C1") == "FA" && facility(free, "C2") == "FA")
        a.conflictsWith = ["C2"]
        let apart = try plan([s, other], [a, b])
        #expect(apart.placedCount == 2)
        #expect(facility(apart, "C1") != facility(apart, "C2"))
    }

    @Test("a pinned case gets its service even when another is cheaper, and is never left unplaced")
    func pin() throws {
        let near = Fixture.service("A", facility: "FA", capacity: 1)
        let far = Fixture.service("B", facility: "FB", capacity: 1, at: Fixture.enschede, region: "twente", occupied: [Fixture.planning + 60])
        var c = Fixture.child("C1")
        c.pinnedService = "B"
        let p = try plan([near, far], [c])
        #expect(p.assignments[0].service?.id == "B")
        #expect(p.assignments[0].candidate?.waitDays == 60)
    }

    @Test("a pin that cannot hold stops the plan, naming the pin and why")
    func impossiblePin() throws {
        var c = Fixture.child("C1")
        c.pinnedService = "A"
        c.age = 8
        do {
            _ = try plan([Fixture.service("A", ages: 12...18)], [c])
            Issue.record("expected an infeasible plan")
        } catch let error as InfeasiblePlanError {
            #expect(error.description.contains("C1 is pinned to A"))
            #expect(error.description.contains("ages 12–18"))
        }
    }

    @Test("contradictory pins (more pins than places) stop the plan, naming the service and cases")
    func contradictoryPins() throws {
        var a = Fixture.child("C1"), b = Fixture.child("C2")
        a.pinnedService = "A"
        b.pinnedService = "A"
        do {
            _ = try plan([Fixture.service("A", capacity: 1)], [a, b])
            Issue.record("expected an infeasible plan")
        } catch let error as InfeasiblePlanError {
            #expect(error.description.contains("2 cases are pinned to A (C1, C2), which has 1 place"))
        }
    }

    @Test("unplaced children get a reason and an explanation a coordinator can act on")
    func explanations() throws {
        let s = Fixture.service("A", capacity: 1)
        var crisis = Fixture.child("C1")
        crisis.urgency = .crisis
        let waiting = Fixture.child("C2")
        var secure = Fixture.child("C3", needs: ["secure"])
        secure.requiresSecure = true
        let p = try plan([s, Fixture.service("S", careTypes: ["secure"], capacity: 1)], [crisis, waiting, secure])
        #expect(p.assignments[0].isPlaced) // crisis first
        #expect(p.assignments[1].reason == .capacity)
        #expect(p.assignments[1].explanation == .placesWentElsewhere([
            .init(service: "A", distanceKm: 0, outcome: .taken(places: 1, by: ["C1"]))
        ]))
        #expect(p.assignments[2].reason == .noCompatibleService)
        #expect(p.assignments[2].explanation == .excluded([
            .init(service: "S", distanceKm: 0, rule: .secure(required: true))
        ]))
    }
}
