@testable import DutchLandscape
import Foundation
import GLPK
@testable import Placement
@testable import PlacementModel
@testable import PlacementScenarios
import Testing

/// `solve --geojson` (SPEC §9): valid GeoJSON with facilities, teams and the
/// 42 Dutch regions, and never a child's home.
@Suite("Plan as GeoJSON")
struct PlanGeoJSONTests {
    @Test("points for facilities and teams with capacity, used and free; the 42 regions with placed, unplaced and mean wait; no child's home")
    func document() throws {
        let input = InstanceGenerator(options: .init(cases: 200, seed: 3)).generate()
        let plan = try Planner(solver: GLPKSolver()).plan(input)
        let text = PlanGeoJSON(plan).document
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        let kinds = features.compactMap { ($0["properties"] as? [String: Any])?["kind"] as? String }
        #expect(kinds.filter { $0 == "facility" }.count == input.landscape.facilities.count)
        #expect(kinds.filter { $0 == "team" }.count == input.landscape.services.filter(\.isTeam).count)
        #expect(kinds.filter { $0 == "region" }.count == 42)
        let regions = features.compactMap { $0["properties"] as? [String: Any] }.filter { $0["kind"] as? String == "region" }
        #expect(regions.reduce(0) { $0 + ($1["placed"] as? Int ?? 0) + ($1["unplaced"] as? Int ?? 0) } == input.cases.count)
        let placesUsed = features.compactMap { $0["properties"] as? [String: Any] }.filter { $0["kind"] as? String != "region" }
            .reduce(0) { $0 + ($1["used"] as? Int ?? 0) }
        #expect(placesUsed == plan.assignments.filter(\.isPlaced).count)
        for c in input.cases {
            let home = "[\(PlanGeoJSON.number(c.home.lon)),\(PlanGeoJSON.number(c.home.lat))]"
            #expect(!text.contains(home), "\(c.id)'s home is in the file")
        }
        #expect(!text.contains("\"C-"), "no case id either")
    }
}
