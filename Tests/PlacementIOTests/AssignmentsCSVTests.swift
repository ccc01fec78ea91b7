import Foundation
import GLPK
import Placement
@testable import PlacementIO
import PlacementModel
import PlacementTestSupport
import Testing

/// assignments.csv in both dialects, with the columns coordinators used to
/// join back by hand.
@Suite("assignments.csv dialects")
struct AssignmentsCSVTests {
    static func report() throws -> PlanReport {
        let paths = try Fixture.files([
            "landscape.yaml": """
                planningDate: 2026-11-23
                careTypes: [{ id: home, name: Home }, { id: fact, name: FACT }]
                networks: [{ id: noord, name: Noord }]
                regions: [{ id: groningen, name: Groningen, network: noord }]
                facilities:
                  - { id: F1, region: groningen, lat: 53.2, lon: 6.6, services: [{ id: S1, careTypes: [home], mode: residential, capacity: 1 }] }

                """,
            "cases.csv": "id,lat,lon,region,age,needs,urgency\n\"C;1\",53.2,6.5,groningen,14,home|fact,crisis\nC2,53.3,6.5,groningen,15,home,\n",
        ])
        let input = try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: paths["cases.csv"] ?? "")
        let plan = try Planner(solver: GLPKSolver()).plan(PlacementProblem(landscape: input.landscape, cases: input.cases))
        return PlanReport(plan: plan, solverName: "GLPK", reproducible: true)
    }

    @Test("international: ',' and points; nl: BOM, ';' and decimal commas, quoting what holds a ';'; both end with region, network, urgency, needs")
    func dialects() throws {
        let report = try Self.report()
        let plain = report.assignmentsCSV.split(separator: "\n").map(String.init)
        #expect(plain[0] == "id,status,service,facilityOrTeam,mode,careType,startDate,waitDays,distanceKm,cost,reason,explanation,region,network,urgency,needs")
        #expect(plain[1].hasPrefix("C;1,placed,S1,F1,residential,home,2026-11-23,0,"))
        #expect(plain[1].hasSuffix(",,,groningen,noord,crisis,home|fact"))
        let dutch = report.assignmentsCSV(.nl)
        #expect(dutch.hasPrefix("\u{FEFF}id;status;service;"))
        let rows = dutch.dropFirst().split(separator: "\n").map(String.init)
        #expect(rows[1].hasPrefix("\"C;1\";placed;S1;F1;residential;home;2026-11-23;0;"))
        let distance = rows[1].split(separator: ";")[9]
        #expect(distance.contains(",") && !distance.contains("."), "decimal comma: \(distance)")
        #expect(rows[2].contains(";unplaced;") && rows[2].hasSuffix(";groningen;noord;normal;home"))
    }

    @Test("a field is quoted when it holds the separator, a quote or a line break (also \\r\\n), else written as it is")
    func quoting() {
        #expect(PlanReport.csvField("Zoë's plan") == "Zoë's plan")
        #expect(PlanReport.csvField("a,b") == "\"a,b\"")
        #expect(PlanReport.csvField("a,b", separator: ";") == "a,b")
        #expect(PlanReport.csvField("a;b", separator: ";") == "\"a;b\"")
        #expect(PlanReport.csvField("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(PlanReport.csvField("two\r\nlines") == "\"two\r\nlines\"")
        #expect(PlanReport.csvField("two\nlines") == "\"two\nlines\"")
    }
}
