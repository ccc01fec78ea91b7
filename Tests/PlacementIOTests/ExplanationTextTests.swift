@testable import Placement
@testable import PlacementIO
import PlacementModel
import Testing

/// The words a coordinator reads in assignments.csv for each kind of reason.
@Suite("Explanations in words")
struct ExplanationTextTests {
    let day = Day(year: 2027, month: 1, day: 5) ?? Day(number: 0)

    @Test("full services name who took their places, five at most and a count of the rest")
    func taken() {
        let takers = (1...7).map { CaseID("C\($0)") }
        let e = Explanation.placesWentElsewhere([
            .init(service: "A", distanceKm: 12.4, outcome: .taken(places: 7, by: takers)),
            .init(service: "B", distanceKm: 30.5, outcome: .taken(places: 1, by: ["C9"])),
        ])
        #expect(e.text == "A (12 km): its 7 places within the horizon went to C1, C2, C3, C4, C5 and 2 more; B (31 km): its 1 place within the horizon went to C9")
        #expect(e.reason == .capacity)
    }

    @Test("a place that costs more than leaving the child unplaced, and one kept by side rules")
    func costsMoreAndSideRules() {
        let e = Explanation.placesWentElsewhere([
            .init(service: "A", distanceKm: 80, outcome: .costsMore(release: day, cost: 612.4, unplacedCost: 600)),
            .init(service: "T", distanceKm: 5, outcome: .sideRules),
        ])
        #expect(e.text == "A (80 km) has a place from 2027-01-05, but it would cost 612, more than leaving the child unplaced (600); T (5 km) has a place, but sibling or conflict rules keep the child out of it")
    }

    @Test("no compatible service: the care nobody offers, or the rule that excludes each nearest service")
    func noCompatibleService() {
        #expect(Explanation.careNotOffered(needs: ["secure", "fact"]).text == "no service in the landscape offers secure, fact")
        let excluded = Explanation.excluded([
            .init(service: "S", distanceKm: 3, rule: .secure(required: true)),
            .init(service: "T", distanceKm: 9, rule: .age(12...17)),
        ])
        #expect(excluded.text == "nearest services offering the care: S is not secure care (the child has a court order); T takes ages 12–17")
        #expect(excluded.reason == .noCompatibleService)
        let horizon = Explanation.noPlaceWithinHorizon([.init(service: "A", distanceKm: 2.6)], horizonEnd: day)
        #expect(horizon.text == "A (3 km) has no place free until after 2027-01-05")
        #expect(horizon.reason == .capacity)
    }
}
