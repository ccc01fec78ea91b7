import GLPK
import Placement
@testable import PlacementIO
import PlacementModel
import PlacementTestSupport
import Testing

/// The KPIs of SPEC §4 as a coordinator reads them: nearest-rank
/// percentiles, shares of the placed, utilisation of the places.
@Suite("KPIs")
struct PlanKPIsTests {
    @Test("percentiles are nearest-rank: a value that occurs, at least p of the values at or below it")
    func percentiles() {
        let ten = Distribution((1...10).map(Double.init).reversed())
        #expect(ten == Distribution(mean: 5.5, p50: 5, p90: 9, max: 10))
        #expect(Distribution([7]) == Distribution(mean: 7, p50: 7, p90: 7, max: 7))
        #expect(Distribution([]) == Distribution(mean: 0, p50: 0, p90: 0, max: 0))
        // 11 values: p50 is the 6th, p90 the 10th (ceil(9.9))
        #expect(Distribution((0...10).map(Double.init)) == Distribution(mean: 5, p50: 5, p90: 9, max: 10))
        // skewed: one long wait moves the mean and max, not the median
        #expect(Distribution([0, 0, 0, 0, 100]) == Distribution(mean: 20, p50: 0, p90: 100, max: 100))
    }

    @Test("utilisation counts the places within the horizon and those taken, per care type; shares are of the placed")
    func utilisationAndShares() throws {
        let planning = Fixture.planning
        let services = [
            // 2 places now, one released after the horizon (not counted)
            Fixture.service("home-res", facility: "F1", careTypes: ["home"], capacity: 3, occupied: [planning + 500]),
            Fixture.service("fact-team", facility: nil, careTypes: ["fact"], capacity: 2),
        ]
        let landscape = Fixture.landscape(services)
        let cases = [
            Fixture.child("C1", needs: ["home"]), Fixture.child("C2", needs: ["fact"]),
            Fixture.child("C3", needs: ["secure"]),  // nothing offers it: unplaced
        ]
        let plan = try Planner(solver: GLPKSolver()).plan(PlacementInput(landscape: landscape, cases: cases))
        let kpis = PlanKPIs(plan)
        #expect(kpis.placed == 2 && kpis.unplaced == 1)
        #expect(kpis.unplacedByUrgency == ["crisis": 0, "high": 0, "normal": 1])
        #expect(kpis.utilisationByCareType["home"] == Utilisation(places: 2, used: 1, share: 0.5))
        #expect(kpis.utilisationByCareType["fact"] == Utilisation(places: 2, used: 1, share: 0.5))
        #expect(kpis.utilisationByCareType["secure"] == Utilisation(places: 0, used: 0, share: 0))
        // one of two placed is helped at home (the team); both in their own network
        #expect(kpis.shareHomeBased == 0.5)
        #expect(kpis.shareOutsideNetwork == 0)
        #expect(kpis.distanceKm.max == 0 && kpis.waitDays.max == 0)
    }
}
