import Foundation
import GLPK
import Placement
import PlacementIO
import PlacementModel
import PlacementTestSupport
@testable import PlacementXLSX
import Testing
import ZIPFoundation

/// assignments.xlsx read back as Excel reads it: sheets, frozen headers,
/// filters, real dates and numbers; the same plan, the same bytes.
@Suite("assignments.xlsx")
struct AssignmentsWorkbookTests {
    static func report() throws -> PlanReport {
        let paths = try Fixture.files([
            "landscape.yaml": """
                planningDate: 2026-11-23
                careTypes: [{ id: home, name: Home }]
                networks: [{ id: noord, name: Noord }]
                regions: [{ id: groningen, name: Groningen, network: noord }]
                facilities:
                  - { id: F1, region: groningen, lat: 53.2, lon: 6.6, services: [{ id: S1, careTypes: [home], mode: residential, capacity: 2 }] }

                """,
            "cases.csv": "id,lat,lon,region,age,needs,urgency\nC1,53.2,6.5,groningen,14,home,crisis\nC2,53.3,6.5,groningen,15,home,\nC3,53.1,6.4,groningen,13,home,high\n",
        ])
        let input = try InputReader.read(landscape: paths["landscape.yaml"] ?? "", cases: paths["cases.csv"] ?? "")
        let plan = try Planner(solver: GLPKSolver()).plan(PlacementProblem(landscape: input.landscape, cases: input.cases))
        return PlanReport(plan: plan, solverName: "GLPK", reproducible: true)
    }

    func entry(_ archive: Archive, _ path: String) throws -> String {
        let found = try #require(archive[path], "no \(path) in the workbook")
        var data = Data()
        _ = try archive.extract(found) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("three sheets: the placed with real dates and numbers, the unplaced with their reasons, a summary; frozen headers and filters")
    func sheets() throws {
        let report = try Self.report()
        let archive = try Archive(data: Data(try AssignmentsWorkbook.bytes(report)), accessMode: .read)
        let workbook = try entry(archive, "xl/workbook.xml")
        for name in ["Proposal", "Unplaced", "Summary"] { #expect(workbook.contains("name=\"\(name)\"")) }
        let proposal = try entry(archive, "xl/worksheets/sheet1.xml")
        #expect(proposal.contains("state=\"frozen\""))
        #expect(proposal.contains("<autoFilter ref=\"A1:M3\"/>"), "two placed children under the header")
        let start = try #require(report.rows.first { $0.placed }?.startDate)
        #expect(proposal.contains("<v>\(start.number + 25_569)</v>"), "the start date is an Excel date serial, not text")
        let unplaced = try entry(archive, "xl/worksheets/sheet2.xml")
        #expect(unplaced.contains("<autoFilter ref=\"A1:H2\"/>"))
        let strings = try entry(archive, "xl/sharedStrings.xml")
        for text in ["C1", "C2", "C3", "capacity", "crisis", "groningen", "noord", "planning date"] { #expect(strings.contains(">\(text)<"), "\(text)") }
    }

    @Test("the same plan gives the same bytes")
    func deterministic() throws {
        let report = try Self.report()
        #expect(try AssignmentsWorkbook.bytes(report) == AssignmentsWorkbook.bytes(report))
    }

    @Test("in Dutch: sheets Voorstel, Zonder plek, Samenvatting, Dutch column titles and labels")
    func dutch() throws {
        var report = try Self.report()
        report.language = .nl
        let archive = try Archive(data: Data(try AssignmentsWorkbook.bytes(report)), accessMode: .read)
        let workbook = try entry(archive, "xl/workbook.xml")
        for name in ["Voorstel", "Zonder plek", "Samenvatting"] { #expect(workbook.contains("name=\"\(name)\"")) }
        let strings = try entry(archive, "xl/sharedStrings.xml")
        for text in ["startdatum", "zorgbehoefte", "plandatum", "kinderen"] { #expect(strings.contains(">\(text)<"), "\(text)") }
    }
}
